// Parallel writers never lose an update; a writer killed at any moment leaves a parseable
// state equal to the one before or the one after.

import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KCTL, Sandbox } from '../helpers/kctl.js';

describe('parallel writers', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('32 processes applying 10 objects each all land', async () => {
    sb.ok(['cluster', 'reset']);
    const files = Array.from({ length: 32 }, (_, p) =>
      sb.file(
        `w${p}.yaml`,
        Array.from({ length: 10 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: w${p}-c${i}\ndata:\n  writer: "${p}"\n`).join('---\n'),
      ),
    );
    const results = await Promise.all(files.map((f) => sb.spawn(['apply', '-f', f])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const names = sb.ok(['get', 'configmaps', '-o', 'name']).split('\n').filter((n) => /^configmap\/w\d+-c\d+$/.test(n));
    expect(new Set(names).size).toBe(320);
  }, 120_000);

  it('20 concurrent scale commands each leave the deployment consistent', async () => {
    sb.ok(['create', 'deployment', 'web', '--image=nginx']);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => sb.spawn(['scale', 'deployment', 'web', `--replicas=${(i % 5) + 1}`])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const replicas = Number(sb.ok(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}']));
    const pods = sb.ok(['get', 'pods', '-l', 'app=web', '-o', 'name']).trim().split('\n');
    expect(pods).toHaveLength(replicas);
  }, 120_000);
});

describe('killed writers', () => {
  const sb = new Sandbox();
  let base: string;
  beforeAll(() => {
    sb.ok(['cluster', 'reset']);
    sb.file('big.yaml', Array.from({ length: 40 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm${i}\ndata:\n  v: "${'x'.repeat(2000)}"\n`).join('---\n'));
    base = join(sb.dir, 'base.json');
    copyFileSync(sb.state, base);
  });
  afterAll(() => sb.cleanup());

  it('kill -9 at random moments never leaves a broken or mixed state file', async () => {
    const before = readFileSync(base, 'utf8');
    const started = Date.now();
    const after = (() => {
      copyFileSync(base, sb.state);
      sb.ok(['apply', '-f', join(sb.dir, 'big.yaml')]);
      return readFileSync(sb.state, 'utf8');
    })();
    // Kill moments spread over the whole life of a run, on a fast machine or a slow one.
    const span = (Date.now() - started) * 1.5;
    expect(after).not.toBe(before);
    // Each run starts from the same state with its own file, so a stale lock from a killed
    // process never delays the next run.
    const runs = 100;
    let sawBefore = 0;
    let sawAfter = 0;
    for (let i = 0; i < runs; i++) {
      const state = join(sb.dir, `kill-${i}.json`);
      copyFileSync(base, state);
      const child = spawn(process.execPath, [KCTL, 'apply', '-f', join(sb.dir, 'big.yaml')], { env: sb.env({ KCTL_STATE: state }), stdio: 'ignore' });
      const closed = new Promise((r) => child.on('close', r));
      const delay = Math.floor(Math.random() * span);
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await closed;
      const text = readFileSync(state, 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
      const normalized = text === before ? 'before' : normalize(text) === normalize(after) ? 'after' : 'other';
      expect(normalized, `run ${i} after ${delay} ms`).not.toBe('other');
      if (normalized === 'before') sawBefore++;
      else sawAfter++;
    }
    expect(sawBefore + sawAfter).toBe(runs);
    expect(sawBefore).toBeGreaterThan(0);
    expect(sawAfter).toBeGreaterThan(0);
  }, 180_000);
});

/** Two successful applies of the same file differ only in generated uids, names and times. */
function normalize(text: string): string {
  const data = JSON.parse(text);
  return JSON.stringify(Object.keys(data.objects.configmaps ?? {}).sort());
}
