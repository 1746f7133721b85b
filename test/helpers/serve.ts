// Starts `kctl serve --port 0` on a sandbox's state file and talks to it: as kubectl does (the
// upstream binary with the written kubeconfig and a fresh discovery cache), or with plain HTTPS
// requests that trust the served CA.

import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess, startProcess, type Result, type Running, type Sandbox } from './kctl.js';
import { upstreamBinaries } from './kubectl.js';

export interface Served {
  url: string;
  kubeconfig: string;
  token: string;
  ca: string;
  /** What `kctl serve` printed when it started. */
  banner: string;
  process: Running;
  /** SIGTERM, then the server's exit. */
  stop(): Promise<Result>;
}

/**
 * Starts the server on a free port. The cluster's ports are published only when args ask for
 * it (a `--publish-address` or `--ingress-…-port` flag), so parallel servers do not compete for them.
 */
export async function startServe(sb: Sandbox, args: string[] = [], env: Record<string, string> = {}): Promise<Served> {
  const publish = args.some((a) => /^--(publish-address|ingress-https?-port)\b/.test(a));
  const process = sb.start(['serve', '--port', '0', ...(publish ? [] : ['--no-publish']), ...args], { env });
  const banner = await process.output(/Press Ctrl\+C to stop\.\n/);
  const url = /at (https:\/\/\S+)\n/.exec(banner)![1];
  const kubeconfig = /Kubeconfig: (\S+) /.exec(banner)![1];
  const text = readFileSync(kubeconfig, 'utf8');
  const token = /token: (\S+)/.exec(text)![1];
  const ca = Buffer.from(/certificate-authority-data: (\S+)/.exec(text)![1], 'base64').toString();
  return {
    url,
    kubeconfig,
    token,
    ca,
    banner,
    process,
    stop: () => {
      process.kill('SIGTERM');
      return process.exited;
    },
  };
}

/** Runs the upstream kubectl v1.32 against the server, with a discovery cache of its own. */
export async function kubectl(sb: Sandbox, served: Served, args: string[], opts: { stdin?: string } = {}): Promise<Result> {
  const { kubectl: bin } = await upstreamBinaries();
  const env = { ...process.env, HOME: sb.dir, KUBECONFIG: served.kubeconfig };
  return runProcess(bin, ['--cache-dir', join(sb.dir, '.kube-cache'), ...args], { env, stdin: opts.stdin, cwd: sb.dir });
}

/** Starts the upstream kubectl v1.32 and returns at once, for what keeps running (get -w, rollout status, port-forward). */
export async function startKubectl(sb: Sandbox, served: Served, args: string[], env: Record<string, string> = {}): Promise<Running> {
  const { kubectl: bin } = await upstreamBinaries();
  return startProcess(bin, ['--cache-dir', join(sb.dir, '.kube-cache'), ...args], { env: { ...process.env, HOME: sb.dir, KUBECONFIG: served.kubeconfig, ...env }, cwd: sb.dir }, `kubectl ${args.join(' ')}`);
}

/** Runs the upstream Helm v3.17 against the server; its caches and configuration under the sandbox. */
export async function helm(sb: Sandbox, served: Served, args: string[]): Promise<Result> {
  const { helm: bin } = await upstreamBinaries();
  const env = { ...process.env, HOME: sb.dir, KUBECONFIG: served.kubeconfig, HELM_CACHE_HOME: join(sb.dir, '.helm/cache'), HELM_CONFIG_HOME: join(sb.dir, '.helm/config'), HELM_DATA_HOME: join(sb.dir, '.helm/data') };
  return runProcess(bin, args, { env, cwd: sb.dir });
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  bytes: Buffer;
  json(): any;
}

/** One HTTPS request to the server, verifying its certificate against the served CA. */
export function call(served: Served, method: string, path: string, opts: { body?: string | Buffer; headers?: Record<string, string>; token?: string | null } = {}): Promise<HttpResult> {
  const url = new URL(path, served.url);
  const token = opts.token === undefined ? served.token : opts.token;
  return new Promise((done, fail) => {
    const req = request(
      url,
      {
        method,
        ca: served.ca,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          // Node sends a DELETE's body without framing unless told its length.
          ...(opts.body !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(opts.body)) } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const body = bytes.toString('utf8');
          done({ status: res.statusCode ?? 0, headers: res.headers, body, bytes, json: () => JSON.parse(body) });
        });
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(opts.body);
  });
}
