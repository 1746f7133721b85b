// Parallel writers never lose an update, even queued behind a holder that takes long.

import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { locked, startKctl, type Holder } from '../helpers/holder.js';
import { Sandbox } from '../helpers/kctl.js';

describe('parallel writers', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('16 processes applying 10 objects each all land', async () => {
    await sb.ok(['cluster', 'reset']);
    const files = Array.from({ length: 16 }, (_, p) =>
      sb.file(
        `w${p}.yaml`,
        Array.from({ length: 10 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: w${p}-c${i}\ndata:\n  writer: "${p}"\n`).join('---\n'),
      ),
    );
    const results = await Promise.all(files.map((f) => sb.run(['apply', '-f', f])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const names = (await sb.ok(['get', 'configmaps', '-o', 'name'])).split('\n').filter((n) => /^configmap\/w\d+-c\d+$/.test(n));
    expect(new Set(names).size).toBe(160);
  });

  it('10 concurrent scale commands each leave the deployment consistent', async () => {
    await sb.ok(['create', 'deployment', 'web', '--image=nginx']);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => sb.run(['scale', 'deployment', 'web', `--replicas=${(i % 5) + 1}`])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const replicas = Number(await sb.ok(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}']));
    const pods = (await sb.ok(['get', 'pods', '-l', 'app=web', '-o', 'name'])).trim().split('\n');
    expect(pods).toHaveLength(replicas);
  });

  it('15 writers queued behind a holder stopped for 5 s (Ctrl-Z) all land, after its own change', async () => {
    const q = new Sandbox();
    // 15 workers hold all 1,500 pods (with pods left Pending, a write fails the suite's checks).
    await q.ok(['cluster', 'reset', '--nodes', '15']);
    await q.ok(['create', 'deployment', 'big', '--image=nginx']);
    const holder = startKctl(q, ['scale', 'deployment', 'big', '--replicas=1500']);
    let writers: Holder[] = [];
    try {
      await locked(holder, q.state);
      holder.kill('SIGSTOP');
      expect(existsSync(`${q.state}.lock`), 'stopped holding the lock').toBe(true);
      writers = Array.from({ length: 15 }, (_, i) => startKctl(q, ['create', 'configmap', `q${i}`, '--from-literal=a=b']));
      await new Promise((r) => setTimeout(r, 5_000));
      expect(writers.filter((w) => w.done()).length, 'writers that went ahead of a stopped holder').toBe(0);
      holder.kill('SIGCONT');
      expect(await holder.ended).toEqual({ code: 0, signal: null, stdout: 'deployment.apps/big scaled\n', stderr: '' });
      for (const [i, w] of writers.entries()) {
        const r = await w.ended;
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toBe(`configmap/q${i} created\n`);
      }
      const names = (await q.ok(['get', 'configmaps', '-o', 'name'])).split('\n').filter((n) => /^configmap\/q\d+$/.test(n));
      expect(new Set(names).size).toBe(15);
      expect(await q.ok(['get', 'deployment', 'big', '-o', 'jsonpath={.spec.replicas}'])).toBe('1500');
    } finally {
      for (const p of [holder, ...writers]) p.kill('SIGKILL');
      holder.kill('SIGCONT');
      q.cleanup();
    }
  });
});
