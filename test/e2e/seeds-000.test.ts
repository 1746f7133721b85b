// Replays the in-cluster transcripts of seed 000 (Kubernetes完全ガイド ch.6): curl through a
// ClusterIP from throw-away pods, index.html = hostname, env-var discovery, dig A and PTR.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { TESTPOD, podNames, seenOver } from '../helpers/testpod.js';

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;

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
    // The book's `exec -it POD printenv` in v1.32's form.
    const env = await sb.run(['exec', '-it', fresh[0], '--', 'printenv']);
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
