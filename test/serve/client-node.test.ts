// @kubernetes/client-node (the JavaScript client) against kctl serve: typed CRUD, the three
// patch types, label and field selectors, and errors as ApiExceptions carrying the API server's
// status code and Status body.

import { AppsV1Api, CoreV1Api, KubeConfig, KubernetesObjectApi, PatchStrategy, setHeaderOptions, type V1ConfigMap } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { startServe, type Served } from '../helpers/serve.js';

const ns = 'default';

/** The ApiException a call throws: its code and its Status body. */
async function failure(call: Promise<unknown>): Promise<{ code: number; status: Record<string, any> }> {
  try {
    await call;
  } catch (e) {
    const err = e as { code: number; body: string };
    return { code: err.code, status: JSON.parse(err.body) };
  }
  throw new Error('the call succeeded');
}

describe('@kubernetes/client-node against kctl serve', () => {
  const sb = new Sandbox();
  let served: Served;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let objects: KubernetesObjectApi;

  beforeAll(async () => {
    served = await startServe(sb);
    const kc = new KubeConfig();
    kc.loadFromFile(served.kubeconfig);
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    objects = KubernetesObjectApi.makeApiClient(kc);
  });

  afterAll(async () => {
    await served?.stop();
    sb.cleanup();
  });

  it('creates, reads, lists, replaces and deletes', async () => {
    const made = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'one', labels: { tier: 'web', env: 'prod' } }, data: { a: '1' } } });
    expect(made.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    const read = await core.readNamespacedConfigMap({ name: 'one', namespace: ns });
    expect(read.data).toEqual({ a: '1' });
    const replaced = await core.replaceNamespacedConfigMap({ name: 'one', namespace: ns, body: { ...read, data: { a: '2' } } as V1ConfigMap });
    expect(replaced.data).toEqual({ a: '2' });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(read.metadata?.resourceVersion));
    // kctl sees what the client wrote.
    expect((await sb.run(['get', 'cm', 'one', '-o', 'jsonpath={.data.a}'])).stdout).toBe('2');
    const gone = await core.deleteNamespacedConfigMap({ name: 'one', namespace: ns });
    expect(gone).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'one', kind: 'configmaps' } });
    expect((await core.listNamespacedConfigMap({ namespace: ns })).items.map((c) => c.metadata?.name)).not.toContain('one');
  });

  it('creates a Deployment that the controllers roll out, and a Service through the generic object API', async () => {
    const body = {
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
    };
    const d = await apps.createNamespacedDeployment({ namespace: ns, body });
    expect(d.spec?.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect((await apps.readNamespacedDeployment({ name: 'web', namespace: ns })).status?.readyReplicas).toBe(2);
    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
    expect(pods.items.map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
    const svc = await objects.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns }, spec: { ports: [{ port: 80 }], selector: { app: 'web' } } } as never);
    expect((svc as { spec: { clusterIP: string } }).spec.clusterIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
    const read = await objects.read({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns } });
    expect(read.metadata?.name).toBe('web');
  });

  it('patches with a JSON merge patch, a JSON patch and a strategic merge patch (lists merged by key)', async () => {
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'p' }, data: { x: '1' } } });
    const merge = await core.patchNamespacedConfigMap({ name: 'p', namespace: ns, body: { data: { y: '2' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    expect(merge.data).toEqual({ x: '1', y: '2' });
    const json = await core.patchNamespacedConfigMap({ name: 'p', namespace: ns, body: [{ op: 'remove', path: '/data/x' }] }, setHeaderOptions('Content-Type', PatchStrategy.JsonPatch));
    expect(json.data).toEqual({ y: '2' });
    const smp = await apps.patchNamespacedDeployment(
      { name: 'web', namespace: ns, body: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox' }] } } } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    // The nginx container is merged by name (its port kept); the sidecar is added.
    expect(smp.spec?.template.spec?.containers.map((c) => [c.name, c.image, c.ports?.[0]?.containerPort])).toEqual([
      ['nginx', 'nginx:1.27', 80],
      ['sidecar', 'busybox', undefined],
    ]);
    const bad = await failure(core.patchNamespacedConfigMap({ name: 'p', namespace: ns, body: [{ op: 'test', path: '/data/y', value: 'no' }] }, setHeaderOptions('Content-Type', PatchStrategy.JsonPatch)));
    expect(bad).toEqual({
      code: 422,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server rejected our request due to an error in our request',
        reason: 'Invalid',
        details: { causes: [{ reason: 'UnexpectedServerResponse', message: 'testing value /data/y failed: test failed' }] },
        code: 422,
      },
    });
  });

  it('server-side apply with a field manager, and its conflict as an ApiException', async () => {
    const apply = (manager: string, data: Record<string, string>, force = false) =>
      core.patchNamespacedConfigMap(
        { name: 'ssa', namespace: ns, fieldManager: manager, force, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa' }, data } },
        setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
      );
    const made = await apply('app', { a: '1' });
    expect(made.metadata?.managedFields?.map((e) => [e.manager, e.operation])).toEqual([['app', 'Apply']]);
    const conflict = await failure(apply('ops', { a: '2' }));
    expect(conflict).toMatchObject({
      code: 409,
      status: { reason: 'Conflict', message: 'Apply failed with 1 conflict: conflict with "app": .data.a', details: { causes: [{ reason: 'FieldManagerConflict', field: '.data.a' }] } },
    });
    expect((await apply('ops', { a: '2' }, true)).data).toEqual({ a: '2' });
  });

  it('lists with label selectors (equality, set-based, existence) and field selectors', async () => {
    for (const [name, labels] of [['a', { env: 'prod', tier: 'web' }], ['b', { env: 'dev', tier: 'web' }], ['c', { env: 'test' }]] as const) {
      await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: `sel-${name}`, labels } } });
    }
    const names = async (labelSelector?: string, fieldSelector?: string) =>
      (await core.listNamespacedConfigMap({ namespace: ns, labelSelector, fieldSelector })).items.map((c) => c.metadata?.name).filter((n) => n?.startsWith('sel-'));
    expect(await names('env=prod')).toEqual(['sel-a']);
    expect(await names('env!=prod')).toEqual(['sel-b', 'sel-c']);
    expect(await names('env in (dev,test)')).toEqual(['sel-b', 'sel-c']);
    expect(await names('tier')).toEqual(['sel-a', 'sel-b']);
    expect(await names('!tier')).toEqual(['sel-c']);
    expect(await names('tier=web,env notin (prod)')).toEqual(['sel-b']);
    expect(await names(undefined, 'metadata.name=sel-c')).toEqual(['sel-c']);
    const all = await core.listConfigMapForAllNamespaces({ labelSelector: 'tier=web' });
    expect(all.items.map((c) => `${c.metadata?.namespace}/${c.metadata?.name}`)).toEqual(['default/sel-a', 'default/sel-b']);
    const bad = await failure(core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'env in prod' }));
    expect(bad.code).toBe(400);
    expect(bad.status).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
  });

  it('errors are ApiExceptions with the API server\'s code and Status', async () => {
    const missing = await failure(core.readNamespacedConfigMap({ name: 'nope', namespace: ns }));
    expect(missing).toEqual({
      code: 404,
      status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'configmaps "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'configmaps' }, code: 404 },
    });
    const exists = await failure(core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'p' } } }));
    expect(exists.code).toBe(409);
    expect(exists.status).toMatchObject({ reason: 'AlreadyExists', message: 'configmaps "p" already exists' });
    const stale = await failure(core.replaceNamespacedConfigMap({ name: 'p', namespace: ns, body: { metadata: { name: 'p', resourceVersion: '1' }, data: {} } }));
    expect(stale.code).toBe(409);
    expect(stale.status).toMatchObject({ reason: 'Conflict', message: 'Operation cannot be fulfilled on configmaps "p": the object has been modified; please apply your changes to the latest version and try again' });
    const invalid = await failure(apps.createNamespacedDeployment({ namespace: ns, body: { metadata: { name: 'Bad' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [] } } } } }));
    expect(invalid.code).toBe(422);
    expect(invalid.status).toMatchObject({ reason: 'Invalid', details: { name: 'Bad', group: 'apps', kind: 'Deployment' } });
    expect(invalid.status.details.causes.map((c: { field: string }) => c.field)).toEqual(['metadata.name', 'spec.template.spec.containers']);
    const noNamespace = await failure(core.createNamespacedConfigMap({ namespace: 'nowhere', body: { metadata: { name: 'x' } } }));
    expect(noNamespace).toMatchObject({ code: 404, status: { reason: 'NotFound', message: 'namespaces "nowhere" not found' } });
    expect((await sb.run(['get', 'cm', 'x', '-n', 'nowhere'])).code).toBe(1);
  });
});
