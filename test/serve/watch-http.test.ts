// The watch protocol of kctl serve request by request: the stream's framing, replay from a
// resourceVersion, selectors turning updates into ADDED/DELETED, bookmarks, initial events,
// timeoutSeconds, and the API server's errors (410 Expired for a compacted version, 504 for one
// from the future, 400 for bad selectors).

import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { call, startServe, type Served } from '../helpers/serve.js';

interface WatchStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The events so far. */
  events: { type: string; object: any }[];
  /** Resolves once `n` events came, or the stream ended (with the events then). */
  next(n: number): Promise<{ type: string; object: any }[]>;
  ended: Promise<void>;
  close(): void;
}

function openWatch(served: Served, path: string, headers: Record<string, string> = {}): Promise<WatchStream> {
  return new Promise((done, fail) => {
    const req = request(new URL(path, served.url), { ca: served.ca, headers: { Authorization: `Bearer ${served.token}`, ...headers } }, (res) => {
      const events: { type: string; object: any }[] = [];
      const waiting = new Set<() => void>();
      let rest = '';
      let over = false;
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        const lines = (rest + d).split('\n');
        rest = lines.pop()!;
        for (const l of lines) if (l) events.push(JSON.parse(l));
        waiting.forEach((w) => w());
      });
      const ended = new Promise<void>((end) =>
        res.on('close', () => {
          over = true;
          waiting.forEach((w) => w());
          end();
        }),
      );
      done({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        ended,
        next: (n) =>
          new Promise((got) => {
            const check = () => {
              if (events.length >= n || over) {
                waiting.delete(check);
                got(events);
              }
            };
            waiting.add(check);
            check();
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', fail);
    req.end();
  });
}

const PODS = '/api/v1/namespaces/default/pods';
const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';

describe('the watch protocol of kctl serve', () => {
  const sb = new Sandbox();
  let served: Served;
  const rvOf = async (path: string) => Number((await call(served, 'GET', path)).json().metadata.resourceVersion);

  beforeAll(async () => {
    served = await startServe(sb);
  }, 60_000);

  afterAll(async () => {
    if (served) await served.stop();
    sb.cleanup();
  });

  it('streams newline-delimited WatchEvents, chunked, replaying every change after the resourceVersion', async () => {
    const from = await rvOf(CONFIGMAPS);
    await sb.ok(['create', 'configmap', 'a', '--from-literal=k=1']);
    await sb.ok(['label', 'configmap', 'a', 'step=two']);
    const w = await openWatch(served, `${CONFIGMAPS}?watch=1&resourceVersion=${from}`);
    expect(w.status).toBe(200);
    expect(w.headers['content-type']).toBe('application/json');
    expect(w.headers['transfer-encoding']).toBe('chunked');
    const replayed = await w.next(2);
    expect(replayed.map((e) => [e.type, e.object.kind, e.object.metadata.name, e.object.metadata.labels?.step])).toEqual([
      ['ADDED', 'ConfigMap', 'a', undefined],
      ['MODIFIED', 'ConfigMap', 'a', 'two'],
    ]);
    // Then live, from another process, in order, versions only growing.
    await sb.ok(['delete', 'configmap', 'a']);
    const all = await w.next(3);
    w.close();
    expect(all[2]).toMatchObject({ type: 'DELETED', object: { metadata: { name: 'a', labels: { step: 'two' } } } });
    const versions = all.map((e) => Number(e.object.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(versions[0]).toBeGreaterThan(from);
  });

  it('without a resourceVersion (or "0"), starts with the objects as they are, as ADDED', async () => {
    await sb.ok(['create', 'configmap', 'present', '--from-literal=k=1']);
    for (const rv of ['', '&resourceVersion=0']) {
      const w = await openWatch(served, `${CONFIGMAPS}?watch=true&fieldSelector=metadata.name%3Dpresent${rv}`);
      const [first] = await w.next(1);
      w.close();
      expect(first).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'present' } } });
    }
  });

  it('applies selectors as the API server does: an update into the selection is ADDED, out of it DELETED', async () => {
    const from = await rvOf(CONFIGMAPS);
    const w = await openWatch(served, `${CONFIGMAPS}?watch=true&labelSelector=tier%3Dfront&resourceVersion=${from}`);
    await sb.ok(['create', 'configmap', 'sel', '--from-literal=k=1']);
    await sb.ok(['label', 'configmap', 'sel', 'tier=front']);
    await sb.ok(['label', 'configmap', 'sel', 'color=blue']);
    await sb.ok(['label', 'configmap', 'sel', 'tier=back', '--overwrite']);
    await sb.ok(['create', 'configmap', 'unrelated', '--from-literal=k=1']);
    await sb.ok(['label', 'configmap', 'unrelated', 'tier=front']);
    const events = await w.next(4);
    w.close();
    expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'sel'],
      ['MODIFIED', 'sel'],
      ['DELETED', 'sel'],
      ['ADDED', 'unrelated'],
    ]);
    // Leaving the selection, the object goes out as it was (still tier=front), at the new version.
    expect(events[2].object.metadata.labels).toEqual({ tier: 'front', color: 'blue' });
    expect(Number(events[2].object.metadata.resourceVersion)).toBeGreaterThan(Number(events[1].object.metadata.resourceVersion));
  });

  it('watches one object by metadata.name, or through its own path', async () => {
    await sb.ok(['create', 'configmap', 'mine', '--from-literal=k=1']);
    const from = await rvOf(CONFIGMAPS);
    const byField = await openWatch(served, `${CONFIGMAPS}?watch=true&fieldSelector=metadata.name%3Dmine&resourceVersion=${from}`);
    const byPath = await openWatch(served, `${CONFIGMAPS}/mine?watch=true&resourceVersion=${from}`);
    await sb.ok(['create', 'configmap', 'notmine', '--from-literal=k=1']);
    await sb.ok(['label', 'configmap', 'mine', 'x=y']);
    for (const w of [byField, byPath]) {
      const [e] = await w.next(1);
      w.close();
      expect([e.type, e.object.metadata.name, e.object.metadata.labels]).toEqual(['MODIFIED', 'mine', { x: 'y' }]);
    }
  });

  it('sends Tables when asked, the column definitions with the first event only', async () => {
    const from = await rvOf(PODS);
    const w = await openWatch(served, `${PODS}?watch=true&resourceVersion=${from}`, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect(w.headers['content-type']).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    await sb.ok(['run', 'tabled', '--image=nginx']);
    const events = await w.next(2);
    w.close();
    expect(events[0].object).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(events[0].object.rows.map((r: { cells: unknown[] }) => r.cells.slice(0, 3))).toEqual([['tabled', '0/1', 'Pending']]);
    expect(events[0].object.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 3)).toEqual(['NAME', 'READY', 'STATUS']);
    expect(events[1].object.columnDefinitions).toBeUndefined();
    expect(events[1].object.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'tabled' } });
  });

  it('ends the stream after timeoutSeconds, and sends the initial-events bookmark with sendInitialEvents', async () => {
    const w = await openWatch(served, `${CONFIGMAPS}?watch=true&timeoutSeconds=1&resourceVersion=${await rvOf(CONFIGMAPS)}`);
    await w.ended;
    expect(w.events).toEqual([]);

    const initial = await openWatch(
      served,
      `${CONFIGMAPS}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&fieldSelector=metadata.name%3Dpresent`,
    );
    const events = await initial.next(2);
    initial.close();
    expect(events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'present' } } });
    expect(events[1]).toEqual({
      type: 'BOOKMARK',
      object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: expect.stringMatching(/^\d+$/), creationTimestamp: null, annotations: { 'k8s.io/initial-events-end': 'true' } } },
    });
  });

  it('answers a compacted resourceVersion with an Expired ERROR event, so that clients relist', async () => {
    // Scaling to 1,000 makes more changes than the history keeps.
    await sb.ok(['create', 'deployment', 'many', '--image=nginx', '--replicas=1000']);
    const w = await openWatch(served, `${PODS}?watch=true&resourceVersion=1`);
    expect(w.status).toBe(200);
    await w.ended;
    expect(w.events).toHaveLength(1);
    const { type, object } = w.events[0];
    expect(type).toBe('ERROR');
    expect(object).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
    expect(object.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
    await sb.ok(['delete', 'deployment', 'many']);
  }, 60_000);

  it('refuses bad requests before streaming: selectors, versions, and a version not reached yet', async () => {
    const bad = await call(served, 'GET', `${PODS}?watch=true&labelSelector=a%3D%3D%3D`);
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
    const field = await call(served, 'GET', `${PODS}?watch=true&fieldSelector=spec.color%3Dred`);
    expect(field.status).toBe(400);
    expect(field.json().message).toBe('Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.color=red": field label not supported: spec.color');
    const future = await call(served, 'GET', `${PODS}?watch=true&resourceVersion=999999999`);
    expect(future.status).toBe(504);
    expect(future.json()).toMatchObject({ reason: 'Timeout', code: 504, details: { retryAfterSeconds: 1 } });
    expect(future.json().message).toMatch(/^Timeout: Too large resource version: 999999999, current: \d+$/);
  });
});
