// Replays seeds 001 and 003 (Docker/Kubernetes実践コンテナ開発入門 ch.5): the two-container pod
// (nginx in front of echo over localhost), the old `exec -it POD sh -c CONTAINER` form, the
// debug pod's `bash -il` session, logs proving which pods got traffic, NodePort on the host's
// 127.0.0.1, and the ExternalName for gihyo.jp.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Follower } from '../helpers/follow.js';
import { Sandbox } from '../helpers/kctl.js';

const SAMPLES = new URL('../../samples/jissen/ch05/', import.meta.url).pathname;
const GO_LOG = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /;

describe('seed 001: a pod of two containers', () => {
  const sb = new Sandbox('2');
  beforeAll(() => sb.ok(['apply', '-f', SAMPLES + 'simple-pod.yaml']));
  afterAll(() => sb.cleanup());

  it('refuses the book\'s old exec form as v1.32 does, and enters the nginx container with -c and --', async () => {
    const before = sb.stateText();
    expect(await sb.run(['exec', '-i', 'simple-echo', 'sh', '-c', 'nginx'])).toEqual({
      stdout: '',
      stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kctl exec -h' for help and examples\n",
      code: 1,
    });
    expect(sb.stateText()).toBe(before);
    const r = await sb.run(['exec', '-i', 'simple-echo', '-c', 'nginx', '--', 'sh'], { stdin: 'hostname\nprintenv BACKEND_HOST\ncurl -s localhost:8080 || echo no curl here\n' });
    // Without a terminal the shell reads its commands from stdin, without prompts.
    expect(r.stderr).toBe('sh: 3: curl: not found\n');
    expect(r.stdout).toBe('simple-echo\nlocalhost:8080\nno curl here\n');
    expect(r.code).toBe(0);
  });

  it('defaults to the first container with a note, and the echo container logs its start', async () => {
    const r = await sb.run(['exec', 'simple-echo', '--', 'printenv', 'BACKEND_HOST']);
    expect(r.stderr).toBe('Defaulted container "nginx" out of: nginx, echo\n');
    expect(r.stdout).toBe('localhost:8080\n');
    // The book follows the log and ends it with Ctrl-C.
    const logs = new Follower(sb, ['logs', '-f', 'simple-echo', '-c', 'echo']);
    await logs.waitFor('start server\n');
    const end = await logs.kill('SIGINT');
    expect(end.stdout).toMatch(new RegExp(`${GO_LOG.source}start server\\n$`));
  });

  it('proxies port 80 of the pod to the echo container over localhost', async () => {
    const ip = await sb.ok(['get', 'pod', 'simple-echo', '-o', 'jsonpath={.status.podIP}']);
    const out = await sb.ok(['run', '--image=gihyodocker/fundamental:0.1.0', '--restart=Never', '--rm', '-i', 'probe', '--', 'curl', '-si', `http://${ip}/`]);
    expect(out).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.13\.12-1~stretch\r\nDate: .+\r\nContent-Length: 14\r\nContent-Type: text\/plain; charset=utf-8\r\nConnection: keep-alive\r\n\r\nHello Docker!!pod "probe" deleted\n$/);
    const access = await sb.ok(['logs', 'simple-echo', '-c', 'nginx']);
    expect(access).toMatch(/^10\.244\.\d+\.\d+ - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 14 "-" "curl\/7\.61\.1" "-"\n$/);
    expect((await sb.ok(['logs', 'simple-echo', '-c', 'echo'])).split('\n')[1]).toMatch(new RegExp(`${GO_LOG.source}received request$`));
  });
});

describe('seed 003: a Service by label, reached from a debug pod and from the host', () => {
  const sb = new Sandbox('4');
  beforeAll(async () => {
    await sb.ok(['apply', '-f', SAMPLES + 'simple-replicaset-with-label.yaml']);
    await sb.ok(['apply', '-f', SAMPLES + 'simple-service.yaml']);
  });
  afterAll(() => sb.cleanup());

  it('runs an interactive login bash in the debug pod, prompt and all', async () => {
    // The container has a TTY, so the prompts (stderr) arrive merged with the output.
    const r = await sb.run(['run', '-i', '--rm', '--tty', 'debug', '--image=gihyodocker/fundamental:0.1.0', '--restart=Never', '--', 'bash', '-il'], {
      stdin: 'curl http://echo/\nexit\n',
    });
    expect(r.stderr).toBe("Unable to use a TTY - input is not a terminal or the right kind of file\nIf you don't see a command prompt, try pressing enter.\n");
    expect(r.stdout).toMatch(/^debug:\/# Hello Docker!!debug:\/# logout\npod "debug" deleted\n$/);
    expect(r.code).toBe(0);
    // Without -t the prompts stay on stderr, as bash writes them, and curl (no terminal on its
    // stdout) shows its progress meter there.
    const plain = await sb.run(['run', '-i', '--rm', 'debug', '--image=gihyodocker/fundamental:0.1.0', '--restart=Never', '--', 'bash', '-il'], { stdin: 'curl http://echo/\n' });
    expect(plain.stdout).toBe('Hello Docker!!pod "debug" deleted\n');
    expect(plain.stderr).toMatch(/^If you don't see a command prompt, try pressing enter\.\ndebug:\/# {3}% Total {4}% Received % Xferd {2}Average Speed {3}Time {4}Time {5}Time {2}Current\n {33}Dload {2}Upload {3}Total {3}Spent {4}Left {2}Speed\n\r {2}0 {5}0 {4}0 {5}0 {4}0 {5}0 {6}0 {6}0 --:--:-- --:--:-- --:--:-- {5}0\r100 {4}14 {2}100 {4}14 {4}0 {5}0 +\d+ {6}0 --:--:-- --:--:-- --:--:-- +\d+\ndebug:\/# /);
  });

  it('shows `received request` only in the logs of release=summer pods', async () => {
    const out = await sb.ok(['run', '-i', '--rm', 'debug', '--image=gihyodocker/fundamental:0.1.0', '--restart=Never', '--', 'sh', '-c', 'for i in 1 2 3 4 5 6; do curl -s http://echo/; echo; done']);
    expect(out).toBe('Hello Docker!!\n'.repeat(6) + 'pod "debug" deleted\n');
    const count = async (selector: string) => (await sb.ok(['logs', '-l', selector, '-c', 'echo'])).split('\n').filter((l) => l.endsWith('received request')).length;
    // Six requests here, one from each debug session before.
    expect(await count('release=summer')).toBe(8);
    expect(await count('release=spring')).toBe(0);
    for (const pod of (await sb.ok(['get', 'pods', '-l', 'release=spring', '-o', 'name'])).trim().split('\n')) {
      expect(await sb.ok(['logs', pod, '-c', 'echo'])).toMatch(new RegExp(`^${GO_LOG.source}start server\\n$`));
    }
  });

  it('reaches the NodePort on the host through 127.0.0.1 (Docker Desktop)', async () => {
    await sb.ok(['apply', '-f', SAMPLES + 'simple-nodeport-service.yaml']);
    const port = await sb.ok(['get', 'svc', 'echo', '-o', 'jsonpath={.spec.ports[0].nodePort}']);
    expect(await sb.ok(['get', 'svc', 'echo'])).toMatch(new RegExp(`echo   NodePort   10\\.\\d+\\.\\d+\\.\\d+   <none>        80:${port}/TCP   `));
    expect(await sb.ok(['host', '--', 'curl', '-s', `http://127.0.0.1:${port}`])).toBe('Hello Docker!!');
    expect(await sb.ok(['host', '--', 'curl', '-s', `http://localhost:${port}/`])).toBe('Hello Docker!!');
  });

  it('resolves the ExternalName gihyo to gihyo.jp', async () => {
    await sb.ok(['apply', '-f', SAMPLES + 'simple-externalname-service.yaml']);
    const out = await sb.ok(['run', '-i', '--rm', 'debug', '--image=gihyodocker/fundamental:0.1.0', '--restart=Never', '--', 'dig', '+short', 'gihyo.default.svc.cluster.local']);
    expect(out).toBe('gihyo.jp.\n210.130.137.82\npod "debug" deleted\n');
  });
});
