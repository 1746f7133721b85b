import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KObject } from '../../src/api/types.js';
import { changesSince, compactedVersion, HISTORY_LIMITS, ResourceVersionTooOld } from '../../src/store/history.js';
import { parseLazily, serialize, serializeChunks } from '../../src/store/layout.js';
import type { StateData } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';
import { assertProperty } from '../helpers/seed.js';

const limits = { ...HISTORY_LIMITS };
// Exact bounds unless a test says otherwise.
beforeEach(() => Object.assign(HISTORY_LIMITS, { slack: 0 }));
afterEach(() => Object.assign(HISTORY_LIMITS, limits));

function emptyState(rv = 0): StateData {
  return { kind: 'KctlState', version: 1, config: {} as StateData['config'], resourceVersion: rv, objects: {}, containers: {}, ipam: {}, affinity: {} };
}

const pod = (name: string, labels?: Record<string, string>, phase = 'Pending'): KObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, status: { phase } }) as KObject;

/** The state as another process reads it: through the file's bytes. */
const reread = (data: StateData) => parseLazily(Buffer.from(serialize(data)), (e) => e) as unknown as StateData;

describe('the change history', () => {
  it('records every write in order, with its version, type and object', () => {
    const store = new Store(emptyState(10));
    store.put('pods', pod('a'));
    store.put('pods', pod('a', { app: 'x' }));
    store.put('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } } as KObject);
    store.remove('pods', 'default', 'a');
    const all = changesSince(reread(store.data), 10);
    expect(all.map((c) => [c.resourceVersion, c.type, c.resource, c.object.metadata.resourceVersion])).toEqual([
      [11, 'ADDED', 'pods', '11'],
      [12, 'MODIFIED', 'pods', '12'],
      [13, 'ADDED', 'configmaps', '13'],
      // A deletion carries the last state, stamped with the deletion's version.
      [14, 'DELETED', 'pods', '14'],
    ]);
    expect(all[3].object.metadata.labels).toEqual({ app: 'x' });
    expect(changesSince(store.data, 12, 'pods').map((c) => c.resourceVersion)).toEqual([14]);
    expect(changesSince(store.data, 14)).toEqual([]);
  });

  it('keeps what selectors saw before an update only when labels or selectable fields changed', () => {
    const store = new Store(emptyState());
    store.put('pods', pod('a', { app: 'x' }));
    store.put('pods', { ...pod('a', { app: 'x' }), spec: { containers: [] } } as KObject);
    store.put('pods', pod('a', { app: 'y' }, 'Running'));
    const [, same, relabelled] = changesSince(store.data, 0);
    expect(same.previous).toBeUndefined();
    expect(relabelled.previous).toMatchObject({ labels: { app: 'x' }, fields: { 'status.phase': 'Pending', 'metadata.name': 'a' } });
  });

  it('knows nothing from before its first record: older versions are too old', () => {
    const data = emptyState(500);
    expect(compactedVersion(data)).toBe(500);
    expect(() => changesSince(data, 499)).toThrow('too old resource version: 499 (500)');
    expect(changesSince(data, 500)).toEqual([]);
    new Store(data).put('pods', pod('a'));
    expect(changesSince(data, 500).map((c) => c.resourceVersion)).toEqual([501]);
  });

  it('drops the oldest changes past its count, and a watch from before them is told so', () => {
    HISTORY_LIMITS.changes = 5;
    const store = new Store(emptyState());
    for (let i = 0; i < 8; i++) store.put('pods', pod(`p${i}`));
    const data = reread(store.data);
    expect(Object.keys({ ...data.changes, ...data.recentChanges })).toEqual(['4', '5', '6', '7', '8']);
    expect(compactedVersion(data)).toBe(3);
    expect(changesSince(data, 3).map((c) => c.resourceVersion)).toEqual([4, 5, 6, 7, 8]);
    const err = (() => {
      try {
        changesSince(data, 2);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ResourceVersionTooOld);
    expect((err as Error).message).toBe('too old resource version: 2 (3)');
  });

  it('drops the oldest changes past its size, keeping at least the newest', () => {
    HISTORY_LIMITS.bytes = 1000;
    const store = new Store(emptyState());
    const big = (name: string) => ({ ...pod(name), data: { x: 'y'.repeat(250) } }) as KObject;
    for (let i = 0; i < 4; i++) store.put('pods', big(`p${i}`));
    expect(store.data.changeLog!.bytes).toBeLessThanOrEqual(1000);
    expect(store.data.changeLog!.index.map(([rv]) => rv)).toEqual([3, 4]);
    HISTORY_LIMITS.bytes = 10;
    store.put('pods', big('huge'));
    expect(store.data.changeLog!.index.map(([rv]) => rv)).toEqual([5]);
    expect(changesSince(store.data, 4)).toHaveLength(1);
  });

  it('costs a write only the lines it adds: records it did not read go back as their bytes', () => {
    const store = new Store(emptyState());
    for (let i = 0; i < 20; i++) store.put('pods', pod(`p${i}`));
    const bytes = Buffer.from(serialize(store.data));
    const data = parseLazily(bytes, (e) => e) as unknown as StateData;
    new Store(data).put('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } } as KObject);
    const chunks = serializeChunks(data);
    // Each of the 20 earlier records is written as the Buffer it was read as, never parsed.
    expect(chunks.filter((c) => Buffer.isBuffer(c) && c.includes('"t":"ADDED"')).length).toBe(20);
    const recent = Object.getOwnPropertyDescriptors(data.recentChanges!);
    expect(Object.values(recent).filter((d) => d.get !== undefined)).toHaveLength(20);
  });

  it('on a full history, a small write splits only the recent records: the long map stays bytes', () => {
    Object.assign(HISTORY_LIMITS, { changes: 100, slack: 0.1, recent: 10 });
    const store = new Store(emptyState());
    for (let i = 0; i < 150; i++) store.put('pods', pod(`p${i}`));
    let data = reread(store.data);
    let unsplit = 0;
    expect(data.changeLog!.index.length).toBeLessThanOrEqual(110);
    for (let i = 0; i < 20; i++) {
      data = reread(data);
      new Store(data).put('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'default' } } as KObject);
      const split = Object.getOwnPropertyDescriptor(data, 'changes')!.get === undefined;
      const log = data.changeLog!;
      // Only a fold (every 10 writes) or a trim (the bound passed by a tenth) reads the long map.
      if (split) expect(log.recent === 0 || log.index.length === 100).toBe(true);
      else unsplit++;
    }
    expect(unsplit).toBeGreaterThanOrEqual(10);
    const kept = changesSince(data, data.changeLog!.compacted);
    expect(kept.map((c) => c.resourceVersion)).toEqual(data.changeLog!.index.map(([rv]) => rv));
    expect(kept.length).toBeGreaterThanOrEqual(100);
    expect(kept.length).toBeLessThanOrEqual(110);
  });

  it('replays, from any kept version, exactly the writes after it in order (property)', () => {
    assertProperty(
      fc.property(
        fc.array(fc.record({ op: fc.constantFrom('put', 'remove'), name: fc.constantFrom('a', 'b', 'c') }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(45),
        (ops, limit, from) => {
          Object.assign(HISTORY_LIMITS, { changes: limit, recent: 3 });
          const store = new Store(emptyState());
          const writes: { rv: number; type: string; name: string }[] = [];
          for (const { op, name } of ops) {
            if (op === 'put') {
              const existed = store.get('pods', 'default', name) !== undefined;
              store.put('pods', pod(name));
              writes.push({ rv: store.resourceVersion, type: existed ? 'MODIFIED' : 'ADDED', name });
            } else if (store.remove('pods', 'default', name)) {
              writes.push({ rv: store.resourceVersion, type: 'DELETED', name });
            }
          }
          const data = reread(store.data);
          const since = Math.min(from, data.resourceVersion);
          const kept = writes.filter((w) => w.rv > since);
          // The last write dropped: every later one is kept.
          const compacted = writes.length > limit ? writes[writes.length - limit - 1].rv : 0;
          if (since < compacted) {
            expect(() => changesSince(data, since)).toThrow(ResourceVersionTooOld);
          } else {
            const got = changesSince(data, since).map((c) => ({ rv: c.resourceVersion, type: c.type, name: c.object.metadata.name }));
            expect(got).toEqual(kept);
          }
          expect(data.changeLog?.index.length ?? 0).toBeLessThanOrEqual(limit);
        },
      ),
    );
  });
});
