// Parallel writers never lose an update.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

describe('parallel writers', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('32 processes applying 10 objects each all land', async () => {
    await sb.ok(['cluster', 'reset']);
    const files = Array.from({ length: 32 }, (_, p) =>
      sb.file(
        `w${p}.yaml`,
        Array.from({ length: 10 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: w${p}-c${i}\ndata:\n  writer: "${p}"\n`).join('---\n'),
      ),
    );
    const results = await Promise.all(files.map((f) => sb.run(['apply', '-f', f])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const names = (await sb.ok(['get', 'configmaps', '-o', 'name'])).split('\n').filter((n) => /^configmap\/w\d+-c\d+$/.test(n));
    expect(new Set(names).size).toBe(320);
  });

  it('20 concurrent scale commands each leave the deployment consistent', async () => {
    await sb.ok(['create', 'deployment', 'web', '--image=nginx']);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => sb.run(['scale', 'deployment', 'web', `--replicas=${(i % 5) + 1}`])));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const replicas = Number(await sb.ok(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}']));
    const pods = (await sb.ok(['get', 'pods', '-l', 'app=web', '-o', 'name'])).trim().split('\n');
    expect(pods).toHaveLength(replicas);
  });
});
