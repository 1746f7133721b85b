// A writer killed at any moment leaves a parseable state equal to the one before or the one
// after.

import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    for (let i = 0; i < 100 || !sawBefore || !sawAfter; i++) {
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

/** Two successful applies of the same file differ only in generated uids, names and times. */
function normalize(text: string): string {
  const data = JSON.parse(text);
  return JSON.stringify(Object.keys(data.objects.configmaps ?? {}).sort());
}
