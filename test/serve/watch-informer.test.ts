// @kubernetes/client-node's informer (list, then watch from the list's resourceVersion) against
// kctl serve: it sees every change made by kctl processes and through the server exactly once, in
// order, and after a 410 Expired it relists and carries on.

import { CoreV1Api, KubeConfig, makeInformer, PatchStrategy, setHeaderOptions, type Informer, type ObjectCache, type V1ConfigMap } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { startServe, type Served } from '../helpers/serve.js';

const ns = 'default';

describe('client-node informers through kctl serve', () => {
  const sb = new Sandbox();
  let served: Served;
  let core: CoreV1Api;
  let informer: (Informer<V1ConfigMap> & ObjectCache<V1ConfigMap>) | undefined;
  const seen: string[] = [];
  /** How often the informer (re)started its list and watch. */
  let connects = 0;
  const waiting = new Set<() => void>();
  /** Resolves once the informer has seen an event matching re. */
  const seenEvent = (re: RegExp) =>
    new Promise<void>((done) => {
      const check = () => {
        if (seen.some((e) => re.test(e))) {
          waiting.delete(check);
          done();
        }
      };
      waiting.add(check);
      check();
    });
  const note = (what: string) => (o: V1ConfigMap) => {
    seen.push(`${what} ${o.metadata?.name} ${JSON.stringify(o.metadata?.labels ?? {})}`);
    waiting.forEach((w) => w());
  };

  beforeAll(async () => {
    served = await startServe(sb);
    const kc = new KubeConfig();
    kc.loadFromFile(served.kubeconfig);
    core = kc.makeApiClient(CoreV1Api);
    await sb.ok(['create', 'configmap', 'before', '--from-literal=k=1']);
    informer = makeInformer(kc, `/api/v1/namespaces/${ns}/configmaps`, () => core.listNamespacedConfigMap({ namespace: ns }));
    informer.on('add', note('add'));
    informer.on('update', note('update'));
    informer.on('delete', note('delete'));
    informer.on('connect', () => connects++);
    await informer.start();
  }, 60_000);

  afterAll(async () => {
    await informer?.stop();
    if (served) await served.stop();
    sb.cleanup();
  });

  it('sees every change from kctl processes and through the server exactly once, in order', async () => {
    await seenEvent(/^add before /);
    await sb.ok(['create', 'configmap', 'x', '--from-literal=k=1']);
    await sb.ok(['label', 'configmap', 'x', 'step=1']);
    await core.patchNamespacedConfigMap({ name: 'x', namespace: ns, body: { metadata: { labels: { step: '2' } } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    await sb.ok(['label', 'configmap', 'x', 'step=3', '--overwrite']);
    await sb.ok(['delete', 'configmap', 'x']);
    await sb.ok(['create', 'configmap', 'marker', '--from-literal=k=1']);
    await seenEvent(/^add marker /);
    expect(seen).toEqual([
      'add before {}',
      'add kube-root-ca.crt {}',
      'add x {}',
      'update x {"step":"1"}',
      'update x {"step":"2"}',
      'update x {"step":"3"}',
      'delete x {"step":"3"}',
      'add marker {}',
    ]);
    expect(informer!.list(ns).map((o) => o.metadata?.name).sort()).toEqual(['before', 'kube-root-ca.crt', 'marker']);
  }, 60_000);

  it('relists after a 410 Expired (more changes at once than the history keeps), and goes on watching', async () => {
    seen.length = 0;
    const before = connects;
    // One command that makes more changes than the history keeps: the watch is told it is expired.
    await sb.ok(['create', 'deployment', 'many', '--image=nginx', '--replicas=1000']);
    await sb.ok(['create', 'configmap', 'after', '--from-literal=k=1']);
    await seenEvent(/^add after /);
    expect(seen.filter((e) => e.startsWith('add after '))).toHaveLength(1);
    // It started over once: the Expired error ended its watch, and it listed again.
    expect(connects).toBe(before + 1);
    expect(informer!.list(ns).map((o) => o.metadata?.name).sort()).toEqual(['after', 'before', 'kube-root-ca.crt', 'marker']);
    await sb.ok(['delete', 'configmap', 'after']);
    await seenEvent(/^delete after /);
  }, 60_000);
});
