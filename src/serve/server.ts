// `kctl serve`: the fake cluster behind a Kubernetes API server over HTTPS, so that kubectl, Helm
// and client libraries work with it. A second front door onto the layers the CLI uses: discovery
// from the resource registry, reads and writes through the API server, tables from the printers.
// It answers only holders of its bearer token (in the kubeconfig it writes), and sends no CORS
// headers, so a web page cannot drive it.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { isIPv6, type Server as NetServer } from 'node:net';
import { StatusError } from '../api/errors.js';
import { clockOf, StateAccess, StateReadCache } from '../cluster/access.js';
import { ChangeFeed } from '../store/changefeed.js';
import {
  AGGREGATED_CONTENT_TYPE,
  aggregatedDiscovery,
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
  SERVER_VERSION,
  servesGroupVersion,
  wantsAggregated,
} from './discovery.js';
import { committer, type Commit } from './commit.js';
import { readBody, send, sendError, type Reply } from './http.js';
import { openapiReply, openapiV2Reply } from './openapi.js';
import { acceptsOnlyProtobuf, asProtobuf } from './protobuf.js';
import type { Transaction } from '../kubelet/attached.js';
import { isProxyPath, serveProxy } from './proxy.js';
import { handleResource, parseTarget } from './resources.js';
import { isReviewGroup, reviewReply } from './reviews.js';
import { METRICS_GROUP, metricsReply } from './metrics.js';
import { isUnstored, unstoredReply } from './unstored.js';

export interface ServerOptions {
  statePath: string;
  env: NodeJS.ProcessEnv;
  /** The bearer token clients must send; null serves everyone (kctl proxy, on its own listener). */
  token: string | null;
  /** `host:port` clients reach the server at (for /api's serverAddressByClientCIDRs). */
  hostPort: () => string;
  /** The kubernetesVersion of the cluster (gitVersion of /version). */
  gitVersion: string;
  debug?: boolean;
  /** The write queue, shared with the streams (exec, attach), whose transactions queue with the writes. */
  commit?: Commit;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function authorized(req: IncomingMessage, token: string | null): boolean {
  if (token === null) return true;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]);
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

const notFound = () => new StatusError('NotFound', 'the server could not find the requested resource');

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

/** The request handler: authentication, then discovery, health, version, or objects. */
export function apiHandler(o: ServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const readCache = new StateReadCache();
  const access = () => new StateAccess(o.statePath, o.env, clockOf(o.env), { readCache });
  const commit = o.commit ?? committer(access);
  const changes = new ChangeFeed(o.statePath, () => readCache.read(o.statePath));
  const proxyContext = { statePath: o.statePath, env: o.env, debug: o.debug, change: ((fn) => commit(fn, { dryRun: false, alone: true })) as Transaction };
  const route = async (req: IncomingMessage): Promise<Reply> => {
    const url = new URL(req.url ?? '/', 'https://kctl');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const reading = method === 'GET' || method === 'HEAD';
    if (HEALTH.has(path) || [...HEALTH].some((h) => path.startsWith(`${h}/`))) {
      if (!reading) throw new StatusError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return { text: 'ok' };
    }
    if (path === '/version') return { body: { ...SERVER_VERSION, gitVersion: o.gitVersion, gitCommit: '', gitTreeState: 'clean', buildDate: '', goVersion: 'go1.23.6', compiler: 'gc' } };
    if (path === '/openapi/v3' || path.startsWith('/openapi/v3/')) {
      if (!reading) throw new StatusError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return openapiReply(req, url);
    }
    if (path === '/openapi/v2') {
      if (!reading) throw new StatusError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return openapiV2Reply(req, o.gitVersion);
    }
    if (path === '/openapi' || path.startsWith('/openapi/')) throw notFound();
    const parts = path.split('/').slice(1);
    let group: string;
    let version: string | undefined;
    let rest: string[];
    if (parts[0] === 'api') {
      group = '';
      version = parts[1];
      rest = parts.slice(2);
      if (!version && reading) return wantsAggregated(req.headers.accept) ? aggregated(true) : { body: apiVersions(o.hostPort()) };
    } else if (parts[0] === 'apis') {
      group = parts[1] ?? '';
      version = parts[2];
      rest = parts.slice(3);
      if (!group && reading) return wantsAggregated(req.headers.accept) ? aggregated(false) : { body: apiGroupList() };
      if (!version && reading) {
        const doc = apiGroupDocument(group);
        if (doc) return { body: doc };
      }
    } else {
      throw notFound();
    }
    if (version && isReviewGroup(group)) return reviewReply(method, group, version, rest, req.headers['content-type'], () => readBody(req));
    if (version && isUnstored(group, version, rest, method)) return unstoredReply(rest, new StateAccess(o.statePath, o.env, clockOf(o.env), { readCache }));
    if (version && group === METRICS_GROUP) return metricsReply(method, version, rest.map(decodeURIComponent), url.searchParams, access());
    if (!version || !servesGroupVersion(group, version)) throw notFound();
    if (!rest.length) {
      if (!reading) throw new StatusError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return { body: apiResourceList(group, version) };
    }
    let body: Promise<Buffer> | undefined;
    return handleResource({
      method,
      target: parseTarget(group, version, rest.map(decodeURIComponent)),
      query: url.searchParams,
      accept: req.headers.accept,
      contentType: req.headers['content-type'],
      userAgent: req.headers['user-agent'],
      body: () => (body ??= readBody(req)),
      access: access(),
      serverToken: o.token ?? '',
      commit,
      changes,
    });
  };
  return (req, res) => {
    if (!authorized(req, o.token)) {
      // The body is not read: close the connection rather than drain it.
      res.setHeader('Connection', 'close');
      return sendError(res, new StatusError('Unauthorized', 'Unauthorized'));
    }
    if (isProxyPath(new URL(req.url ?? '/', 'https://kctl').pathname)) return serveProxy(proxyContext, req, res);
    route(req)
      .then((reply) => (acceptsOnlyProtobuf(req.headers.accept) && !reply.stream ? asProtobuf(reply) : reply))
      .then(
        (reply) => {
          if (reply.takeOver) return reply.takeOver(res, req);
          if (req.method === 'HEAD') reply = { ...reply, text: '', raw: undefined, stream: undefined };
          send(res, reply);
        },
        (e: unknown) => {
          if (e instanceof StatusError && e.reason === 'RequestEntityTooLarge') res.setHeader('Connection', 'close');
          sendError(res, e, o.debug);
        },
      );
  };
}

function aggregated(core: boolean): Reply {
  return { body: aggregatedDiscovery(core), contentType: AGGREGATED_CONTENT_TYPE };
}

/** `https://127.0.0.1:6443`: a wildcard address is reached through the loopback. */
export function serverURL(address: string, port: number): string {
  const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  return `https://${isIPv6(host) ? `[${host}]` : host}:${port}`;
}

export function listen(server: NetServer, port: number, address: string): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, address, () => {
      server.off('error', fail);
      const a = server.address();
      done(typeof a === 'object' && a ? a.port : port);
    });
  });
}

export function httpsServer(tls: { cert: string; key: string }, handler: ReturnType<typeof apiHandler>): Server {
  return createServer({ cert: tls.cert, key: tls.key }, handler);
}
