// pods/proxy and services/proxy: the API server passes the request on to a pod (its IP and
// port) or to one of a Service's endpoints, over the simulated network from the API server's own
// machine, and answers with what came back. The request is carried by the bridge, as a
// published port's is: one transaction, taken once the body has arrived.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError } from '../api/errors.js';
import { podLocation, serviceLocation, Unavailable } from '../apiserver/proxy.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Transaction } from '../kubelet/attached.js';
import { BridgeError, carry } from '../kubelet/bridge.js';
import type { Header } from '../networking/http.js';
import { readBody, send, sendError } from './http.js';

const PROXY_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|services)\/([^/]+)\/proxy(\/.*)?$/;

export interface ProxyContext {
  statePath: string;
  env: NodeJS.ProcessEnv;
  change: Transaction;
  debug?: boolean;
}

export function isProxyPath(pathname: string): boolean {
  return PROXY_PATH.test(pathname);
}

/** Headers the API server does not pass on: its own credentials, and the hop's framing. */
const DROPPED = new Set(['authorization', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

export function serveProxy(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'https://kctl');
  const m = PROXY_PATH.exec(url.pathname)!;
  const [namespace, resource, id] = [decodeURIComponent(m[1]), m[2], decodeURIComponent(m[3])];
  const rest = m[4] ?? '';
  // A proxied root without its slash is sent to the slash, so relative links resolve under it.
  if (!rest && (req.method === 'GET' || req.method === 'HEAD')) {
    res.writeHead(301, { Location: `${url.pathname}/${url.search}`, 'Content-Type': 'text/html; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : `<a href="${url.pathname}/${url.search}">Moved Permanently</a>.\n\n`);
    return;
  }
  run(ctx, req, res, { namespace, resource, id, path: `${rest || '/'}${url.search}` }).catch((e: unknown) => {
    if (res.headersSent) return res.destroy();
    if (e instanceof Unavailable) {
      return send(res, { status: 503, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e.message, reason: e.reason, code: 503 } });
    }
    if (e instanceof StatusError) return sendError(res, e);
    const message = e instanceof BridgeError ? `error trying to reach service: ${e.message}` : `Internal error occurred: ${(e as Error).message}`;
    send(res, { status: 500, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 } });
  });
}

async function run(ctx: ProxyContext, req: IncomingMessage, res: ServerResponse, t: { namespace: string; resource: string; id: string; path: string }): Promise<void> {
  const body = await readBody(req);
  // The Host header names the address found in the transaction.
  const host: Header = ['Host', ''];
  const headers: Header[] = [host];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) if (!DROPPED.has(req.rawHeaders[i].toLowerCase())) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  const locate = (cluster: Cluster) => {
    const loc = t.resource === 'pods' ? podLocation(cluster, t.namespace, t.id) : serviceLocation(cluster, t.namespace, t.id);
    const to = { ip: loc.ip, port: loc.port ?? (loc.scheme === 'https' ? 443 : 80) };
    host[1] = loc.port === undefined ? loc.ip : `${loc.ip}:${loc.port}`;
    return to;
  };
  const sim = await carry({ kind: 'apiserver', locate }, { method: req.method ?? 'GET', target: t.path, headers, body: body.toString('utf8') }, ctx, undefined, t.id.startsWith('https:'));
  const flat: string[] = [];
  for (const [n, v] of sim.res.headers) if (!DROPPED.has(n.toLowerCase())) flat.push(n, v);
  const out = Buffer.from(sim.res.body, 'utf8');
  if (req.method !== 'HEAD') flat.push('Content-Length', String(out.length));
  res.writeHead(sim.res.status, sim.res.reason ?? undefined, flat);
  res.end(req.method === 'HEAD' ? undefined : out);
}
