// The upstream kubectl v1.32 streaming through `kctl serve`: exec (stdin, exit codes, a terminal),
// run -i/-it --rm, attach, cp both ways and logs -f, each backed by the same simulated containers
// as kctl's own exec, and the API server's refusals in its words, leaving the state as it was.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, Sandbox } from '../helpers/kctl.js';
import { upstreamBinaries } from '../helpers/kubectl.js';
import { hasScript, Live } from '../helpers/live.js';
import { kubectl, startServe, type Served } from '../helpers/serve.js';

const TWO = `apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  restartPolicy: Never
  containers:
  - {name: web, image: nginx}
  - {name: once, image: busybox, command: ["true"]}
`;

describe('kubectl exec, attach, run -i, cp and logs -f through kctl serve', () => {
  const sb = new Sandbox();
  let served: Served;
  let bin: string;
  const k = (args: string[], stdin?: string) => kubectl(sb, served, args, { stdin });
  const env = () => ({ ...process.env, HOME: sb.dir, KUBECONFIG: served.kubeconfig });
  const kargs = (args: string[]) => ['--cache-dir', join(sb.dir, '.kube-cache'), ...args];
  const live = (args: string[]) => new Live(bin, kargs(args), { env: env(), cwd: sb.dir });
  const atTerminal = (args: string[]) => Live.atTerminal(bin, kargs(args), { env: env(), cwd: sb.dir });
  /** kubectl with WebSocket turned off: it speaks SPDY/3.1. */
  const spdy = (args: string[], stdin?: string) => runProcess(bin, kargs(args), { env: { ...env(), KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' }, cwd: sb.dir, stdin });

  beforeAll(async () => {
    bin = (await upstreamBinaries()).kubectl;
    await sb.ok(['run', 'web', '--image=nginx']);
    await sb.ok(['run', 'tools', '--image=centos:7', '--', 'sleep', '3600']);
    await sb.ok(['apply', '-f', sb.file('two.yaml', TWO)]);
    served = await startServe(sb);
  });

  afterAll(async () => {
    if (served) await served.stop();
    sb.cleanup();
  });

  it('exec relays stdout and stderr apart, and a non-zero exit as kubectl words it, with its code', async () => {
    const ok = await k(['exec', 'web', '--', 'sh', '-c', 'echo out; echo err >&2']);
    expect(ok).toEqual({ stdout: 'out\n', stderr: 'err\n', code: 0 });
    const three = await k(['exec', 'web', '--', 'sh', '-c', 'echo before; exit 3']);
    expect(three).toEqual({ stdout: 'before\n', stderr: 'command terminated with exit code 3\n', code: 3 });
    // kctl's own exec says the same for the same state file.
    const ours = await sb.run(['exec', 'web', '--', 'sh', '-c', 'echo before; exit 3']);
    expect(ours).toEqual(three);
  });

  it('exec -i passes stdin, its end included, to the process', async () => {
    const r = await k(['exec', '-i', 'web', '--', 'sh', '-c', 'cat > /tmp/in.txt; wc -l < /tmp/in.txt'], 'one\ntwo\nthree\n');
    expect(r).toEqual({ stdout: '3\n', stderr: '', code: 0 });
    // The file the process wrote is in the state file, as kctl's exec sees it.
    expect(await sb.ok(['exec', 'web', '--', 'cat', '/tmp/in.txt'])).toBe('one\ntwo\nthree\n');
    // Input is passed on by lines, as kctl's own exec -i passes it: a last line gets its newline.
    const partial = await k(['exec', '-i', 'web', '--', 'cat'], 'no newline at the end');
    expect(partial).toEqual(await sb.run(['exec', '-i', 'web', '--', 'cat'], { stdin: 'no newline at the end' }));
    expect(partial.stdout).toBe('no newline at the end\n');
  });

  it('exec -i holds no lock while it waits for input; a client that goes away ends its process, keeping its writes', async () => {
    const e = live(['exec', '-i', 'web', '--', 'sh', '-c', 'while read l; do echo "$l" >> /tmp/tee.txt; echo "$l"; done']);
    e.write('first\n');
    await e.waitFor('first\n');
    // The process waits for its next line: kctl's writes go on meanwhile.
    expect(await sb.ok(['label', 'pod', 'web', 'waited=yes'])).toBe('pod/web labeled\n');
    // and so do the server's own, queued with the exec's transactions.
    expect(await k(['label', 'pod', 'web', 'served=yes'])).toEqual({ stdout: 'pod/web labeled\n', stderr: '', code: 0 });
    e.write('second\n');
    await e.waitFor('second\n');
    e.kill('SIGKILL');
    await e.ended;
    // The server sees the connection close, ends tee's input and saves what it wrote.
    let seen = '';
    for (let i = 0; i < 600 && seen !== 'first\nsecond\n'; i++) {
      seen = (await sb.run(['exec', 'web', '--', 'cat', '/tmp/tee.txt'])).stdout;
      if (seen !== 'first\nsecond\n') await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toBe('first\nsecond\n');
    expect(await sb.ok(['get', 'pod', 'web', '-o', 'jsonpath={.metadata.labels.waited} {.metadata.labels.served}'])).toBe('yes yes');
  });

  it('-c picks the container; refusals are the API server and kubelet words, and change nothing', async () => {
    expect((await k(['exec', 'two', '-c', 'web', '--', 'hostname'])).stdout).toBe('two\n');
    const before = sb.stateText();
    expect(await k(['exec', 'two', '-c', 'nope', '--', 'true'])).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): container nope is not valid for pod two\n', code: 1 });
    expect(await k(['exec', 'ghost', '--', 'true'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "ghost" not found\n', code: 1 });
    expect(await k(['exec', 'two', '-c', 'once', '--', 'true'])).toEqual({ stdout: '', stderr: 'error: unable to upgrade connection: container not found ("once")\n', code: 1 });
    const missing = await k(['exec', 'web', '--', 'nosuch']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in \$PATH: unknown\n$/,
    );
    // Without WebSocket kubectl falls back to SPDY, checked the same way.
    expect((await spdy(['exec', 'two', '-c', 'nope', '--', 'true'])).stderr).toBe('Error from server (BadRequest): container nope is not valid for pod two\n');
    expect((await spdy(['exec', 'two', '-c', 'once', '--', 'true'])).stderr).toBe('error: unable to upgrade connection: container not found ("once")\n');
    expect(sb.stateText()).toBe(before);
  });

  it('SPDY/3.1, kubectl\'s fallback, carries stdin, stdout, stderr and the exit code too', async () => {
    expect(await spdy(['exec', 'web', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'])).toEqual({ stdout: 'out\n', stderr: 'err\ncommand terminated with exit code 3\n', code: 3 });
    expect(await spdy(['exec', '-i', 'web', '--', 'sh', '-c', 'cat; echo done'], 'a\nb\n')).toEqual({ stdout: 'a\nb\ndone\n', stderr: '', code: 0 });
    const run = await spdy(['run', '-i', '--rm', '--restart=Never', 'viaspdy', '--image=busybox', '--', 'sh', '-c', 'read x; echo got $x'], 'it\n');
    expect(run.stdout).toBe('got it\npod "viaspdy" deleted\n');
    expect(run.code).toBe(0);
  });

  it('the v4 protocol is spoken too, with resize messages taken, and the exit code in the Status', async () => {
    const url = `${served.url.replace(/^https/, 'wss')}/api/v1/namespaces/default/pods/web/exec?command=sh&command=-c&command=echo+hi%3B+exit+7&stdout=true&stderr=true&tty=false`;
    const ws = new WebSocket(url, ['v4.channel.k8s.io'], { ca: served.ca, headers: { Authorization: `Bearer ${served.token}` } });
    const got: Record<number, string> = {};
    ws.on('open', () => ws.send(Buffer.concat([Buffer.of(4), Buffer.from('{"Width":100,"Height":30}')])));
    ws.on('message', (data: Buffer) => (got[data[0]] = (got[data[0]] ?? '') + data.subarray(1).toString()));
    await new Promise((done) => ws.on('close', done));
    expect(ws.protocol).toBe('v4.channel.k8s.io');
    expect(got[1]).toBe('hi\n');
    expect(JSON.parse(got[3])).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c echo hi; exit 7], exit code 7',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '7' }] },
    });
  });

  it('refuses an upgrade without the token, and paths that are not exec or attach', async () => {
    const status = (path: string, token?: string) =>
      new Promise<number>((done) => {
        const ws = new WebSocket(`${served.url.replace(/^https/, 'wss')}${path}`, ['v5.channel.k8s.io'], { ca: served.ca, headers: token ? { Authorization: `Bearer ${token}` } : {} });
        ws.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
        ws.on('open', () => done(101));
        ws.on('error', () => undefined);
      });
    expect(await status('/api/v1/namespaces/default/pods/web/exec?command=true')).toBe(401);
    expect(await status('/api/v1/namespaces/default/pods/web/proxy', served.token)).toBe(404);
  });

  it.skipIf(!hasScript)('exec -it: a shell at a terminal, its echo and prompt, and its exit code', async () => {
    const t = atTerminal(['exec', '-it', 'web', '--', 'sh']);
    await t.waitFor('# ');
    t.write('echo $((6 * 7))\r');
    await t.waitFor('42\r\n');
    t.write('exit 5\r');
    const r = await t.ended;
    expect(r.stdout).toContain('echo $((6 * 7))\r\n42\r\n');
    expect(r.stdout).toContain('command terminated with exit code 5');
    expect(r.code).toBe(5);
  });

  it.skipIf(!hasScript)('run -it --rm: creates the pod, attaches a shell at the terminal, then deletes the pod', async () => {
    const t = atTerminal(['run', '-it', '--rm', 'debug', '--image=busybox', '--restart=Never', '--', 'sh']);
    await t.waitFor('/ # ');
    t.write('hostname\r');
    await t.waitFor('debug\r\n');
    t.write('exit\r');
    const r = await t.ended;
    expect(r.stdout).toContain("If you don't see a command prompt, try pressing enter.");
    expect(r.stdout).toContain('pod "debug" deleted');
    expect(r.code).toBe(0);
    expect((await sb.run(['get', 'pod', 'debug'])).stderr).toBe('Error from server (NotFound): pods "debug" not found\n');
  });

  it('run -i --rm with piped stdin relays the output and ends with the container exit code', async () => {
    const r = await k(['run', '-i', '--rm', '--restart=Never', 'once', '--image=busybox', '--', 'sh', '-c', 'read x; echo got $x; exit 3'], 'hello\n');
    expect(r.stdout).toBe('got hello\npod "once" deleted\n');
    expect(r.stderr).toContain('pod default/once terminated (Error)\n');
    expect(r.code).toBe(3);
    expect((await sb.run(['get', 'pod', 'once'])).code).toBe(1);
  });

  it('attach -i feeds a container that waits for it; the pod records how its process ended', async () => {
    await sb.ok(['run', 'waiter', '--image=busybox', '-i', '--restart=Never', '--attach=false', '--', 'sh', '-c', 'read x; echo got $x; exit 2']);
    const r = await k(['attach', '-i', 'waiter'], 'there\n');
    expect(r.stdout).toBe('got there\n');
    expect(r.code).toBe(0);
    expect(await sb.ok(['get', 'pod', 'waiter', '-o', 'jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}'])).toBe('Failed 2');
  });

  it('cp copies a file and a directory into a container and back out', async () => {
    writeFileSync(join(sb.dir, 'note.txt'), 'hello from the host\n');
    mkdirSync(join(sb.dir, 'tree/sub'), { recursive: true });
    writeFileSync(join(sb.dir, 'tree/a.txt'), 'A\n');
    writeFileSync(join(sb.dir, 'tree/sub/b.txt'), 'B ünïcode\n');
    expect(await k(['cp', 'note.txt', 'web:/tmp/note.txt'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await sb.ok(['exec', 'web', '--', 'cat', '/tmp/note.txt'])).toBe('hello from the host\n');
    expect((await k(['cp', 'tree', 'web:/srv/tree'])).code).toBe(0);
    expect(await sb.ok(['exec', 'web', '--', 'cat', '/srv/tree/sub/b.txt'])).toBe('B ünïcode\n');

    await sb.ok(['exec', 'web', '--', 'sh', '-c', 'echo made in the pod > /tmp/made.txt']);
    const back = await k(['cp', 'web:/tmp/made.txt', 'made.txt']);
    // kubectl cp shows what tar says on its own stdout.
    expect(back).toEqual({ stdout: "tar: Removing leading `/' from member names\n", stderr: '', code: 0 });
    expect(readFileSync(join(sb.dir, 'made.txt'), 'utf8')).toBe('made in the pod\n');
    expect((await k(['cp', 'web:/srv/tree', 'copy'])).code).toBe(0);
    expect(readFileSync(join(sb.dir, 'copy/a.txt'), 'utf8')).toBe('A\n');
    expect(readFileSync(join(sb.dir, 'copy/sub/b.txt'), 'utf8')).toBe('B ünïcode\n');

    const nowhere = await k(['cp', 'note.txt', 'web:/nodir/note.txt']);
    expect(nowhere).toEqual({ stdout: '', stderr: 'tar: /nodir: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\ncommand terminated with exit code 2\n', code: 2 });
    expect(existsSync(join(sb.dir, 'nodir'))).toBe(false);
  });

  it('logs -f goes on with the lines a later kctl exec makes, and --tail starts it short', async () => {
    const ip = await sb.ok(['get', 'pod', 'web', '-o', 'jsonpath={.status.podIP}']);
    const before = (await k(['logs', 'web'])).stdout.split('\n').filter(Boolean);
    const f = live(['logs', '-f', 'web', '--tail=1']);
    try {
      await f.waitFor(before[before.length - 1]);
      expect(f.stdout).toBe(`${before[before.length - 1]}\n`);
      await sb.ok(['exec', 'tools', '--', 'curl', '-s', '-o', '/dev/null', `http://${ip}/followed`]);
      await f.waitFor('"GET /followed HTTP/1.1" 404');
      await sb.ok(['exec', 'tools', '--', 'curl', '-s', '-o', '/dev/null', `http://${ip}/again`]);
      await f.waitFor('"GET /again HTTP/1.1" 404');
      // Each line once, in order.
      expect(f.stdout.split('/followed').length).toBe(2);
      expect(f.stdout.indexOf('/followed')).toBeLessThan(f.stdout.indexOf('/again'));
    } finally {
      f.kill();
    }
  });

  it('logs -f ends when the container does', async () => {
    await sb.ok(['run', 'ticker', '--image=busybox', '-i', '--restart=Never', '--attach=false', '--', 'sh', '-c', 'read x; echo last $x']);
    const f = live(['logs', '-f', 'ticker']);
    await k(['attach', '-i', 'ticker'], 'words\n');
    const r = await f.ended;
    expect(r).toEqual({ stdout: 'last words\n', stderr: '', code: 0 });
  });
});
