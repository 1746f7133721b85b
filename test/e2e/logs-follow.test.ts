// logs -f follows: it prints what there is, then every line other kctl commands make the
// container write, until the container ends or the user interrupts it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Follower } from '../helpers/follow.js';
import { Sandbox } from '../helpers/kctl.js';

describe('logs -f', () => {
  const sb = new Sandbox();
  const curl = async (pod: string) => {
    const ip = await sb.ok(['get', 'pod', pod, '-o', 'jsonpath={.status.podIP}']);
    await sb.ok(['run', 'client', '--image=centos:7', '--restart=Never', '--rm', '-i', '--', 'curl', '-s', `http://${ip}:8080`]);
  };
  beforeAll(async () => {
    await sb.ok(['run', 'echo', '--image=gihyodocker/echo:latest', '--labels=app=echo']);
    await sb.ok(['run', 'echo2', '--image=gihyodocker/echo:latest', '--labels=app=echo']);
  });
  afterAll(() => sb.cleanup());

  it('prints new lines as requests arrive, and an interrupt ends it quietly', async () => {
    const logs = new Follower(sb, ['logs', '-f', 'echo']);
    await logs.waitFor('start server\n');
    await curl('echo');
    await logs.waitFor('received request\n');
    await curl('echo');
    await logs.waitFor('received request\n', 2);
    const end = await logs.kill('SIGINT');
    // As kubectl logs, which installs no handler: the interrupt ends the process, nothing is printed.
    expect(end.signal).toBe('SIGINT');
    expect(end.stderr).toBe('');
    expect(end.stdout).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d start server\n(\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d received request\n){2}$/);
    // What it printed is what logs prints afterwards.
    expect(await sb.ok(['logs', 'echo'])).toBe(end.stdout);
  }, 600_000);

  it('--tail, --timestamps, --prefix and -c apply to the followed lines too', async () => {
    const logs = new Follower(sb, ['logs', 'echo', '-f', '--tail=0', '--timestamps', '--prefix', '-c', 'echo']);
    await curl('echo');
    await logs.waitFor('received request\n');
    const end = await logs.kill();
    expect(end.stdout).toMatch(/^\[pod\/echo\/echo\] \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d received request\n$/);
  }, 600_000);

  it('-l follows every selected pod, up to --max-log-requests', async () => {
    const before = sb.stateText();
    expect(await sb.run(['logs', '-f', '-l', 'app=echo', '--max-log-requests=1'])).toEqual({
      stdout: '',
      stderr: 'error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n',
      code: 1,
    });
    expect(sb.stateText()).toBe(before);
    const logs = new Follower(sb, ['logs', '-f', '-l', 'app=echo', '--prefix', '--tail=0']);
    await curl('echo2');
    await logs.waitFor('[pod/echo2/echo2] ');
    await curl('echo');
    await logs.waitFor('[pod/echo/echo] ');
    const end = await logs.kill();
    expect(end.stdout.split('\n').filter(Boolean).map((l) => l.replace(/ \d.*/, ''))).toEqual(['[pod/echo2/echo2]', '[pod/echo/echo]']);
  }, 600_000);

  it('ends by itself when the container ends, and at once for a finished one', async () => {
    await sb.ok(['run', 'sleeper', '--image=busybox', '--', 'sh', '-c', 'echo started; sleep 3600']);
    const logs = new Follower(sb, ['logs', '-f', 'sleeper']);
    await logs.waitFor('started\n');
    await sb.ok(['delete', 'pod', 'sleeper']);
    expect(await logs.ended).toEqual({ code: 0, signal: null, stdout: 'started\n', stderr: '' });
    await sb.ok(['run', 'done', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'echo one; echo two']);
    expect(await sb.run(['logs', '-f', 'done'])).toEqual({ stdout: 'one\ntwo\n', stderr: '', code: 0 });
  }, 600_000);
});
