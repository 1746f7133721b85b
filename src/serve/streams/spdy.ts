// The channel protocol over SPDY/3.1, kubectl's fallback when the WebSocket upgrade fails (and
// what it speaks with KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false): `v4.channel.k8s.io`, one SPDY
// stream per channel, named by its `streamType` header (error, stdin, stdout, stderr, resize).

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import transport, { type SpdyConnection, type SpdyStream } from 'spdy-transport';
import { Channels, SPDY_PROTOCOL } from './channels.js';

export interface Wanted {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** How long the client has to open its streams after the upgrade, as the kubelet's streamCreationTimeout. */
const STREAMS_WITHIN_MS = 30_000;

/** The server side of a SPDY/3.1 session on an upgraded connection (exec, attach, port-forward). */
export function spdyServer(socket: Duplex): SpdyConnection {
  const conn = transport.connection.create(socket, { protocol: 'spdy', isServer: true });
  // spdy-transport wants HTTP's :method and :path on every stream, which kubectl's streams do not carry.
  const parser = conn._spdyState.parser;
  const parseKVs = parser.parseKVs.bind(parser);
  parser.parseKVs = (buffer, callback) => parseKVs(buffer, (err, headers) => callback(err, headers && { ':method': 'POST', ':path': '/', ...headers }));
  return conn;
}

export async function acceptSpdy(req: IncomingMessage, socket: Duplex, head: Buffer, want: Wanted): Promise<Channels> {
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${SPDY_PROTOCOL}\r\n\r\n`);
  if (head.length) socket.unshift(head);
  const conn = spdyServer(socket);
  conn.start(3.1);
  const ch = new Channels(want.tty);
  const needed = ['error', ...(want.stdin ? ['stdin'] : []), ...(want.stdout ? ['stdout'] : []), ...(want.stderr && !want.tty ? ['stderr'] : []), ...(want.tty ? ['resize'] : [])];
  const streams = new Map<string, SpdyStream>();
  socket.once('close', () => ch.disconnected());
  conn.on('error', () => socket.destroy());
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => {
      socket.destroy();
      fail(new Error('timed out waiting for the client to create its streams'));
    }, STREAMS_WITHIN_MS);
    timer.unref();
    let replied = 0;
    conn.on('stream', (stream) => {
      const type = String(stream.headers.streamtype ?? '');
      stream.on('error', () => undefined);
      if (type === 'stdin') {
        stream.on('data', (b: Buffer) => ch.input(b));
        stream.on('end', () => ch.endInput());
      } else if (type === 'resize') {
        stream.on('data', (b: Buffer) => ch.resize(b));
      } else stream.resume();
      streams.set(type, stream);
      // The process starts once every stream the client asked for has its reply on the wire.
      stream.respond(200, {}, () => {
        if (++replied === streams.size && needed.every((n) => streams.has(n))) {
          clearTimeout(timer);
          ready();
        }
      });
    });
  });
  const named = ['', 'stdout', 'stderr'];
  return ch.attach({
    send(channel, data) {
      const s = streams.get(named[channel]);
      if (s && !socket.destroyed && s.writable) s.write(data);
    },
    finish(status) {
      if (socket.destroyed) return Promise.resolve();
      return new Promise((done) => {
        // Output first, then the Status; the client closes the connection once it has read both.
        for (const [type, s] of streams) if (type !== 'error') s.end();
        streams.get('error')!.end(JSON.stringify(status));
        const timer = setTimeout(() => socket.destroy(), 5000);
        timer.unref();
        socket.once('close', () => {
          clearTimeout(timer);
          done();
        });
      });
    },
  });
}
