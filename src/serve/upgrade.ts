// Connection upgrades (SPDY, WebSocket), dispatched by the pod subresource they are for, after
// the same bearer-token check as every request.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { StatusError } from '../api/errors.js';
import { refuseUpgrade } from './portforward.js';
import { authorized } from './server.js';

export type Upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export function upgradeHandler(token: string, bySubresource: Record<string, Upgrade>): Upgrade {
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (!authorized(req, token)) return refuseUpgrade(socket, new StatusError('Unauthorized', 'Unauthorized'));
    const sub = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/([^/]+)$/.exec(new URL(req.url ?? '/', 'https://kctl').pathname)?.[1];
    const handle = sub !== undefined && Object.hasOwn(bySubresource, sub) ? bySubresource[sub] : undefined;
    if (!handle) return refuseUpgrade(socket, new StatusError('NotFound', 'the server could not find the requested resource'));
    handle(req, socket, head);
  };
}
