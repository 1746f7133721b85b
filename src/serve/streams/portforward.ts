// The pods/portforward subresource, as kubectl v1.32 speaks it: SPDY/3.1 (`portforward.k8s.io`),
// either tunnelled in a WebSocket (`SPDY/3.1+portforward.k8s.io`, tried first) or straight on the
// upgraded connection. Each forwarded connection is a pair of streams with the same requestid:
// `data` carries its bytes (served by the bridge into the pod's localhost:port) and `error`
// carries the kubelet's message when the port cannot be reached.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SpdyStream } from 'spdy-transport';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { StatusError, notFound, statusOf } from '../../api/errors.js';
import { clockOf, StateAccess } from '../../cluster/access.js';
import type { Transaction } from '../../kubelet/attached.js';
import { bridgeServer } from '../../kubelet/bridge.js';
import { spdyServer } from './spdy.js';

export interface PortForwardOptions {
  statePath: string;
  env: NodeJS.ProcessEnv;
  change: Transaction;
}

const PROTOCOL = 'portforward.k8s.io';
const TUNNEL_PROTOCOL = `SPDY/3.1+${PROTOCOL}`;
const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/;

/** An API error on a connection that was never upgraded. */
export function refuseUpgrade(socket: Duplex, e: StatusError): void {
  const body = JSON.stringify(statusOf(e));
  socket.end(`HTTP/1.1 ${e.code} ${e.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** Serves the SPDY session on an upgraded connection (or a WebSocket tunnel's byte stream). */
function session(conn: Duplex, ns: string, name: string, uid: string, o: PortForwardOptions): void {
  const spdyConn = spdyServer(conn);
  const errors = new Map<string, SpdyStream>();
  const pending = new Map<string, { data: SpdyStream; message?: string }>();
  spdyConn.on('error', () => conn.destroy());
  spdyConn.on('stream', (stream) => {
    stream.respond(200, {});
    stream.on('error', () => undefined);
    const id = stream.headers.requestid ?? '';
    const port = Number(stream.headers.port);
    if (stream.headers.streamtype === 'error') {
      errors.set(id, stream);
      // The client only reads it; a message for it may have come before it.
      stream.resume();
      const early = pending.get(id)?.message;
      if (early !== undefined) stream.end(early);
      return;
    }
    if (stream.headers.streamtype !== 'data') return stream.destroy();
    const entry: { data: typeof stream; message?: string } = { data: stream };
    pending.set(id, entry);
    const report = (message: string) => {
      const err = errors.get(id);
      if (err) err.end(message);
      else entry.message = message;
    };
    const bridge = bridgeServer(
      { kind: 'pod', namespace: ns, name, uid, port },
      {
        ...o,
        // A pod that is gone takes its kubelet's streams with it: kubectl then says it lost the pod.
        onError: (e) => (/ is gone$/.test(e.message) ? conn.destroy() : report(`error forwarding port ${port} to pod ${uid}, uid : ${e.message}`)),
      },
    );
    stream.on('close', () => {
      pending.delete(id);
      errors.get(id)?.end();
      errors.delete(id);
    });
    bridge.emit('connection', stream);
  });
  spdyConn.start(3.1);
}

type Upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** The upgrade of pods/portforward (the caller has authenticated the request and matched its path). */
export function portForwardUpgrade(o: PortForwardOptions): Upgrade {
  return (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'https://kctl').pathname;
    const m = PATH.exec(path);
    if (!m) return refuseUpgrade(socket, new StatusError('NotFound', 'the server could not find the requested resource'));
    const [ns, name] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
    void (async () => {
      const cluster = await new StateAccess(o.statePath, o.env, clockOf(o.env)).read();
      const pod = cluster.store.get('pods', ns, name);
      if (!pod) return refuseUpgrade(socket, notFound('pods', name));
      if (pod.status?.phase !== 'Running') return refuseUpgrade(socket, new StatusError('BadRequest', `pod ${name} is not running and cannot be port-forwarded`));
      const uid = pod.metadata.uid ?? '';
      const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
      if (upgrade === 'websocket') {
        const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
        if (!offered.includes(TUNNEL_PROTOCOL)) return refuseUpgrade(socket, new StatusError('BadRequest', `unable to upgrade: no supported protocol in ${JSON.stringify(offered)}`));
        // ws checks subprotocols as tokens, and `/` is not a token character: answered by hand.
        delete req.headers['sec-websocket-protocol'];
        const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
        wss.on('headers', (headers) => headers.push(`Sec-WebSocket-Protocol: ${TUNNEL_PROTOCOL}`));
        wss.handleUpgrade(req, socket, head, (ws) => {
          const stream = createWebSocketStream(ws);
          stream.on('error', () => ws.terminate());
          session(stream, ns, name, uid, o);
        });
        return;
      }
      if (!/^spdy\/3\.1$/i.test(upgrade)) return refuseUpgrade(socket, new StatusError('BadRequest', 'unable to upgrade: missing upgrade headers in request'));
      const versions = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map((p) => p.trim());
      if (!versions.includes(PROTOCOL)) return refuseUpgrade(socket, new StatusError('Forbidden', `unable to upgrade: unable to negotiate protocol: client supports ${JSON.stringify(versions)}, server supports ["${PROTOCOL}"]`));
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${PROTOCOL}\r\n\r\n`);
      if (head.length) socket.unshift(head);
      session(socket, ns, name, uid, o);
    })().catch((e: unknown) => refuseUpgrade(socket, e instanceof StatusError ? e : new StatusError('InternalError', `Internal error occurred: ${(e as Error).message}`)));
  };
}
