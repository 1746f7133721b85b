// Group commit: StateAccess.changeAll runs several writes as one transaction, and when one of
// them fails, runs each alone, so the failed one changes nothing and the others all land.

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lookupResource } from '../../src/api/scheme.js';
import type { KObject } from '../../src/api/types.js';
import type { ApiServer } from '../../src/apiserver/server.js';
import { StateAccess } from '../../src/cluster/access.js';

const CONFIGMAPS = lookupResource('configmaps')!;
const env = { KCTL_SEED: '1' };
const dirs: string[] = [];

function access(): StateAccess {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-changeall-'));
  dirs.push(dir);
  return new StateAccess(join(dir, 'state.json'), env, Date.parse('2026-01-01T00:00:00Z'));
}

const create = (name: string) => (api: ApiServer) => api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { n: name } } as KObject, CONFIGMAPS);
const names = async (a: StateAccess) => (await a.read()).store.list('configmaps').map((o) => o.metadata.name).filter((n) => n.startsWith('g'));

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('StateAccess.changeAll', () => {
  it('commits writes that all succeed in one write of the file, each with its own answer', async () => {
    const a = access();
    await a.read();
    const file = a.statePath;
    const before = statSync(file).ino;
    const results = await a.changeAll([create('g1'), create('g2'), create('g3')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const rvs = results.map((r) => Number((r as PromiseFulfilledResult<KObject>).value.metadata.resourceVersion));
    expect(rvs[0] < rvs[1] && rvs[1] < rvs[2]).toBe(true);
    expect(await names(a)).toEqual(['g1', 'g2', 'g3']);
    // One rename: the file was replaced once (a new inode), and it parses.
    expect(statSync(file).ino).not.toBe(before);
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
  });

  it('a failing write in the group changes nothing, and the others land as if sent one by one', async () => {
    const a = access();
    const boom = (api: ApiServer) => {
      create('g-half')(api);
      throw new Error('refused after a write');
    };
    const results = await a.changeAll([create('g1'), boom, create('g1'), create('g2')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(((results[1] as PromiseRejectedResult).reason as Error).message).toBe('refused after a write');
    // The second create of g1 meets the first, stored alone before it.
    expect(((results[2] as PromiseRejectedResult).reason as Error).message).toBe('configmaps "g1" already exists');
    expect(await names(a)).toEqual(['g1', 'g2']);
  });
});
