// The upstream kubectl v1.32's port-forward against kctl serve: over the WebSocket tunnel it tries
// first and over plain SPDY, requests reach the pod's localhost (the container's log has them
// from 127.0.0.1), and a refused port ends the forward with the lines kctl port-forward prints.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { fetchText, get } from '../helpers/http.js';
import { startKubectl, startServe, type Served } from '../helpers/serve.js';

const GUIDE = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;

describe('kubectl port-forward through kctl serve', () => {
  const sb = new Sandbox();
  let served: Served;
  let pod: string;
  const kctl = (...args: string[]) => sb.ok(args);

  beforeAll(async () => {
    await kctl('apply', '-f', `${GUIDE}sample-deployment.yaml`);
    await kctl('apply', '-f', `${GUIDE}sample-clusterip.yaml`);
    pod = (await kctl('get', 'pods', '-l', 'app=sample-app', '-o', 'name')).split('\n')[0].replace('pod/', '');
    served = await startServe(sb);
  });
  afterAll(async () => {
    if (served) expect((await served.stop()).code).toBe(0);
    sb.cleanup();
  });

  for (const [how, env] of [
    ['the WebSocket tunnel', {}],
    ['plain SPDY', { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }],
  ] as const) {
    it(`forwards HTTP to the pod over ${how}`, async () => {
      const pf = await startKubectl(sb, served, ['port-forward', `pod/${pod}`, ':80', '-v=6'], env);
      const out = await pf.output(/Forwarding from 127\.0\.0\.1:\d+ -> 80\n/);
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)![1]);
      const path = `/via-${how.replace(/\W+/g, '-')}`;
      expect(await fetchText(`http://127.0.0.1:${port}${path}`)).toBe(`Host=127.0.0.1  Path=${path}  From=${pod}  ClientIP=127.0.0.1  XFF=\n`);
      // A large body, both ways through the SPDY streams' flow control.
      const big = await get(`http://127.0.0.1:${port}/big`, { method: 'POST', body: Buffer.alloc(3 * 1024 * 1024, 'b') });
      expect(big.status).toBe(200);
      await pf.output(new RegExp(`Handling connection for ${port}\\n[^]*Handling connection for ${port}\\n`));
      pf.kill('SIGINT');
      const r = await pf.exited;
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(how === 'plain SPDY' ? /POST https:\/\/[^ ]+\/portforward 101 Switching Protocols/ : /negotiated protocol: portforward\.k8s\.io/);
      expect(await kctl('logs', pod, '--tail=2')).toMatch(new RegExp(`^127\\.0\\.0\\.1 - - \\[[^\\]]+\\] "GET ${path} HTTP/1\\.1" 200 `));
    });
  }

  it('forwards to a Service\'s target port', async () => {
    const pf = await startKubectl(sb, served, ['port-forward', 'svc/sample-clusterip', ':8080']);
    const out = await pf.output(/Forwarding from 127\.0\.0\.1:\d+ -> 80\n/);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)![1]);
    expect(await fetchText(`http://127.0.0.1:${port}/svc`)).toMatch(/^Host=127\.0\.0\.1 {2}Path=\/svc {2}From=sample-deployment-/);
    pf.kill('SIGINT');
    expect((await pf.exited).code).toBe(0);
  });

  it('ends on a refused port with the lines kctl port-forward prints', async () => {
    const theirs = await startKubectl(sb, served, ['port-forward', pod, ':81']);
    const ours = sb.start(['port-forward', pod, ':81']);
    for (const pf of [theirs, ours]) {
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(await pf.output(/Forwarding from 127\.0\.0\.1:\d+ -> 81\n/))![1]);
      await expect(get(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    }
    const [t, o] = await Promise.all([theirs.exited, ours.exited]);
    const norm = (text: string) => text.replace(/^E\d{4} [\d:.]+ +\d+ /gm, 'E ').replace(/\d{4,5}/g, 'PORT');
    expect(o.code).toBe(t.code);
    expect(norm(o.stderr)).toBe(norm(t.stderr));
    // A connection may come before or after the [::1] listener is announced, in kubectl as in kctl.
    const lines = (text: string) => norm(text).split('\n').sort();
    expect(lines(o.stdout)).toEqual(lines(t.stdout));
  });

  it('ends with "lost connection to pod" once the pod is deleted, as kctl port-forward does', async () => {
    await kctl('run', 'doomed', '--image=nginx');
    const theirs = await startKubectl(sb, served, ['port-forward', 'pod/doomed', ':80']);
    const ours = sb.start(['port-forward', 'pod/doomed', ':80']);
    const ports: number[] = [];
    for (const pf of [theirs, ours]) {
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(await pf.output(/Forwarding from 127\.0\.0\.1:\d+ -> 80\n/))![1]);
      expect(await fetchText(`http://127.0.0.1:${port}/`)).toMatch(/Welcome to nginx!/);
      ports.push(port);
    }
    await kctl('delete', 'pod', 'doomed');
    for (const port of ports) await expect(get(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    const [t, o] = await Promise.all([theirs.exited, ours.exited]);
    expect(t.code).toBe(1);
    expect(t.stderr).toBe('error: lost connection to pod\n');
    expect(o).toEqual({ ...t, stdout: t.stdout.replaceAll(String(ports[0]), String(ports[1])) });
  });
});
