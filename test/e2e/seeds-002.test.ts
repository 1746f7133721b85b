// Replays seed 002 (Kubernetes完全ガイド 6.2): curl by the Service's short name from centos:7,
// the pod's /etc/resolv.conf, and the full dig output of an SRV query from centos:6.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;
const run = (image: string) => ['run', `--image=${image}`, '--restart=Never', '--rm', '-i', 'testpod', '--'];

describe('seed 002: DNS discovery from test pods', () => {
  const sb = new Sandbox('3');
  let pods: string[];
  let multiIP: string;
  beforeAll(async () => {
    await sb.ok(['apply', '-f', SAMPLES + 'sample-deployment.yaml']);
    pods = (await sb.ok(['get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[*].metadata.name}'])).split(' ');
    for (const p of pods) await sb.ok(['exec', '-it', p, '--', 'cp', '/etc/hostname', '/usr/share/nginx/html/index.html']);
    await sb.ok(['apply', '-f', SAMPLES + 'sample-clusterip-multi.yaml']);
    multiIP = await sb.ok(['get', 'svc', 'sample-clusterip-multi', '-o', 'jsonpath={.spec.clusterIP}']);
  });
  afterAll(() => sb.cleanup());

  it('curls the Service by its short name through the search path', async () => {
    const seen = new Set<string>();
    // Each connection picks an endpoint at random: enough tries that all three answer.
    for (let i = 0; i < 40 && seen.size < 3; i++) {
      const out = await sb.ok([...run('centos:7'), 'curl', '-s', 'http://sample-clusterip-multi:8080']);
      expect(out.endsWith('\npod "testpod" deleted\n')).toBe(true);
      seen.add(out.split('\n')[0]);
    }
    expect([...seen].sort()).toEqual([...pods].sort());
    // The namespace-qualified and full names work as well; another namespace needs <svc>.<ns>.
    expect(pods).toContain((await sb.ok([...run('centos:7'), 'curl', '-s', 'http://sample-clusterip-multi.default:8080'])).split('\n')[0]);
    expect(pods).toContain((await sb.ok([...run('centos:7'), 'curl', '-s', 'http://sample-clusterip-multi.default.svc.cluster.local:8080'])).split('\n')[0]);
    await sb.ok(['create', 'namespace', 'other']);
    const other = await sb.run(['-n', 'other', ...run('centos:7'), 'curl', '-sS', 'http://sample-clusterip-multi:8080']);
    expect(other.stderr).toContain('curl: (6) Could not resolve host: sample-clusterip-multi; Name or service not known\npod other/testpod terminated (Error)\n');
    expect(other.code).toBe(6);
    expect(pods).toContain((await sb.ok(['-n', 'other', ...run('centos:7'), 'curl', '-s', 'http://sample-clusterip-multi.default:8080'])).split('\n')[0]);
  });

  it("shows the pod's resolv.conf with the namespace's search path and ndots:5", async () => {
    expect(await sb.ok([...run('centos:7'), 'cat', '/etc/resolv.conf'])).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\npod "testpod" deleted\n',
    );
    expect(await sb.ok(['-n', 'other', ...run('centos:7'), 'cat', '/etc/resolv.conf'])).toContain('search other.svc.cluster.local svc.cluster.local cluster.local\n');
  });

  it('answers the SRV query of a named port with the A record in ADDITIONAL, in dig 9.8 layout', async () => {
    const out = await sb.ok([...run('centos:6'), 'dig', '_https-port._tcp.sample-clusterip-multi.default.svc.cluster.local', 'SRV']);
    const normalised = out.replace(/id: \d+/, 'id: N').replace(/Query time: \d+ msec/, 'Query time: T msec').replace(/WHEN: .*/, 'WHEN: W');
    expect(normalised).toBe(`
; <<>> DiG 9.8.2rc1-RedHat-9.8.2-0.68.rc1.el6_10.1 <<>> _https-port._tcp.sample-clusterip-multi.default.svc.cluster.local SRV
;; global options: +cmd
;; Got answer:
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: N
;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
;; WARNING: recursion requested but not available

;; QUESTION SECTION:
;_https-port._tcp.sample-clusterip-multi.default.svc.cluster.local. IN SRV

;; ANSWER SECTION:
_https-port._tcp.sample-clusterip-multi.default.svc.cluster.local. 30 IN SRV 0 100 8443 sample-clusterip-multi.default.svc.cluster.local.

;; ADDITIONAL SECTION:
sample-clusterip-multi.default.svc.cluster.local. 30 IN\tA ${multiIP}

;; Query time: T msec
;; SERVER: 10.96.0.10#53(10.96.0.10)
;; WHEN: W
;; MSG SIZE  rcvd: 280

pod "testpod" deleted
`);
  });

  it('balances the second port to the pods too (nothing listens on 443: refused)', async () => {
    const r = await sb.run([...run('centos:7'), 'curl', '-sS', 'http://sample-clusterip-multi:8443']);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/^curl: \(7\) Failed connect to sample-clusterip-multi:8443; Connection refused\npod default\/testpod terminated \(Error\)\n$/);
    expect(r.stdout).toBe('pod "testpod" deleted\n');
  });
});
