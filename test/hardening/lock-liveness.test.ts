// The state lock is judged by whether its holder runs, never by its age: a holder that is
// stopped (Ctrl-Z) or busy for longer than any timer keeps it, and waiters wait for it; a waiter
// gives up only on a holder that makes no progress; a holder whose lock is taken away by hand
// fails without writing.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { leftovers, locked, startKctl, type Holder } from '../helpers/holder.js';
import { KCTL, runProcess, Sandbox } from '../helpers/kctl.js';

const sandboxes: Sandbox[] = [];
const holders: Holder[] = [];

/**
 * A cluster with a Deployment `big` to scale, on a state file of its own. Its 30 workers hold
 * 3,000 pods: with pods left Pending, a later write fails the suite's fixpoint checks.
 */
async function cluster(): Promise<Sandbox> {
  const sb = new Sandbox();
  sandboxes.push(sb);
  await sb.ok(['cluster', 'reset', '--nodes', '30']);
  await sb.ok(['create', 'deployment', 'big', '--image=nginx']);
  return sb;
}

function start(sb: Sandbox, args: string[], env: Record<string, string> = {}): Holder {
  const p = startKctl(sb, args, env);
  holders.push(p);
  return p;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const replicas = (sb: Sandbox) => sb.ok(['get', 'deployment', 'big', '-o', 'jsonpath={.spec.replicas}']);

afterEach(() => {
  // A test that failed half-way must not leave a stopped kctl behind.
  for (const p of holders.splice(0)) {
    p.kill('SIGKILL');
    p.kill('SIGCONT');
  }
  for (const sb of sandboxes.splice(0)) sb.cleanup();
});

describe('the state lock follows its holder’s life', () => {
  it('a holder stopped for 11 s (Ctrl-Z, longer than the 10 s after which a timestamp lock would be stale) keeps its lock; its change lands, then that of a command started meanwhile', async () => {
    const sb = await cluster();
    const holder = start(sb, ['scale', 'deployment', 'big', '--replicas=3000']);
    await locked(holder, sb.state);
    holder.kill('SIGSTOP');
    expect(existsSync(`${sb.state}.lock`), 'stopped holding the lock').toBe(true);
    const waiter = start(sb, ['create', 'configmap', 'victim', '--from-literal=a=b']);
    await sleep(11_000);
    expect(waiter.done(), 'the waiter took the lock of a stopped holder').toBe(false);
    holder.kill('SIGCONT');
    expect(await holder.ended).toEqual({ code: 0, signal: null, stdout: 'deployment.apps/big scaled\n', stderr: '' });
    expect(await waiter.ended).toEqual({
      code: 0,
      signal: null,
      stdout: 'configmap/victim created\n',
      stderr: `waiting for process ${holder.pid}, which holds the lock on ${sb.state} and is stopped\n`,
    });
    expect(await replicas(sb)).toBe('3000');
    expect(await sb.ok(['get', 'configmap', 'victim', '-o', 'name'])).toBe('configmap/victim\n');
    expect(leftovers(sb.state)).toEqual([]);
  });

  it('a holder busy for long (scale to 60,000 replicas) keeps its lock; a waiter with a 3 s KCTL_LOCK_TIMEOUT waits as long as it works, then lands', async () => {
    // The default three workers: most of the pods stay Pending, which makes the work long.
    const sb = new Sandbox();
    sandboxes.push(sb);
    await sb.ok(['cluster', 'reset']);
    await sb.ok(['create', 'deployment', 'big', '--image=nginx']);
    const holder = start(sb, ['scale', 'deployment', 'big', '--replicas=60000']);
    await locked(holder, sb.state);
    // Without the suite's fixpoint checks, which the scheduler fails with pods Pending.
    const waiter = start(sb, ['create', 'configmap', 'victim', '--from-literal=a=b'], { KCTL_LOCK_TIMEOUT: '3s', KCTL_CHECKS: '' });
    expect(await holder.ended).toEqual({ code: 0, signal: null, stdout: 'deployment.apps/big scaled\n', stderr: '' });
    expect(await waiter.ended).toEqual({ code: 0, signal: null, stdout: 'configmap/victim created\n', stderr: '' });
    expect(await replicas(sb)).toBe('60000');
    expect(await sb.ok(['get', 'configmap', 'victim', '-o', 'name'])).toBe('configmap/victim\n');
    expect(leftovers(sb.state)).toEqual([]);
  });

  it('a waiter gives up on a holder that makes no progress after KCTL_LOCK_TIMEOUT, with one line and exit 1', async () => {
    const sb = await cluster();
    const holder = start(sb, ['scale', 'deployment', 'big', '--replicas=3000']);
    await locked(holder, sb.state);
    holder.kill('SIGSTOP');
    expect(existsSync(`${sb.state}.lock`), 'stopped holding the lock').toBe(true);
    const r = await sb.run(['create', 'configmap', 'victim', '--from-literal=a=b'], { env: { KCTL_LOCK_TIMEOUT: '2s' } });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `waiting for process ${holder.pid}, which holds the lock on ${sb.state} and is stopped\n` +
        `error: timed out waiting for the lock on ${sb.state}: process ${holder.pid} holds it and has been stopped for 2s (KCTL_LOCK_TIMEOUT sets how long to wait)\n`,
    });
    holder.kill('SIGCONT');
    expect((await holder.ended).code).toBe(0);
    expect(await replicas(sb)).toBe('3000');
    expect((await sb.run(['get', 'configmap', 'victim'])).code).toBe(1);
  });

  it('a KCTL_LOCK_TIMEOUT that is no duration is refused with one line', async () => {
    const sb = await cluster();
    const before = sb.stateText();
    expect(await sb.run(['create', 'configmap', 'c', '--from-literal=a=b'], { env: { KCTL_LOCK_TIMEOUT: 'soon' } })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: invalid KCTL_LOCK_TIMEOUT "soon": time: invalid duration "soon"\n',
    });
    expect(sb.stateText()).toBe(before);
    await sb.ok(['create', 'configmap', 'c', '--from-literal=a=b'], { env: { KCTL_LOCK_TIMEOUT: '90' } });
  });

  it('a holder that exits on a closed output pipe lets go of its lock', async () => {
    const sb = await cluster();
    await sb.ok(['run', 'box', '--image=busybox', '--', 'sleep', '3600']);
    // exec works under the lock while its output streams; head closes the pipe after one line.
    const r = await runProcess('sh', ['-c', `"${process.execPath}" "${KCTL}" exec box -- seq 1 200000 | head -1`], { env: sb.env(), cwd: sb.dir });
    expect(r).toEqual({ code: 0, stdout: '1\n', stderr: '' });
    expect(leftovers(sb.state)).toEqual([]);
  });

  const tampering: [string, (lock: string) => void][] = [
    ['removed', (lock) => rmSync(lock, { recursive: true, force: true })],
    [
      'replaced',
      (lock) => {
        rmSync(lock, { recursive: true, force: true });
        writeFileSync(lock, 'taken by hand\n');
      },
    ],
  ];
  for (const [how, tamper] of tampering) {
    it(`a holder whose lock is ${how} by hand fails with one line and writes nothing`, async () => {
      const sb = await cluster();
      const before = sb.stateText();
      const lock = `${sb.state}.lock`;
      const holder = start(sb, ['scale', 'deployment', 'big', '--replicas=3000']);
      await locked(holder, sb.state);
      tamper(lock);
      expect(await holder.ended).toEqual({
        code: 1,
        signal: null,
        stdout: '',
        stderr: `error: lost the lock on ${sb.state}: ${lock} was removed or replaced while this command ran; nothing was written\n`,
      });
      expect(sb.stateText()).toBe(before);
      if (how === 'replaced') {
        // Someone else's lock is theirs to remove.
        expect(readFileSync(lock, 'utf8')).toBe('taken by hand\n');
        rmSync(lock);
      }
      expect(leftovers(sb.state)).toEqual([]);
      await sb.ok(['create', 'configmap', 'after', '--from-literal=a=b']);
      expect(await replicas(sb)).toBe('1');
    });
  }
});
