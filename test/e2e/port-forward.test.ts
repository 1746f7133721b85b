// kctl port-forward: kubectl's lines, real HTTP through a local port to a pod's own localhost
// (the request shows in the container's log from 127.0.0.1), Services translated to their target
// port, errors in kubectl's words, Ctrl-C ending with status 0.

import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { fetchText, get } from '../helpers/http.js';

/** Whether this machine has an IPv6 loopback to listen on. */
const IPV6 = Object.values(networkInterfaces()).some((list) => list?.some((i) => i.address === '::1'));
const GUIDE = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;

describe('kctl port-forward', () => {
  const sb = new Sandbox();
  const kctl = (...args: string[]) => sb.ok(args);
  let pod: string;

  beforeAll(async () => {
    await kctl('apply', '-f', `${GUIDE}sample-deployment.yaml`);
    await kctl('apply', '-f', `${GUIDE}sample-clusterip.yaml`);
    pod = (await kctl('get', 'pods', '-l', 'app=sample-app', '-o', 'name')).split('\n')[0].replace('pod/', '');
  });
  afterAll(() => sb.cleanup());

  it('forwards a random local port to the pod, prints kubectl\'s lines, and ends with 0 on Ctrl-C', async () => {
    const pf = sb.start(['port-forward', `pod/${pod}`, ':80']);
    const out = await pf.output(/Forwarding from \[::1\]:\d+ -> 80\n|Forwarding from 127\.0\.0\.1:\d+ -> 80\n/);
    const port = Number(/Forwarding from 127\.0\.0\.1:(\d+) -> 80\n/.exec(out)![1]);
    expect(await fetchText(`http://127.0.0.1:${port}/through-forward`)).toBe(`Host=127.0.0.1  Path=/through-forward  From=${pod}  ClientIP=127.0.0.1  XFF=\n`);
    await pf.output(new RegExp(`Handling connection for ${port}\\n`));
    pf.kill('SIGINT');
    const r = await pf.exited;
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`Forwarding from 127.0.0.1:${port} -> 80`);
    expect(r.stderr).toBe('');
    expect(await kctl('logs', pod, '--tail=1')).toMatch(/^127\.0\.0\.1 - - \[[^\]]+\] "GET \/through-forward HTTP\/1\.1" 200 \d+ "-" "[^"]+" "-"\n$/);
  });

  it('translates a Service port to its target port on a pod the Service selects', async () => {
    const pf = sb.start(['port-forward', 'svc/sample-clusterip', '--address', '127.0.0.1', ':8080']);
    const out = await pf.output(/Forwarding from 127\.0\.0\.1:\d+ -> 80\n/);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)![1]);
    // Several requests on one kept-alive connection: one "Handling connection" line.
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (const p of ['/a', '/b']) expect((await get(`http://127.0.0.1:${port}${p}`, { agent })).body).toMatch(new RegExp(`^Host=127\\.0\\.0\\.1 {2}Path=${p} {2}From=sample-deployment-`));
    agent.destroy();
    pf.kill('SIGINT');
    const r = await pf.exited;
    expect(r.stdout).toBe(`Forwarding from 127.0.0.1:${port} -> 80\nHandling connection for ${port}\n`);
  });

  it.skipIf(!IPV6)('forwards to a pod of a Deployment, on every address --address lists', async () => {
    const pf = sb.start(['port-forward', 'deploy/sample-deployment', '--address', '127.0.0.1,::1', ':80']);
    const out = await pf.output(/Forwarding from \[::1\]:\d+ -> 80\n/);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)![1]);
    expect(out).toBe(`Forwarding from 127.0.0.1:${port} -> 80\nForwarding from [::1]:${port} -> 80\n`);
    expect(await fetchText(`http://[::1]:${port}/v6`)).toMatch(/^Host=\[::1\] {2}Path=\/v6 {2}From=sample-deployment-[a-z0-9]+-[a-z0-9]{5} {2}ClientIP=127\.0\.0\.1 /);
    pf.kill('SIGINT');
    expect((await pf.exited).code).toBe(0);
  });

  it('reports a refused port inside the pod as kubectl v1.32 does, and ends as it does: lost connection', async () => {
    const pf = sb.start(['port-forward', pod, ':81']);
    const out = await pf.output(/Forwarding from 127\.0\.0\.1:\d+ -> 81\n/);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)![1]);
    await expect(get(`http://127.0.0.1:${port}/`)).rejects.toThrow(/socket hang up|ECONNRESET/);
    const r = await pf.exited;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ portforward\.go:424\] "Unhandled Error" err="an error occurred forwarding \d+ -> 81: error forwarding port 81 to pod [0-9a-f-]{36}, uid : failed to connect to localhost:81 inside namespace \\"[0-9a-f-]{36}\\", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused "\nerror: lost connection to pod\n$/);
  });

  it('refuses what kubectl refuses, with its messages', async () => {
    expect(await sb.run(['port-forward', `pod/${pod}`])).toEqual({ code: 1, stdout: '', stderr: "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kctl port-forward -h' for help and examples\n" });
    expect(await sb.run(['port-forward', 'svc/sample-clusterip', '9999'])).toEqual({ code: 1, stdout: '', stderr: 'error: Service sample-clusterip does not have a service port 9999\n' });
    expect(await sb.run(['port-forward', 'pod/nope', '80'])).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(await sb.run(['port-forward', pod, '8080:http'])).toEqual({ code: 1, stdout: '', stderr: `error: Pod '${pod}' does not have a named port 'http'\n` });
  });

  it('says which local port is taken, and fails when no port could be listened on', async () => {
    const squatter = createServer();
    await new Promise<void>((done) => squatter.listen(0, '127.0.0.1', done));
    const taken = (squatter.address() as { port: number }).port;
    try {
      const r = await sb.run(['port-forward', pod, '--address', '127.0.0.1', `${taken}:80`]);
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: `Unable to listen on port ${taken}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${taken}: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{${taken} 80}]\n`,
      });
    } finally {
      squatter.close();
    }
  });
});
