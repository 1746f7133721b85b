// Objects read from the store are the stored objects themselves, read-only: a change is a new
// object written through the API server. Under the suite's checks they are frozen, so a change
// made in place throws instead of becoming an update that silently changes nothing.

import { describe, expect, it } from 'vitest';
import { resourceInfo } from '../../src/api/scheme.js';
import { ApiServer } from '../../src/apiserver/server.js';
import { bootstrap } from '../../src/cluster/bootstrap.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { defaultConfig } from '../../src/cluster/config.js';
import { seededRandom } from '../../src/util/random.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const CM = resourceInfo('configmaps');

async function api(checks: boolean): Promise<ApiServer> {
  const data = await bootstrap(defaultConfig('2025-01-01T00:00:00Z', { ingressNginx: false }), NOW, seededRandom('ro'), {});
  return new ApiServer(new Cluster(data, NOW, seededRandom('ro2'), checks));
}

describe('objects read from the store', () => {
  it('are frozen under the checks: changing one in place throws, and the stored one keeps its value', async () => {
    const server = await api(true);
    server.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } }, CM);
    const live = server.get(CM, 'default', 'c');
    expect(() => {
      (live.data as Record<string, string>).a = '2';
    }).toThrow(TypeError);
    expect(() => server.list(CM, { namespace: 'default' })[0].metadata.labels = { x: 'y' }).toThrow(TypeError);
    expect(server.get(CM, 'default', 'c').data).toEqual({ a: '1' });
  });

  it('change through modify or an update of a copy, which store a new object and move the resourceVersion', async () => {
    const server = await api(true);
    const created = server.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } }, CM);
    const modified = server.modify(CM, 'default', 'c', (draft) => {
      draft.data = { a: '2' };
    });
    expect(modified).not.toBe(created);
    expect(modified.data).toEqual({ a: '2' });
    expect(Number(modified.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
    expect(created.data).toEqual({ a: '1' });
    // An update that changes nothing returns the stored object itself and writes nothing.
    const rv = server.cluster.store.resourceVersion;
    expect(server.update({ ...modified }, CM)).toBe(modified);
    expect(server.cluster.store.resourceVersion).toBe(rv);
  });

  it('are not copied or frozen outside the checks, where reading 10,000 pods must stay cheap', async () => {
    const server = await api(false);
    server.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } }, CM);
    expect(Object.isFrozen(server.get(CM, 'default', 'c'))).toBe(false);
  });
});
