// kctl's kustomize build against the pinned kubectl's `kubectl kustomize` for the same overlays.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/kustomize/index.js';
import { contentHash } from '../../src/kustomize/generators.js';
import { toYaml } from '../../src/printers/output.js';
import { kubectlBinary } from '../helpers/kubectl.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/kustomize/', import.meta.url));

async function kctl(dir: string): Promise<{ out: string; err: string }> {
  const warnings: string[] = [];
  const objects = await build(FIXTURES + dir, (w) => warnings.push(w));
  return { out: (await Promise.all(objects.map((o) => toYaml(o)))).join('---\n'), err: warnings.map((w) => w + '\n').join('') };
}

async function kubectl(dir: string): Promise<{ out: string; err: string }> {
  const bin = await kubectlBinary();
  return new Promise((done, fail) =>
    execFile(bin, ['kustomize', FIXTURES + dir], (e, out, err) => (e ? fail(e) : done({ out, err }))),
  );
}

describe('kustomize build', () => {
  it.each(['base', 'overlay', 'labels-patches', 'stacked', 'refs'])('builds %s byte for byte as kubectl kustomize', async (dir) => {
    const [mine, theirs] = await Promise.all([kctl(dir), kubectl(dir)]);
    expect(mine.out).toBe(theirs.out);
    expect(mine.err).toBe(theirs.err);
  });

  it('hashes content without the name, as kustomize does', () => {
    expect(contentHash({ kind: 'ConfigMap', data: { FOO: 'bar', NUM: '1' } })).toBe('8f6hgcdmg4');
    expect(contentHash({ kind: 'Secret', type: 'Opaque', data: { password: 'czNjcjN0' } })).toBe('25k92892fb');
  });

  it('reports a missing directory or kustomization as kustomize does', async () => {
    await expect(build(FIXTURES + 'nope', () => undefined)).rejects.toThrow(`must build at directory: not a valid directory: evalsymlink failure on '${FIXTURES}nope' : lstat ${FIXTURES}nope: no such file or directory`);
    await expect(build(FIXTURES, () => undefined)).rejects.toThrow(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${FIXTURES.replace(/\/$/, '')}'`);
  });
});
