// Real HTTP clients on the host for kctl's published ports: curl when it is on PATH (as people
// use it), else Node's client; raw sockets for what clients never send (malformed requests).

import { spawnSync } from 'node:child_process';
import { request, Agent } from 'node:http';
import { connect, createServer } from 'node:net';
import { runProcess } from './kctl.js';

export const CURL = (() => {
  const r = spawnSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
})();

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Which local port the client used: the same for requests on one kept-alive connection. */
  localPort: number;
}

/** One request with Node's client. */
export function get(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: Agent } = {}): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: opts.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), localPort: req.socket?.localPort ?? 0 }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}

/** The body of a GET, through curl when there is one (else Node's client). */
export async function fetchText(url: string, headers: Record<string, string> = {}): Promise<string> {
  if (!CURL) return (await get(url, { headers })).body;
  const r = await runProcess(CURL, ['-sS', '--max-time', '60', ...Object.entries(headers).flatMap(([n, v]) => ['-H', `${n}: ${v}`]), url]);
  if (r.code !== 0) throw new Error(`curl ${url} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Bytes written on a raw connection, and everything read until the server closes it. */
export function raw(port: number, text: string): Promise<string> {
  return new Promise((done, fail) => {
    const s = connect(port, '127.0.0.1', () => s.write(text));
    let got = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => (got += d));
    s.on('close', () => done(got));
    s.on('error', fail);
  });
}

/** Whether a connection to the port is refused (nothing listens). */
export function refused(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = connect(port, '127.0.0.1', () => {
      s.destroy();
      done(false);
    });
    s.on('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED'));
  });
}

/** A port of the node-port range nothing on this machine listens on at the moment. */
export async function freeNodePort(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 30000 + Math.floor(Math.random() * 2768);
    const free = await new Promise<boolean>((done) => {
      const srv = createServer();
      srv.once('error', () => done(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port in 30000-32767');
}
