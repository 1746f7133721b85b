// Replays the rest of seed 000 (Kubernetes完全ガイド ch.6): ExternalIP / NodePort /
// LoadBalancer from outside, headless and StatefulSet names, ExternalName, and a selector-less
// Service pointing at the internet.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { TESTPOD, podNames, seenOver } from '../helpers/testpod.js';

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;

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
