// While `kctl serve` runs, the cluster's node ports, load balancers and ingress controller answer
// real HTTP clients on 127.0.0.1, and the listeners follow the Services whoever changes them.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, Sandbox } from '../helpers/kctl.js';
import { fetchText, freeNodePort, get, raw, refused } from '../helpers/http.js';
import { startServe, type Served } from '../helpers/serve.js';

const GUIDE = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/ingress/', import.meta.url).pathname;
const JISSEN = new URL('../../samples/jissen/ch05/', import.meta.url).pathname;
const PUBLISH = ['--ingress-http-port', '0', '--ingress-https-port', '0'];

/** The host port a line of the server's output says something is published at. */
async function published(served: Served, what: string): Promise<number> {
  const quoted = what.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp(`Publishing ${quoted} at https?://127\\.0\\.0\\.1:(\\d+)\\n`);
  return Number(re.exec(await served.process.output(re))![1]);
}

describe('node ports published by kctl serve', () => {
  const sb = new Sandbox();
  let served: Served;
  let port: number;
  const kctl = (...args: string[]) => sb.ok(args);

  beforeAll(async () => {
    port = await freeNodePort();
    await kctl('apply', '-f', `${GUIDE}sample-deployment.yaml`);
    // create service nodeport selects app=<name>: the Deployment's pods.
    await kctl('create', 'service', 'nodeport', 'sample-app', '--tcp=8080:80', `--node-port=${port}`);
    served = await startServe(sb, PUBLISH);
  });
  let taken = 0;
  afterAll(async () => {
    if (served) {
      const r = await served.stop();
      expect(r.code).toBe(0);
      if (taken) expect(r.stderr).toMatch(new RegExp(`127\\.0\\.0\\.1:${taken} is not available for NodePort ${taken} of service default/crowded \\(address already in use\\); using 127\\.0\\.0\\.1:\\d+ instead\\n`));
    }
    sb.cleanup();
  });

  it('listens on the node port itself, where it is free, and answers through kube-proxy', async () => {
    expect(await published(served, `NodePort ${port} of service default/sample-app`)).toBe(port);
    const body = await fetchText(`http://127.0.0.1:${port}/hello`);
    expect(body).toMatch(/^Host=127\.0\.0\.1 {2}Path=\/hello {2}From=sample-deployment-[a-z0-9]+-[a-z0-9]{5} {2}ClientIP=10\.240\.0\.\d+ {2}XFF=\n$/);
  });

  it('shows the requests in the containers\' logs as simulated curl\'s', async () => {
    await get(`http://127.0.0.1:${port}/logged-path`, { headers: { 'User-Agent': 'real-client/1.0' } });
    const logs = await kctl('logs', '-l', 'app=sample-app', '--tail=-1');
    expect(logs).toMatch(/10\.240\.0\.\d+ - - \[[^\]]+\] "GET \/logged-path HTTP\/1\.1" 200 \d+ "-" "real-client\/1\.0" "-"/);
  });

  it('keeps a connection alive on the endpoint kube-proxy chose for it', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const answers = [];
    for (const path of ['/1', '/2', '/3', '/4']) answers.push(await get(`http://127.0.0.1:${port}${path}`, { agent }));
    agent.destroy();
    expect(new Set(answers.map((a) => a.localPort)).size).toBe(1);
    expect(answers.map((a) => a.headers.connection)).toEqual(['keep-alive', 'keep-alive', 'keep-alive', 'keep-alive']);
    expect(new Set(answers.map((a) => /From=(\S+)/.exec(a.body)![1])).size).toBe(1);
  });

  it('takes chunked and large request bodies, answers HEAD without a body, and honours Connection: close', async () => {
    const chunked = await raw(port, `POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n`);
    expect(chunked).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(chunked).toMatch(/\r\nConnection: close\r\n/);
    expect(chunked).toMatch(/Path=\/chunked/);
    const big = await get(`http://127.0.0.1:${port}/big`, { method: 'POST', body: Buffer.alloc(5 * 1024 * 1024, 'a') });
    expect(big.status).toBe(200);
    const head = await raw(port, 'HEAD /head HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const [headers, body] = head.split('\r\n\r\n');
    expect(headers).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/[\d.]+\r\n/);
    expect(headers).toMatch(/\r\nContent-Length: \d+/);
    expect(body).toBe('');
  });

  it('refuses a body declared over 64 MiB with 413 before reading it', async () => {
    const answer = await raw(port, `POST /huge HTTP/1.1\r\nHost: x\r\nContent-Length: ${64 * 1024 * 1024 + 1}\r\n\r\nabc`);
    expect(answer).toMatch(/^HTTP\/1\.1 413 Request Entity Too Large\r\n[^]*Connection: close\r\n[^]*<h1>413 Request Entity Too Large<\/h1>/);
  });

  it('answers a malformed request 400 and closes the connection', async () => {
    expect(await raw(port, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[^]*Connection: close\r\n/);
  });

  it('opens the port of a Service created after the start, and closes it when it is deleted', async () => {
    const later = await freeNodePort();
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'later' }, spec: { type: 'NodePort', selector: { app: 'sample-app' }, ports: [{ port: 8080, targetPort: 80, nodePort: later }] } };
    await sb.ok(['apply', '-f', '-'], { stdin: JSON.stringify(svc) });
    expect(await published(served, `NodePort ${later} of service default/later`)).toBe(later);
    expect(await fetchText(`http://127.0.0.1:${later}/`)).toMatch(/Path=\/ {2}From=sample-deployment-/);
    await kctl('delete', 'service', 'later');
    await served.process.output(new RegExp(`Closed 127\\.0\\.0\\.1:${later} \\(NodePort ${later} of service default/later\\)\\n`));
    expect(await refused(later)).toBe(true);
  });

  it('moves a listener when its Service\'s node port changes', async () => {
    const [from, to] = [await freeNodePort(), await freeNodePort()];
    const svc = (nodePort: number) => JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'moving' }, spec: { type: 'NodePort', selector: { app: 'sample-app' }, ports: [{ port: 8080, targetPort: 80, nodePort }] } });
    await sb.ok(['apply', '-f', '-'], { stdin: svc(from) });
    expect(await published(served, `NodePort ${from} of service default/moving`)).toBe(from);
    await sb.ok(['apply', '-f', '-'], { stdin: svc(to) });
    expect(await published(served, `NodePort ${to} of service default/moving`)).toBe(to);
    await served.process.output(new RegExp(`Closed 127\\.0\\.0\\.1:${from} \\(NodePort ${from} of service default/moving\\)\\n`));
    expect(await refused(from)).toBe(true);
    expect(await fetchText(`http://127.0.0.1:${to}/moved`)).toMatch(/Path=\/moved/);
  });

  it('publishes a LoadBalancer Service\'s port once the load balancer has its address', async () => {
    await kctl('apply', '-f', `${GUIDE}sample-lb.yaml`);
    const ip = await kctl('get', 'service', 'sample-lb', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}');
    expect(ip).toMatch(/^10\.240\.1\.\d+$/);
    // 8080 where it is free on this machine, else another port (with a message).
    const lb = await published(served, `LoadBalancer ${ip}:8080 of service default/sample-lb`);
    expect(await fetchText(`http://127.0.0.1:${lb}/lb`)).toMatch(/^Host=127\.0\.0\.1 {2}Path=\/lb {2}From=sample-deployment-/);
    expect(await published(served, 'NodePort 30082 of service default/sample-lb')).toBeGreaterThan(0);
  });

  it('publishes on another port, with a message, when the node port is taken on the host', async () => {
    taken = await freeNodePort();
    const squatter: Server = createServer();
    await new Promise<void>((done) => squatter.listen(taken, '127.0.0.1', done));
    try {
      const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'crowded' }, spec: { type: 'NodePort', selector: { app: 'sample-app' }, ports: [{ port: 8080, targetPort: 80, nodePort: taken }] } };
      await sb.ok(['apply', '-f', '-'], { stdin: JSON.stringify(svc) });
      const alt = await published(served, `NodePort ${taken} of service default/crowded`);
      expect(alt).not.toBe(taken);
      expect(await fetchText(`http://127.0.0.1:${alt}/alt`)).toMatch(/Path=\/alt/);
    } finally {
      squatter.close();
    }
  });
});

const CHROMIUM = (() => {
  const r = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
})();
if (!CHROMIUM) console.warn('notice: chromium is not installed; the headless browser test of the ingress page is skipped');

describe('the 完全ガイド echo Ingress through the published ingress controller', () => {
  const sb = new Sandbox('0');
  let served: Served;
  let http: number;
  let https: number;
  const kctl = (...args: string[]) => sb.ok(args);

  beforeAll(async () => {
    served = await startServe(sb, PUBLISH);
    http = await published(served, "the ingress controller's port 80");
    https = await published(served, "the ingress controller's port 443");
    await kctl('apply', '-f', `${GUIDE}sample-ingress-apps.yaml`);
    await kctl('create', 'secret', 'tls', 'tls-sample', '--key', `${FIXTURES}tls.key`, '--cert', `${FIXTURES}tls.crt`);
    await kctl('apply', '-f', `${GUIDE}sample-ingress.yaml`);
  });
  afterAll(async () => {
    if (served) expect((await served.stop()).code).toBe(0);
    sb.cleanup();
  });

  it('routes by host and path to echo-nginx, which shows the controller and the client', async () => {
    const controllerIP = await kctl('get', 'pods', '-n', 'ingress-nginx', '-o', 'jsonpath={.items[0].status.podIP}');
    expect(await fetchText(`http://127.0.0.1:${http}/path1/echo`, { Host: 'sample.example.com' })).toBe(
      `Host=sample.example.com  Path=/path1/echo  From=sample-ingress-apps-1  ClientIP=${controllerIP}  XFF=10.240.0.1\n`,
    );
    expect(await fetchText(`http://127.0.0.1:${http}/path2/echo`, { Host: 'sample.example.com' })).toMatch(/^Host=sample\.example\.com {2}Path=\/path2\/echo {2}From=sample-ingress-apps-2 /);
    const logs = await kctl('logs', '-n', 'ingress-nginx', '-l', 'app.kubernetes.io/component=controller', '--tail=-1');
    expect(logs).toMatch(/"GET \/path1\/echo HTTP\/1\.1" 200 \d+ "-" "[^"]+" \d+ [0-9.]+ \[default-sample-ingress-svc-1-8888\]/);
  });

  it('terminates TLS with the certificate of the Ingress for the host, and ingress-nginx\'s fake one for others', async () => {
    const tls = (servername: string, host: string) =>
      new Promise<{ cn: string; body: string }>((done, fail) => {
        const req = httpsRequest({ host: '127.0.0.1', port: https, path: '/path2/echo', servername, headers: { Host: host }, rejectUnauthorized: false }, (res) => {
          const cn = String((res.socket as TLSSocket).getPeerCertificate().subject.CN);
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => done({ cn, body }));
        });
        req.on('error', fail);
        req.end();
      });
    const ours = await tls('sample.example.com', 'sample.example.com');
    expect(ours.cn).toBe('sample.example.com');
    expect(ours.body).toMatch(/^Host=sample\.example\.com {2}Path=\/path2\/echo {2}From=sample-ingress-apps-2 /);
    expect((await tls('other.example.com', 'sample.example.com')).cn).toBe('Kubernetes Ingress Controller Fake Certificate');
    // Plain HTTP to the TLS port fails the handshake: the connection closes unanswered.
    expect(await raw(https, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n')).toBe('');
  });

  it.skipIf(!CHROMIUM)('opens in a headless browser', async () => {
    const r = await runProcess(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP sample.example.com 127.0.0.1`, '--dump-dom', `http://sample.example.com:${http}/path1/echo`]);
    expect(r.stdout).toContain('Path=/path1/echo  From=sample-ingress-apps-1');
  });
});

describe('the 実践 ch.5 Ingress through the published ingress controller', () => {
  const sb = new Sandbox('1');
  let served: Served;
  let http: number;
  const kctl = (...args: string[]) => sb.ok(args);

  beforeAll(async () => {
    await kctl('apply', '-f', `${JISSEN}simple-replicaset-with-label.yaml`);
    await kctl('apply', '-f', `${JISSEN}simple-service.yaml`);
    await kctl('apply', '-f', 'https://raw.githubusercontent.com/kubernetes/ingress-nginx/nginx-0.16.2/deploy/mandatory.yaml');
    await kctl('apply', '-f', 'https://raw.githubusercontent.com/kubernetes/ingress-nginx/nginx-0.16.2/deploy/provider/cloud-generic.yaml');
    await kctl('apply', '-f', `${JISSEN}simple-ingress.yaml`);
    served = await startServe(sb, PUBLISH);
    http = await published(served, "the ingress controller's port 80");
  });
  afterAll(async () => {
    if (served) expect((await served.stop()).code).toBe(0);
    sb.cleanup();
  });

  it('answers the default backend without the Host header and the echo Service with it', async () => {
    expect(await fetchText(`http://127.0.0.1:${http}/`)).toBe('default backend - 404');
    expect(await fetchText(`http://127.0.0.1:${http}/`, { Host: 'ch05.gihyo.local' })).toBe('Hello Docker!!');
    expect(await kctl('logs', '-l', 'release=summer', '-c', 'echo', '--tail=-1')).toMatch(/received request/);
  });
});

describe('kctl serve publishing flags', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('refuses a bad address or port in one line, before touching the state file', async () => {
    expect(await sb.run(['serve', '--publish-address', 'nope'])).toEqual({ code: 1, stdout: '', stderr: 'error: invalid argument "nope" for "--publish-address" flag: not an IP address\n' });
    expect(await sb.run(['serve', '--ingress-https-port', '65536'])).toEqual({ code: 1, stdout: '', stderr: 'error: invalid argument "65536" for "--ingress-https-port" flag: the port must be a number from 0 to 65535\n' });
    expect(existsSync(sb.state)).toBe(false);
  });
});
