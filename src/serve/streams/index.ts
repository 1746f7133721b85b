// Upgraded connections of kctl serve (the HTTPS server's `upgrade` event), dispatched by the pod
// subresource they are for. exec and attach speak the channel protocol over WebSocket or, as
// kubectl's fallback, SPDY/3.1; a request that cannot be served gets the answer a v1.32 API
// server gives before upgrading: a Status, or the kubelet's plain-text refusal, which kubectl
// prints after `unable to upgrade connection: `.

import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { StatusError, statusOf } from '../../api/errors.js';
import type { Cluster } from '../../cluster/cluster.js';
import type { Transaction } from '../../kubelet/attached.js';
import { acceptChannels, offersChannels, offersSpdy } from './channels.js';
import { KubeletRefusal, serveAttach, serveExec, type Accept, type StreamContext, type StreamTarget } from './exec.js';

export interface UpgradeOptions {
  statePath: string;
  env: NodeJS.ProcessEnv;
  authorized(req: IncomingMessage): boolean;
  read(): Promise<Cluster>;
  change: Transaction;
  debug?: boolean;
  /** pods/portforward, which takes the upgrade itself (SPDY streams of raw bytes, not channels). */
  portforward?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

type Handler = (ctx: StreamContext, t: StreamTarget, accept: Accept) => Promise<void>;

/** The pod subresources served over an upgraded connection. */
const SUBRESOURCES: Record<string, Handler> = {
  exec: serveExec,
  attach: serveAttach,
};

const POD_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/([^/]+)\/?$/;

/** Answers on the raw socket, as the server would before switching protocols. */
function refuse(socket: Duplex, code: number, body: string, contentType: string): void {
  if (socket.destroyed) return;
  const payload = Buffer.from(body);
  socket.end(
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\nContent-Type: ${contentType}\r\nCache-Control: no-cache, private\r\n` +
      `Content-Length: ${payload.length}\r\nConnection: close\r\n\r\n${payload}`,
  );
}

function refuseWith(socket: Duplex, e: unknown, debug?: boolean): void {
  if (e instanceof KubeletRefusal) return refuse(socket, 500, e.message, 'text/plain; charset=utf-8');
  const err = e instanceof StatusError ? e : new StatusError('InternalError', `Internal error occurred: ${debug && e instanceof Error ? e.stack : (e as Error)?.message ?? String(e)}`);
  refuse(socket, err.code, JSON.stringify(statusOf(err)) + '\n', 'application/json');
}

export function upgradeHandler(o: UpgradeOptions): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const ctx: StreamContext = { statePath: o.statePath, env: o.env, read: o.read, change: o.change };
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (!o.authorized(req)) return refuseWith(socket, new StatusError('Unauthorized', 'Unauthorized'));
    const url = new URL(req.url ?? '/', 'https://kctl');
    const m = POD_PATH.exec(url.pathname);
    if (m?.[3] === 'portforward' && o.portforward) return o.portforward(req, socket, head);
    const handler = m ? SUBRESOURCES[m[3]] : undefined;
    if (!m || !handler) return refuseWith(socket, new StatusError('NotFound', 'the server could not find the requested resource'));
    const target: StreamTarget = { namespace: decodeURIComponent(m[1]), pod: decodeURIComponent(m[2]), query: url.searchParams };
    const q = target.query;
    const on = (key: string) => q.get(key) === 'true' || q.get(key) === '1';
    const run = async () => {
      let accept: Accept;
      if (offersChannels(req)) accept = (tty) => acceptChannels(req, socket, head, tty);
      else if (offersSpdy(req)) {
        const { acceptSpdy } = await import('./spdy.js');
        accept = (tty) => acceptSpdy(req, socket, head, { stdin: on('stdin'), stdout: on('stdout'), stderr: on('stderr'), tty });
      } else {
        // Checked as any other request first, so the client sees the real error when there is one.
        const { precheck } = await import('./exec.js');
        await precheck(ctx, target);
        throw new StatusError('BadRequest', `kctl serve streams ${m[3]} over WebSocket (v5.channel.k8s.io, v4.channel.k8s.io) or SPDY/3.1 (v4.channel.k8s.io)`);
      }
      await handler(ctx, target, accept);
    };
    run().catch((e: unknown) => refuseWith(socket, e, o.debug));
  };
}
