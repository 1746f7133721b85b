// The remote command protocol of exec and attach over WebSocket, as a v1.32 API server speaks it:
// `v5.channel.k8s.io` (kubectl's default) or `v4.channel.k8s.io`. Every binary message starts
// with its channel: 0 stdin, 1 stdout, 2 stderr, 3 error (the Status that ends the command),
// 4 resize ({"Width":80,"Height":24}); v5 adds 255, a client's close of a channel (stdin's end).

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { WebSocket, WebSocketServer } from 'ws';
import type { LineSource } from '../../kubelet/attached.js';
import { LineDiscipline } from './tty.js';

export const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
const CLOSE = 255;

/** What a client may send to a container's process: 8 MiB, as kctl exec -i passes on. */
export const MAX_STREAM_STDIN = 8 * 1024 * 1024;

let wss: WebSocketServer | undefined;

async function server(): Promise<WebSocketServer> {
  if (!wss) {
    const { WebSocketServer } = await import('ws');
    wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
    });
  }
  return wss;
}

/** Whether the upgrade asks for a protocol kctl serve speaks. */
export function offersChannels(req: IncomingMessage): boolean {
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return String(req.headers.upgrade ?? '').toLowerCase() === 'websocket' && PROTOCOLS.some((p) => offered.includes(p));
}

/** How a session's bytes travel: WebSocket channels, or SPDY streams. */
export interface Transport {
  /** Sends bytes on a channel (1 stdout, 2 stderr); nothing once the client has gone. */
  send(channel: number, data: Buffer): void;
  /** Sends the Status that ends the session, then closes the connection. */
  finish(status: object): Promise<void>;
}

export const SPDY_PROTOCOL = 'v4.channel.k8s.io';

/** Whether the upgrade asks for SPDY/3.1 with a protocol kctl serve speaks over it (spdy.ts). */
export function offersSpdy(req: IncomingMessage): boolean {
  const offered = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map((p) => p.trim());
  return String(req.headers.upgrade ?? '').toLowerCase() === 'spdy/3.1' && offered.includes(SPDY_PROTOCOL);
}

/** One exec or attach session's streams, whatever carries them. */
export class Channels implements LineSource {
  private readonly lines: string[] = [];
  private partial = '';
  private ended = false;
  private waiter: (() => void) | undefined;
  private received = 0;
  private readonly decoder = new StringDecoder('utf8');
  private readonly tty: LineDiscipline | undefined;
  private transport!: Transport;
  /** The terminal's size as the client last told it. */
  size: { width: number; height: number } | undefined;
  /** Resolves when the client has gone (its process then sees the end of its input). */
  readonly closed: Promise<void>;
  private gone!: () => void;

  constructor(tty: boolean) {
    this.tty = tty ? new LineDiscipline((echo) => this.send(STDOUT, echo), (line) => this.push(line), () => this.endInput()) : undefined;
    this.closed = new Promise((done) => (this.gone = done));
  }

  attach(transport: Transport): this {
    this.transport = transport;
    return this;
  }

  /** Bytes the client sent on stdin. */
  input(payload: Buffer): void {
    if (this.ended) return;
    this.received += payload.length;
    if (this.received > MAX_STREAM_STDIN) return this.endInput();
    const text = this.decoder.write(payload);
    if (this.tty) this.tty.input(text);
    else this.take(text);
  }

  /** The client closed stdin. */
  endInput(): void {
    if (this.ended) return;
    if (!this.tty) this.take(this.decoder.end());
    this.ended = true;
    if (this.partial) this.lines.push(this.partial);
    this.partial = '';
    this.wake();
  }

  resize(payload: Buffer): void {
    try {
      const { Width, Height } = JSON.parse(payload.toString()) as { Width?: number; Height?: number };
      this.size = { width: Number(Width) || 0, height: Number(Height) || 0 };
    } catch {
      // A malformed resize is dropped, as the kubelet drops it.
    }
  }

  /** The connection is gone. */
  disconnected(): void {
    this.endInput();
    this.gone();
  }

  private take(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop()!;
    for (const p of parts) this.push(p);
  }

  private push(line: string): void {
    this.lines.push(line);
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  lineReady(): string | null | undefined {
    if (this.lines.length) return this.lines.shift()!;
    return this.ended ? null : undefined;
  }

  async readLine(): Promise<string | null> {
    for (;;) {
      const ready = this.lineReady();
      if (ready !== undefined) return ready;
      await new Promise<void>((r) => (this.waiter = r));
    }
  }

  private send(channel: number, text: string): void {
    if (text !== '') this.transport.send(channel, Buffer.from(text, 'utf8'));
  }

  /** The process's output; a terminal turns its newlines into CR LF. */
  stdout(text: string): void {
    this.send(STDOUT, this.tty ? text.replace(/\r?\n/g, '\r\n') : text);
  }

  stderr(text: string): void {
    if (this.tty) this.stdout(text);
    else this.send(STDERR, text);
  }

  /** Ends the session with its Status on the error channel, then closes the connection. */
  finish(status: object): Promise<void> {
    return this.transport.finish(status);
  }
}

/** The channel protocol over a WebSocket: each message's first byte names its channel. */
function overWebSocket(ws: WebSocket, ch: Channels): Transport {
  const v5 = ws.protocol === PROTOCOLS[0];
  ws.on('message', (data: Buffer) => {
    if (data.length === 0) return;
    const payload = data.subarray(1);
    if (data[0] === STDIN) ch.input(payload);
    else if (data[0] === RESIZE) ch.resize(payload);
    else if (data[0] === CLOSE && v5 && payload[0] === STDIN) ch.endInput();
  });
  ws.once('close', () => ch.disconnected());
  const send = (channel: number, data: Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.of(channel), data]), { binary: true });
  };
  return {
    send,
    finish(status) {
      if (ws.readyState !== ws.OPEN) return Promise.resolve();
      send(ERROR, Buffer.from(JSON.stringify(status)));
      return new Promise((done) => {
        ws.close(1000);
        const timer = setTimeout(() => ws.terminate(), 5000);
        timer.unref();
        ws.once('close', () => {
          clearTimeout(timer);
          done();
        });
      });
    },
  };
}

/** Completes the WebSocket handshake. */
export async function acceptChannels(req: IncomingMessage, socket: Duplex, head: Buffer, tty: boolean): Promise<Channels> {
  const s = await server();
  return new Promise((done) =>
    s.handleUpgrade(req, socket, head, (ws) => {
      const ch = new Channels(tty);
      done(ch.attach(overWebSocket(ws, ch)));
    }),
  );
}

/** The Status of a command that ended: Success, or NonZeroExitCode with the code as kubectl reads it. */
export function exitStatus(code: number, argv: string[]): object {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** An error the kubelet meets while streaming: a Failure Status whose message kubectl prints. */
export function failureStatus(message: string, reason = 'InternalError', code = 500): object {
  return { metadata: {}, status: 'Failure', message, reason, code };
}
