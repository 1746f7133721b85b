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

/** One exec or attach session's streams. */
export class Channels implements LineSource {
  private readonly lines: string[] = [];
  private partial = '';
  private ended = false;
  private waiter: (() => void) | undefined;
  private received = 0;
  private readonly decoder = new StringDecoder('utf8');
  private readonly tty: LineDiscipline | undefined;
  /** The terminal's size as the client last told it. */
  size: { width: number; height: number } | undefined;
  /** Told when the client goes away (its process sees the end of its input). */
  closed: Promise<void>;

  constructor(
    private readonly ws: WebSocket,
    tty: boolean,
  ) {
    this.tty = tty ? new LineDiscipline((echo) => this.send(STDOUT, echo), (line) => this.push(line), () => this.end()) : undefined;
    ws.on('message', (data: Buffer, isBinary: boolean) => this.receive(isBinary ? data : Buffer.from(data)));
    this.closed = new Promise((done) => ws.once('close', () => {
      this.end();
      done();
    }));
  }

  get protocol(): string {
    return this.ws.protocol;
  }

  private receive(data: Buffer): void {
    if (data.length === 0) return;
    const channel = data[0];
    const payload = data.subarray(1);
    if (channel === STDIN) {
      if (this.ended) return;
      this.received += payload.length;
      if (this.received > MAX_STREAM_STDIN) return this.end();
      const text = this.decoder.write(payload);
      if (this.tty) this.tty.input(text);
      else this.take(text);
    } else if (channel === RESIZE) {
      try {
        const { Width, Height } = JSON.parse(payload.toString()) as { Width?: number; Height?: number };
        this.size = { width: Number(Width) || 0, height: Number(Height) || 0 };
      } catch {
        // A malformed resize is dropped, as the kubelet drops it.
      }
    } else if (channel === CLOSE && payload[0] === STDIN && this.ws.protocol === PROTOCOLS[0]) {
      if (!this.tty) this.take(this.decoder.end());
      this.end();
    }
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

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.partial) this.lines.push(this.partial);
    this.partial = '';
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
    if (this.ws.readyState !== this.ws.OPEN || text === '') return;
    this.ws.send(Buffer.concat([Buffer.of(channel), Buffer.from(text, 'utf8')]), { binary: true });
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
    if (this.ws.readyState !== this.ws.OPEN) return Promise.resolve();
    this.send(ERROR, JSON.stringify(status));
    return new Promise((done) => {
      this.ws.close(1000);
      const timer = setTimeout(() => this.ws.terminate(), 5000);
      timer.unref();
      this.ws.once('close', () => {
        clearTimeout(timer);
        done();
      });
    });
  }
}

/** Completes the WebSocket handshake. */
export async function acceptChannels(req: IncomingMessage, socket: Duplex, head: Buffer, tty: boolean): Promise<Channels> {
  const s = await server();
  return new Promise((done) => s.handleUpgrade(req, socket, head, (ws) => done(new Channels(ws, tty))));
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
