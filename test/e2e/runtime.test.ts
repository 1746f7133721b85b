// run, exec and logs beyond the seeds: detached commands and restart policies, exit codes and
// kubectl's messages.

import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KCTL, Sandbox, runProcess } from '../helpers/kctl.js';

// util-linux's `script` gives kctl a real terminal; without it the terminal tests are skipped
// (and reported as skipped).
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;

describe('run: detached commands, restart policies and attached exit codes', () => {
  const sb = new Sandbox('21');
  afterAll(() => sb.cleanup());

  it('runs a detached command to Completed or Error, its output in the log', async () => {
    expect(await sb.ok(['run', 'done', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'echo fine; echo warn >&2'])).toBe('pod/done created\n');
    expect(await sb.ok(['run', 'failed', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'echo bad; exit 3'])).toBe('pod/failed created\n');
    expect(await sb.ok(['run', 'crash', '--image=busybox', '--', 'sh', '-c', 'exit 1'])).toBe('pod/crash created\n');
    expect(await sb.ok(['run', 'sleeper', '--image=busybox', '--', 'sh', '-c', 'echo start; sleep 3600; echo never'])).toBe('pod/sleeper created\n');
    const rows = (await sb.ok(['get', 'pods', '--no-headers'])).split('\n').map((l) => l.split(/\s+/).slice(0, 4).join(' '));
    expect(rows).toContain('done 0/1 Completed 0');
    expect(rows).toContain('failed 0/1 Error 0');
    expect(rows).toContain('sleeper 1/1 Running 0');
    expect(rows.find((r) => r.startsWith('crash '))).toMatch(/^crash 0\/1 CrashLoopBackOff 1$/);
    expect(await sb.ok(['logs', 'done'])).toBe('fine\nwarn\n');
    expect(await sb.ok(['logs', 'failed'])).toBe('bad\n');
    expect(await sb.ok(['logs', 'sleeper'])).toBe('start\n');
    expect(await sb.ok(['get', 'pod', 'failed', '-o', 'jsonpath={.status.containerStatuses[0].state.terminated.exitCode} {.status.phase}'])).toBe('3 Failed');
  });

  it('runs the commands of a Job to completion', async () => {
    await sb.ok(['create', 'job', 'pi', '--image=busybox', '--', 'sh', '-c', 'echo 3.14']);
    expect((await sb.ok(['get', 'job', 'pi', '--no-headers'])).split(/\s+/).slice(0, 3)).toEqual(['pi', 'Complete', '1/1']);
    expect(await sb.ok(['logs', 'job/pi'])).toBe('3.14\n');
  });

  it("ends with the container's exit code, after the pod is deleted", async () => {
    const r = await sb.run(['run', '--image=centos:7', '--restart=Never', '--rm', '-i', 'testpod', '--', 'sh', '-c', 'echo out; echo err >&2; exit 4']);
    expect(r).toEqual({ code: 4, stdout: 'out\npod "testpod" deleted\n', stderr: 'err\npod default/testpod terminated (Error)\n' });
    const start = await sb.run(['run', '--image=centos:7', '--restart=Never', '--rm', '-i', 'testpod', '--', 'nosuch']);
    expect(start.code).toBe(128);
    expect(start.stdout).toBe('pod "testpod" deleted\n');
    expect(start.stderr).toBe('pod default/testpod terminated (StartError)\nfailed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown\n');
    const retried = await sb.run(['run', '--image=centos:7', '--rm', '-i', 'testpod', '--', 'false']);
    expect(retried).toEqual({ code: 1, stdout: 'pod "testpod" deleted\n', stderr: 'error: timed out waiting for the condition\n' });
  });

  it("refuses what kubectl refuses, changing nothing", async () => {
    const before = sb.stateText();
    expect((await sb.run(['run', 'x', '--image=busybox', '--rm', '--', 'true'])).stderr).toBe('error: --rm should only be used for attached containers\n');
    expect((await sb.run(['run', 'x', '--image=busybox', '-t'])).stderr).toBe('error: -i/--stdin is required for containers with -t/--tty=true\n');
    expect((await sb.run(['run', 'x'])).stderr).toBe('error: required flag(s) "image" not set\n');
    expect((await sb.run(['run', 'x', '--image=busybox', '--restart=Sometimes'])).stderr).toBe("error: invalid restart policy: Sometimes, valid values are: Always, OnFailure, Never\nSee 'kctl run -h' for help and examples\n");
    expect((await sb.run(['run', 'x', '--image=Bad Image'])).stderr).toBe('error: invalid image name "Bad Image": invalid reference format\n');
    const clash = await sb.run(['run', 'done', '--image=busybox']);
    expect(clash).toEqual({ code: 1, stdout: '', stderr: 'Error from server (AlreadyExists): pods "done" already exists\n' });
    expect(sb.stateText()).toBe(before);
  });
});

describe('exec and logs: messages and options', () => {
  const sb = new Sandbox('22');
  beforeAll(async () => {
    await sb.ok(['apply', '-f', SAMPLES + 'sample-deployment.yaml']);
    await sb.ok(['run', 'box', '--image=busybox', '--', 'sleep', '3600']);
    await sb.ok(['run', 'done', '--image=busybox', '--restart=Never', '--', 'true']);
  });
  afterAll(() => sb.cleanup());

  it('reports exec errors as kubectl does', async () => {
    expect(await sb.run(['exec', 'done', '--', 'ls'])).toEqual({ code: 1, stdout: '', stderr: 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n' });
    expect(await sb.run(['exec', 'box', '-c', 'nope', '--', 'ls'])).toEqual({ code: 1, stdout: '', stderr: 'Error from server (BadRequest): container nope is not valid for pod box\n' });
    expect(await sb.run(['exec', 'nope', '--', 'ls'])).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    const missing = await sb.run(['exec', 'box', '--', 'curl', 'http://x']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown\n$/);
    expect(await sb.run(['exec', 'box', '--', 'sh', '-c', 'echo $HOSTNAME; exit 7'])).toEqual({ code: 7, stdout: 'box\n', stderr: 'command terminated with exit code 7\n' });
    expect(await sb.run(['exec', 'box', '--', 'sh', '-c', 'foo'])).toEqual({ code: 127, stdout: '', stderr: 'sh: foo: not found\ncommand terminated with exit code 127\n' });
    expect(await sb.run(['exec', 'box'])).toMatchObject({ code: 1, stderr: 'error: you must specify at least one command for the container\n' });
    expect(await sb.ok(['exec', 'deploy/sample-deployment', '--', 'cat', '/etc/hostname'])).toMatch(/^sample-deployment-[0-9a-f]+-[a-z0-9]{5}\n$/);
  });

  it.skipIf(!HAS_SCRIPT)('runs an interactive shell on a real terminal, with each shell\'s prompt and messages', async () => {
    await sb.ok(['run', 'deb', '--image=debian', '--', 'sleep', '3600']);
    // `script` gives kctl a terminal; what kctl writes comes back with the typed lines echoed.
    const tty = async (args: string, input: string) =>
      (await runProcess('script', ['-qec', `${process.execPath} ${KCTL} ${args}`, '/dev/null'], { stdin: input, env: sb.env(), cwd: sb.dir })).stdout.replace(/\r/g, '');
    const busybox = await tty('exec -it box -- sh', 'cd /etc\nexit 3\n');
    expect(busybox.endsWith('/ # /etc # command terminated with exit code 3\n')).toBe(true);
    const dash = await tty('exec -it deb -- sh', 'nope\nexit\n');
    // `exit` without a status ends with the last command's.
    expect(dash.endsWith('# sh: 1: nope: not found\n# command terminated with exit code 127\n')).toBe(true);
    const bash = await tty('exec -it deb -- bash', 'nope\necho $LINENO\nexit\n');
    expect(bash.endsWith('root@deb:/# bash: nope: command not found\nroot@deb:/# 2\nroot@deb:/# exit\n')).toBe(true);
  });

  it('prints start lines and access lines, with --tail, --timestamps, --prefix and -l', async () => {
    const pod = await sb.ok(['get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[0].metadata.name}']);
    const ip = await sb.ok(['get', 'pod', pod, '-o', 'jsonpath={.status.podIP}']);
    await sb.ok(['run', '--image=centos:7', '--restart=Never', '--rm', '-i', 'testpod', '--', 'curl', '-s', `http://${ip}/hello?x=1`]);
    const all = (await sb.ok(['logs', pod])).split('\n');
    expect(all[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(all[all.length - 2]).toMatch(/^10\.244\.\d+\.\d+ - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/hello\?x=1 HTTP\/1\.1" 200 \d+ "-" "curl\/7\.29\.0" "-"$/);
    expect(await sb.ok(['logs', pod, '--tail', '1', '--timestamps'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z 10\.244\.\d+\.\d+ - - \[/);
    const prefixed = (await sb.ok(['logs', '-l', 'app=sample-app', '--prefix', '--tail', '1'])).trim().split('\n');
    expect(prefixed).toHaveLength(3);
    for (const line of prefixed) expect(line).toMatch(/^\[pod\/sample-deployment-[0-9a-f]+-[a-z0-9]{5}\/nginx-container\] /);
    expect((await sb.run(['logs', 'deploy/sample-deployment', '--tail', '0'])).stderr).toMatch(/^Found 3 pods, using pod\/sample-deployment-/);
  });

  it('says why there are no logs', async () => {
    expect(await sb.run(['logs', 'nope'])).toEqual({ code: 1, stdout: '', stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n' });
    expect(await sb.run(['logs', 'box', '--previous'])).toEqual({ code: 1, stdout: '', stderr: 'Error from server (BadRequest): previous terminated container "box" in pod "box" not found\n' });
    sb.file('pending.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: stuck\nspec:\n  nodeSelector:\n    disk: ssd\n  containers:\n  - name: app\n    image: nginx\n');
    await sb.ok(['apply', '-f', 'pending.yaml']);
    expect((await sb.run(['logs', 'stuck'])).stderr).toBe('Error from server (BadRequest): container "app" in pod "stuck" is waiting to start: ContainerCreating\n');
  });
});
