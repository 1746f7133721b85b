import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KObject } from '../../src/api/types.js';
import { StateReadCache } from '../../src/cluster/access.js';
import { ChangeFeed, type FeedEvent } from '../../src/store/changefeed.js';
import { HISTORY_LIMITS } from '../../src/store/history.js';
import { serialize } from '../../src/store/layout.js';
import type { StateData } from '../../src/store/schema.js';
import { writeAtomically } from '../../src/store/statefile.js';
import { Store } from '../../src/store/store.js';

const limits = { ...HISTORY_LIMITS };
const dirs: string[] = [];
afterEach(() => {
  Object.assign(HISTORY_LIMITS, limits);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-feed-'));
  dirs.push(dir);
  const file = join(dir, 'state.json');
  const data: StateData = { kind: 'KctlState', version: 1, config: {} as StateData['config'], resourceVersion: 0, objects: {}, containers: {}, ipam: {}, affinity: {} };
  const store = new Store(data);
  const save = () => writeAtomically(file, [serialize(data)]);
  save();
  const cache = new StateReadCache();
  const feed = new ChangeFeed(file, () => cache.read(file));
  const events: FeedEvent[] = [];
  const next = () =>
    new Promise<FeedEvent>((done) => {
      const n = events.length;
      const check = setInterval(() => {
        if (events.length > n) {
          clearInterval(check);
          done(events[n]);
        }
      }, 5);
    });
  return { store, save, feed, events, next };
}

const cm = (name: string, n: string): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { n } }) as KObject;

describe('the change feed of a state file', () => {
  it('hands each write of another writer to its listeners, in order, once', async () => {
    const { store, save, feed, events, next } = setup();
    const unsubscribe = feed.subscribe((e) => events.push(e));
    store.put('configmaps', cm('a', '1'));
    store.put('configmaps', cm('a', '2'));
    save();
    const first = await next();
    store.remove('configmaps', 'default', 'a');
    save();
    const second = await next();
    unsubscribe();
    const summary = (e: FeedEvent) => ('changes' in e ? e.changes.map((c) => `${c.resourceVersion} ${c.type} ${(c.object as { data?: { n?: string } }).data?.n}`) : e);
    expect(summary(first)).toEqual(['1 ADDED 1', '2 MODIFIED 2']);
    expect(summary(second)).toEqual(['3 DELETED 2']);
    // Nothing more came: each change was handed out once.
    expect(events).toHaveLength(2);
  });

  it('tells its listeners when changes they did not get were compacted away', async () => {
    Object.assign(HISTORY_LIMITS, { changes: 3, slack: 0 });
    const { store, save, feed, events, next } = setup();
    const unsubscribe = feed.subscribe((e) => events.push(e));
    for (let i = 0; i < 5; i++) store.put('configmaps', cm(`c${i}`, '1'));
    save();
    const e = await next();
    unsubscribe();
    expect('lost' in e && e.lost.message).toBe('too old resource version: 0 (2)');
  });
});
