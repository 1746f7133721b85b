// A writer killed at any moment leaves a parseable state equal to the one before or the one
// after. Ctrl-C, SIGTERM and kill -9 end even a long command at once, and the next command takes
// over the lock and the temp file it left.

import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, utimesSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leftovers, locked, startKctl, until } from '../helpers/holder.js';
import { KCTL, Sandbox } from '../helpers/kctl.js';
import { seededRandom } from '../helpers/seed.js';

describe('killed writers', () => {
  const sb = new Sandbox();
  let base: string;
  beforeAll(async () => {
    await sb.ok(['cluster', 'reset']);
    sb.file('big.yaml', Array.from({ length: 40 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm${i}\ndata:\n  v: "${'x'.repeat(2000)}"\n`).join('---\n'));
    base = join(sb.dir, 'base.json');
    copyFileSync(sb.state, base);
  });
  afterAll(() => sb.cleanup());

  it('kill -9 at random moments never leaves a broken or mixed state file', async () => {
    const before = readFileSync(base, 'utf8');
    const started = Date.now();
    const after = await (async () => {
      copyFileSync(base, sb.state);
      await sb.ok(['apply', '-f', join(sb.dir, 'big.yaml')]);
      return readFileSync(sb.state, 'utf8');
    })();
    expect(after).not.toBe(before);
    // Kill moments spread over the whole life of a run. The span starts at 1.5 times one run
    // and follows the machine's speed: a long streak of one outcome means the moments no
    // longer cover both ends of a run, so the span grows or shrinks. The runs go on until
    // both outcomes were seen, so a busy machine costs runs, never a failure.
    let span = (Date.now() - started) * 1.5;
    const random = seededRandom('kill moments');
    // Each run starts from the same state with its own file, so a stale lock from a killed
    // process never delays the next run.
    let sawBefore = 0;
    let sawAfter = 0;
    let streak = 0;
    let last = '';
    for (let i = 0; i < 16 || !sawBefore || !sawAfter; i++) {
      expect(i, `no run was killed before its write, or none after it, in ${i} runs`).toBeLessThan(1000);
      const state = join(sb.dir, `kill-${i}.json`);
      copyFileSync(base, state);
      const child = spawn(process.execPath, [KCTL, 'apply', '-f', join(sb.dir, 'big.yaml')], { env: sb.env({ KCTL_STATE: state }), stdio: 'ignore' });
      const closed = new Promise((r) => child.on('close', r));
      const delay = Math.floor(random() * span);
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await closed;
      const text = readFileSync(state, 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
      const outcome = text === before ? 'before' : normalize(text) === normalize(after) ? 'after' : 'other';
      expect(outcome, `run ${i} killed after ${delay} ms`).not.toBe('other');
      if (outcome === 'before') sawBefore++;
      else sawAfter++;
      streak = outcome === last ? streak + 1 : 1;
      last = outcome;
      if (streak === 20) {
        span = outcome === 'before' ? span * 2 : span / 2;
        streak = 0;
      }
    }
    expect(sawBefore).toBeGreaterThan(0);
    expect(sawAfter).toBeGreaterThan(0);
  });
});

describe('a long command ended by a signal', () => {
  const sb = new Sandbox();
  let base = '';
  beforeAll(async () => {
    await sb.ok(['cluster', 'reset', '--nodes', '30']);
    await sb.ok(['create', 'deployment', 'big', '--image=nginx']);
    base = join(sb.dir, 'base.json');
    copyFileSync(sb.state, base);
  });
  afterAll(() => sb.cleanup());

  /** The next command goes ahead at once: with KCTL_LOCK_TIMEOUT=0 it would not wait for a live holder either. */
  async function nextCommandWorks(): Promise<void> {
    const lock = `${sb.state}.lock`;
    // A dead holder's lock is taken over whatever its age: kept fresh here, as a holder that
    // refreshed a timestamp would.
    const fresh = setInterval(() => {
      try {
        utimesSync(lock, new Date(), new Date());
      } catch {}
    }, 100);
    try {
      // Without the suite's fixpoint checks, which fail on a state with pods left Pending.
      expect(await sb.run(['create', 'configmap', 'after', '--from-literal=a=b'], { env: { KCTL_LOCK_TIMEOUT: '0', KCTL_CHECKS: '' } })).toEqual({
        code: 0,
        stdout: 'configmap/after created\n',
        stderr: '',
      });
    } finally {
      clearInterval(fresh);
    }
    expect(leftovers(sb.state)).toEqual([]);
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} ends it at once with the state as it was, and the next command goes ahead`, async () => {
      copyFileSync(base, sb.state);
      const before = sb.stateText();
      const holder = startKctl(sb, ['scale', 'deployment', 'big', '--replicas=3000']);
      await locked(holder, sb.state);
      holder.kill(signal);
      expect(await holder.ended).toEqual({ code: null, signal, stdout: '', stderr: '' });
      expect(sb.stateText()).toBe(before);
      await nextCommandWorks();
    });
  }

  it('kill -9 while it writes the new state leaves the old or the new one; the next command removes its temp file', async () => {
    copyFileSync(base, sb.state);
    const before = sb.stateText();
    const holder = startKctl(sb, ['scale', 'deployment', 'big', '--replicas=20000']);
    // The state's own temp file (`.state.json.<pid>.tmp`), not the lock's, which exists for a moment as the lock is taken.
    const stateTemp = `.${basename(sb.state)}.${holder.pid}.tmp`;
    await until(holder, 'it began writing the new state', () => leftovers(sb.state).includes(stateTemp));
    holder.kill('SIGKILL');
    expect((await holder.ended).signal).toBe('SIGKILL');
    expect(leftovers(sb.state).length).toBeGreaterThan(0);
    const text = sb.stateText();
    if (text !== before) expect(JSON.parse(text).objects.deployments['default/big'].spec.replicas).toBe(20000);
    await nextCommandWorks();
  });
});

/** Two successful applies of the same file differ only in generated uids, names and times. */
function normalize(text: string): string {
  const data = JSON.parse(text);
  return JSON.stringify(Object.keys(data.objects.configmaps ?? {}).sort());
}
