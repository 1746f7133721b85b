// Replays the in-cluster transcripts of seed 000 (Kubernetes完全ガイド ch.6): curl through a
// ClusterIP from throw-away pods, index.html = hostname, env-var discovery, dig A and PTR,
// ExternalIP / NodePort / LoadBalancer from outside, headless and StatefulSet names,
// ExternalName, and a selector-less Service pointing at the internet.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;
const TESTPOD = ['run', '--image=centos:6', '--restart=Never', '--rm', '-i', 'testpod', '--'];

async function podNames(sb: Sandbox, selector = 'app=sample-app'): Promise<string[]> {
  return (await sb.ok(['get', 'pods', '-l', selector, '-o', 'jsonpath={.items[*].metadata.name}'])).trim().split(' ');
}

/** Runs a throw-away curl pod until every expected answer was seen (or `tries` runs). */
async function seenOver(sb: Sandbox, args: string[], expected: string[], tries = 15): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < tries && seen.size < expected.length; i++) {
    const out = await sb.ok([...TESTPOD, ...args]);
    expect(out).toMatch(/\npod "testpod" deleted\n$/);
    seen.add(out.replace(/\npod "testpod" deleted\n$/, ''));
  }
  return seen;
}

describe('seed 000: ClusterIP, env vars and DNS', () => {
  const sb = new Sandbox('7');
  let pods: string[];
  let clusterIP: string;
  beforeAll(async () => {
    await sb.ok(['apply', '-f', SAMPLES + 'sample-deployment.yaml']);
    await sb.ok(['apply', '-f', SAMPLES + 'sample-clusterip.yaml']);
    pods = await podNames(sb);
    clusterIP = await sb.ok(['get', 'svc', 'sample-clusterip', '-o', 'jsonpath={.spec.clusterIP}']);
  });
  afterAll(() => sb.cleanup());

  it('balances curl from throw-away pods over every pod once index.html holds the pod name', async () => {
    for (const p of pods) expect((await sb.run(['exec', '-it', p, '--', 'cp', '/etc/hostname', '/usr/share/nginx/html/index.html'])).code).toBe(0);
    const seen = await seenOver(sb, ['curl', '-s', `http://${clusterIP}:8080`], pods);
    expect([...seen].sort()).toEqual([...pods].sort());
  });

  it('spreads the requests of one shell loop over the endpoints at random', async () => {
    const out = await sb.ok(['run', '--image=centos:7', '--restart=Never', '--rm', '-i', 'loop', '--', 'sh', '-c', `for i in 1 2 3 4 5 6 7 8 9 10 11 12; do curl -s http://sample-clusterip:8080; done`]);
    const lines = out.trim().split('\n').slice(0, -1);
    expect(lines).toHaveLength(12);
    expect(new Set(lines).size).toBe(3);
  });

  it('gives env vars only to pods newer than the Service, and Endpoints follow recreated pods', async () => {
    const before = await sb.ok(['exec', pods[0], '--', 'printenv']);
    expect(before).toContain('\nKUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(before).not.toContain('SAMPLE_CLUSTERIP');
    await sb.ok(['delete', 'deployment', 'sample-deployment']);
    await sb.ok(['apply', '-f', SAMPLES + 'sample-deployment.yaml']);
    const fresh = await podNames(sb);
    expect(fresh.some((p) => pods.includes(p))).toBe(false);
    const ips = (await sb.ok(['get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[*].status.podIP}'])).split(' ');
    const endpoints = (await sb.ok(['describe', 'service', 'sample-clusterip'])).split('\n').find((l) => l.startsWith('Endpoints:'))!;
    expect(endpoints.replace(/^Endpoints:\s+/, '').split(',').sort()).toEqual(ips.map((ip) => `${ip}:80`).sort());
    const env = await sb.run(['exec', '-it', fresh[0], 'printenv']);
    expect(env.stderr).toContain('DEPRECATED');
    const vars = env.stdout.split('\n').filter((l) => l.startsWith('SAMPLE_CLUSTERIP'));
    expect(vars.sort()).toEqual([
      `SAMPLE_CLUSTERIP_PORT=tcp://${clusterIP}:8080`,
      `SAMPLE_CLUSTERIP_PORT_8080_TCP=tcp://${clusterIP}:8080`,
      `SAMPLE_CLUSTERIP_PORT_8080_TCP_ADDR=${clusterIP}`,
      'SAMPLE_CLUSTERIP_PORT_8080_TCP_PORT=8080',
      'SAMPLE_CLUSTERIP_PORT_8080_TCP_PROTO=tcp',
      `SAMPLE_CLUSTERIP_SERVICE_HOST=${clusterIP}`,
      'SAMPLE_CLUSTERIP_SERVICE_PORT=8080',
      'SAMPLE_CLUSTERIP_SERVICE_PORT_HTTP_PORT=8080',
    ]);
    // The new pods have no index.html: the echo server answers with the request instead.
    const seen = await seenOver(sb, ['curl', '-s', `http://${clusterIP}:8080`], fresh);
    for (const line of seen) expect(line).toMatch(new RegExp(`^Host=${clusterIP.replace(/\./g, '\\.')}  Path=/  From=(${fresh.join('|')})  ClientIP=10\\.244\\.\\d+\\.\\d+  XFF=$`));
    expect(seen.size).toBe(3);
  });

  it('answers dig A and dig -x from centos:6 (BIND 9.8)', async () => {
    const a = await sb.ok([...TESTPOD, 'dig', 'sample-clusterip.default.svc.cluster.local']);
    expect(a).toContain('; <<>> DiG 9.8.2rc1-RedHat-9.8.2-0.68.rc1.el6_10.1 <<>> sample-clusterip.default.svc.cluster.local\n');
    expect(a).toContain(`;; QUESTION SECTION:\n;sample-clusterip.default.svc.cluster.local. IN A\n\n;; ANSWER SECTION:\nsample-clusterip.default.svc.cluster.local. 30 IN A ${clusterIP}\n`);
    expect(a).toContain(';; SERVER: 10.96.0.10#53(10.96.0.10)\n');
    expect(a.endsWith('\npod "testpod" deleted\n')).toBe(true);
    const ptr = await sb.ok([...TESTPOD, 'dig', '-x', clusterIP]);
    const rev = clusterIP.split('.').reverse().join('.');
    expect(ptr).toContain(`;; QUESTION SECTION:\n;${rev}.in-addr.arpa.`);
    expect(ptr).toMatch(new RegExp(`\\n${rev.replace(/\./g, '\\.')}\\.in-addr\\.arpa\\.\\s+30\\s+IN\\s+PTR\\s+sample-clusterip\\.default\\.svc\\.cluster\\.local\\.\\n`));
  });
});

describe('seed 000: ExternalIP, NodePort and LoadBalancer from outside the cluster', () => {
  const sb = new Sandbox('11');
  let pods: string[];
  beforeAll(async () => {
    await sb.ok(['apply', '-f', SAMPLES + 'sample-deployment.yaml']);
    pods = await podNames(sb);
    for (const p of pods) await sb.ok(['exec', p, '--', 'cp', '/etc/hostname', '/usr/share/nginx/html/index.html']);
    await sb.ok(['apply', '-f', SAMPLES + 'sample-externalip.yaml', '-f', SAMPLES + 'sample-nodeport.yaml', '-f', SAMPLES + 'sample-lb.yaml']);
  });
  afterAll(() => sb.cleanup());

  it('reaches the pods through the node addresses listed as externalIPs, and only those', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 12 && seen.size < 3; i++) {
      for (const ip of ['10.240.0.7', '10.240.0.8']) {
        const r = await sb.run(['host', '--', 'curl', '-s', `http://${ip}:8080`]);
        expect(r.code).toBe(0);
        seen.add(r.stdout.trim());
      }
    }
    expect([...seen].sort()).toEqual([...pods].sort());
    const refused = await sb.run(['host', '--', 'curl', '-sS', 'http://10.240.0.9:8080']);
    expect(refused.code).toBe(7);
    expect(refused.stderr).toBe('curl: (7) Failed to connect to 10.240.0.9 port 8080: Connection refused\n');
    expect(refused.stdout).toBe('');
  });

  it('answers on the node port of every node', async () => {
    for (const ip of ['10.240.0.6', '10.240.0.7', '10.240.0.8', '10.240.0.9']) {
      const r = await sb.run(['host', '--', 'curl', '-s', `http://${ip}:30080`]);
      expect(r.code).toBe(0);
      expect(pods).toContain(r.stdout.trim());
    }
  });

  it('answers on the load balancer address, and ClusterIPs stay unreachable from outside', async () => {
    const lb = await sb.ok(['get', 'svc', 'sample-lb', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}']);
    expect(lb).toMatch(/^10\.240\.1\.\d+$/);
    const r = await sb.run(['host', '--', 'curl', '-s', `http://${lb}:8080`]);
    expect(pods).toContain(r.stdout.trim());
    const cip = await sb.ok(['get', 'svc', 'sample-lb', '-o', 'jsonpath={.spec.clusterIP}']);
    const dropped = await sb.run(['host', '--', 'curl', '-sS', '--connect-timeout', '3', `http://${cip}:8080`]);
    expect(dropped.code).toBe(28);
    expect(dropped.stderr).toBe('curl: (28) Connection timed out after 3001 milliseconds\n');
  });
});

describe('seed 000: headless, StatefulSet, ExternalName and selector-less Services', () => {
  const sb = new Sandbox('5');
  let pods: string[];
  beforeAll(async () => {
    await sb.ok(['apply', '-f', SAMPLES + 'sample-statefulset-headless.yaml', '-f', SAMPLES + 'sample-headless.yaml']);
    pods = await podNames(sb);
    for (const p of pods) await sb.ok(['exec', '-it', p, '--', 'cp', '/etc/hostname', '/usr/share/nginx/html/index.html']);
    await sb.ok(['apply', '-f', SAMPLES + 'sample-externalname.yaml', '-f', SAMPLES + 'sample-none-selector.yaml']);
  });
  afterAll(() => sb.cleanup());

  it('resolves the headless name to the pod IPs, and curl goes round them', async () => {
    const ips = (await sb.ok(['get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[*].status.podIP}'])).split(' ');
    const short = (await sb.ok([...TESTPOD, 'dig', 'sample-headless.default.svc.cluster.local', '+short'])).replace(/pod "testpod" deleted\n$/, '');
    expect(short.trim().split('\n').sort()).toEqual([...ips].sort());
    const seen = await seenOver(sb, ['curl', '-sSL', 'sample-headless.default.svc.cluster.local'], pods);
    expect([...seen].sort()).toEqual(pods);
  });

  it('names each StatefulSet pod under the Service', async () => {
    for (const [i, p] of pods.entries()) {
      const ip = await sb.ok(['get', 'pod', p, '-o', 'jsonpath={.status.podIP}']);
      expect(await sb.ok([...TESTPOD, 'dig', `sample-statefulset-headless-${i}.sample-headless.default.svc.cluster.local`, '+short'])).toBe(`${ip}\npod "testpod" deleted\n`);
    }
  });

  it('answers the ExternalName with a CNAME; example.com answers 404 until the Host header names it', async () => {
    expect(await sb.ok([...TESTPOD, 'dig', 'sample-externalname.default.svc.cluster.local', 'CNAME', '+short'])).toBe('example.com.\npod "testpod" deleted\n');
    const notFound = await sb.ok([...TESTPOD, 'curl', '-I', '-sSL', 'sample-externalname.default.svc.cluster.local']);
    expect(notFound).toMatch(/^HTTP\/1\.1 404 Not Found\r\nContent-Type: text\/html\r\nDate: .+ GMT\r\nServer: ECS \(ord\/4CF4\)\r\nContent-Length: 345\r\n\r\npod "testpod" deleted\n$/);
    const ok = await sb.ok([...TESTPOD, 'curl', '-I', '-sSL', 'sample-externalname.default.svc.cluster.local', '-H', 'Host:example.com']);
    expect(ok).toMatch(/^HTTP\/1\.1 200 OK\r\nAccept-Ranges: bytes\r\nAge: 522515\r\n/);
    expect(ok).toContain('Content-Length: 1256\r\n\r\npod "testpod" deleted\n');
  });

  it('sends the selector-less Service to the addresses of its hand-written Endpoints', async () => {
    const cip = await sb.ok(['get', 'svc', 'sample-none-selector', '-o', 'jsonpath={.spec.clusterIP}']);
    const seen = new Set<string>();
    for (let i = 0; i < 12 && seen.size < 2; i++) seen.add((await sb.ok([...TESTPOD, 'curl', '-I', '-s', `${cip}:8080`])).split('\r\n')[0]);
    expect([...seen].sort()).toEqual(['HTTP/1.1 301 MOVED PERMANENTLY', 'HTTP/1.1 301 Moved Permanently']);
    const google = await sb.ok(['run', '--image=centos:7', '--restart=Never', '--rm', '-i', 'testpod', '--', 'sh', '-c', `for i in 1 2 3 4 5 6; do curl -sI http://${cip}:8080; done`]);
    expect(google).toContain('Location: http://www.google.com:8080/\r\n');
    expect(google).toContain('Location: https://www.apple.com/\r\n');
  });
});
