// kubectl apply's three-way strategic merge patch over the served kinds' generated metadata: what
// kubectl would send, and what the API server makes of it.
import { describe, expect, it } from 'vitest';
import {
  createThreeWayMergePatch,
  createTwoWayMergePatch,
  patchMetaData,
  patchMetaFor,
  schemalessPatchMeta,
  strategicMergePatch,
  structPatchMeta,
  type JsonObject,
} from '../../src/api/patch/index.js';

const deployment = patchMetaFor('apps/v1', 'Deployment');

/** original = last applied, modified = new manifest, current = live object: the patch, and the live object after it. */
function apply(original: JsonObject, modified: JsonObject, current: JsonObject, meta = deployment) {
  const patch = createThreeWayMergePatch(original, modified, current, meta);
  return { patch, result: strategicMergePatch(current, patch, meta) };
}

const manifest = (containers: JsonObject[], extra: JsonObject = {}): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers } }, ...extra },
});

/** What the API server's defaulting adds to a container. */
const defaulted = (c: JsonObject): JsonObject => ({
  ...c,
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  resources: {},
  ...(c.ports ? { ports: (c.ports as JsonObject[]).map((p) => ({ ...p, protocol: 'TCP' })) } : {}),
});

function live(m: JsonObject): JsonObject {
  const spec = m.spec as JsonObject;
  const template = spec.template as JsonObject;
  const podSpec = template.spec as JsonObject;
  return {
    ...m,
    metadata: { ...(m.metadata as JsonObject), uid: 'u-1', generation: 1, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: {
      ...spec,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: { ...template, spec: { ...podSpec, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', containers: (podSpec.containers as JsonObject[]).map(defaulted) } },
    },
    status: { replicas: 2 },
  };
}

const containersOf = (o: JsonObject) => ((o.spec as JsonObject).template as JsonObject).spec as JsonObject;

describe('three-way patch of a Deployment', () => {
  const nginx = { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] };

  it('sends only the changed image, with the containers order, as kubectl does', () => {
    const before = manifest([nginx]);
    const after = manifest([{ ...nginx, image: 'nginx:1.26' }]);
    const { patch, result } = apply(before, after, live(before));
    expect(patch).toEqual({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } });
    const c = (containersOf(result).containers as JsonObject[])[0];
    expect(c.image).toBe('nginx:1.26');
    expect(c.imagePullPolicy).toBe('IfNotPresent');
  });

  it('removes an env var dropped from the manifest and keeps the defaulted fields', () => {
    const before = manifest([nginx]);
    const after = manifest([{ ...nginx, env: [{ name: 'A', value: '1' }] }]);
    const { patch, result } = apply(before, after, live(before));
    expect(patch).toEqual({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }],
            containers: [{ name: 'nginx', '$setElementOrder/env': [{ name: 'A' }], env: [{ name: 'B', $patch: 'delete' }] }],
          },
        },
      },
    });
    const c = (containersOf(result).containers as JsonObject[])[0];
    expect(c.env).toEqual([{ name: 'A', value: '1' }]);
    expect(c.terminationMessagePath).toBe('/dev/termination-log');
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('merges ports by containerPort: the defaulted protocol survives a new port', () => {
    const before = manifest([nginx]);
    const after = manifest([{ ...nginx, ports: [{ containerPort: 80 }, { containerPort: 443, name: 'https' }] }]);
    const { result } = apply(before, after, live(before));
    const c = (containersOf(result).containers as JsonObject[])[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443, name: 'https' }]);
  });

  it('adds, removes and renames containers by name', () => {
    const sidecar = { name: 'sidecar', image: 'busybox' };
    const before = manifest([nginx, sidecar]);
    const after = manifest([{ name: 'proxy', image: 'envoy' }, nginx]);
    const { patch, result } = apply(before, after, live(before));
    const podPatch = containersOf(patch);
    expect(podPatch['$setElementOrder/containers']).toEqual([{ name: 'proxy' }, { name: 'nginx' }]);
    expect(podPatch.containers).toEqual([{ name: 'proxy', image: 'envoy' }, { name: 'sidecar', $patch: 'delete' }]);
    const names = (containersOf(result).containers as JsonObject[]).map((c) => c.name);
    expect(names).toEqual(['proxy', 'nginx']);
    expect((containersOf(result).containers as JsonObject[])[1].terminationMessagePolicy).toBe('File');
  });

  it('keeps a label someone else added and removes the one taken out of the manifest', () => {
    const before = manifest([nginx]);
    (before.metadata as JsonObject).labels = { app: 'web', tier: 'front' };
    const current = live(before);
    (current.metadata as JsonObject).labels = { app: 'web', tier: 'front', team: 'ops' };
    const after = manifest([nginx]);
    const { patch, result } = apply(before, after, current);
    expect(patch).toEqual({ metadata: { labels: { tier: null } } });
    expect((result.metadata as JsonObject).labels).toEqual({ app: 'web', team: 'ops' });
    expect((result.metadata as JsonObject).uid).toBe('u-1');
    expect(result.status).toEqual({ replicas: 2 });
  });

  it('clears the defaulted rollingUpdate when the strategy becomes Recreate ($retainKeys)', () => {
    const before = manifest([nginx]);
    const after = manifest([nginx], { strategy: { type: 'Recreate' } });
    const { patch, result } = apply(before, after, live(before));
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect((result.spec as JsonObject).strategy).toEqual({ type: 'Recreate' });
  });

  it('switches a volume source, retaining only the keys the manifest has', () => {
    const before = manifest([nginx]);
    containersOf(before).volumes = [{ name: 'data', emptyDir: {} }];
    const after = manifest([nginx]);
    containersOf(after).volumes = [{ name: 'data', configMap: { name: 'cfg' } }];
    const { patch, result } = apply(before, after, live(before));
    expect(containersOf(patch).volumes).toEqual([{ name: 'data', $retainKeys: ['configMap', 'name'], configMap: { name: 'cfg' }, emptyDir: null }]);
    expect(containersOf(result).volumes).toEqual([{ name: 'data', configMap: { name: 'cfg' } }]);
  });

  it('replaces tolerations, which have no merge key, and merges finalizers as a set', () => {
    const before = manifest([nginx]);
    containersOf(before).tolerations = [{ key: 'a', operator: 'Exists' }];
    (before.metadata as JsonObject).finalizers = ['x/one', 'x/two'];
    const current = live(before);
    (current.metadata as JsonObject).finalizers = ['x/one', 'x/two', 'other/keep'];
    const after = manifest([nginx]);
    containersOf(after).tolerations = [{ key: 'b', operator: 'Exists' }];
    (after.metadata as JsonObject).finalizers = ['x/one'];
    const { patch, result } = apply(before, after, current);
    expect(containersOf(patch).tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
    expect((patch.metadata as JsonObject)['$deleteFromPrimitiveList/finalizers']).toEqual(['x/two']);
    expect(containersOf(result).tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
    expect((result.metadata as JsonObject).finalizers).toEqual(['x/one', 'other/keep']);
  });

  it('creates nothing to send when the manifest is unchanged', () => {
    const m = manifest([nginx]);
    expect(apply(m, m, live(m)).patch).toEqual({});
  });
});

describe('Service ports merge by port', () => {
  const service = patchMetaFor('v1', 'Service');
  it('keeps the allocated nodePort and adds a new port', () => {
    const before = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }] } };
    const after = { ...before, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }] } };
    const current = { ...before, spec: { type: 'NodePort', clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }] } };
    const { result } = apply(before, after, current, service);
    expect((result.spec as JsonObject).ports).toEqual([
      { port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' },
      { port: 443, targetPort: 8443 },
    ]);
    expect((result.spec as JsonObject).clusterIP).toBe('10.96.0.10');
  });
});

describe('kinds without Go types', () => {
  it('fall back to schemaless metadata, where lists are replaced', () => {
    expect(patchMetaFor('example.com/v1', 'Widget')).toBe(schemalessPatchMeta);
    expect(structPatchMeta('example.com/v1', 'Widget')).toBeUndefined();
    const current = { spec: { items: [{ name: 'a', size: 1 }], keep: true } };
    const result = strategicMergePatch(current, { spec: { items: [{ name: 'b' }] } }, schemalessPatchMeta);
    expect(result).toEqual({ spec: { items: [{ name: 'b' }], keep: true } });
    expect(createTwoWayMergePatch({ items: [1, 2] }, { items: [2] }, schemalessPatchMeta)).toEqual({ items: [2] });
  });
});

describe('generated metadata', () => {
  const field = (struct: string, name: string) => patchMetaData.structs[struct][name];
  it('has the merge keys and strategies of k8s.io/api v0.32', () => {
    expect(field('PodSpec', 'containers')).toEqual(['[]Container', 'merge', 'name']);
    expect(field('Container', 'ports')).toEqual(['[]ContainerPort', 'merge', 'containerPort']);
    expect(field('ServiceSpec', 'ports')).toEqual(['[]ServicePort', 'merge', 'port']);
    expect(field('PodSpec', 'volumes')).toEqual(['[]Volume', 'merge,retainKeys', 'name']);
    expect(field('DeploymentSpec', 'strategy')).toEqual(['DeploymentStrategy', 'retainKeys', '']);
    expect(field('ObjectMeta', 'finalizers')).toEqual(['[]string', 'merge', '']);
    expect(field('ObjectMeta', 'ownerReferences')).toEqual(['[]OwnerReference', 'merge', 'uid']);
    expect(field('PodSpec', 'tolerations')).toBe('[]Toleration');
    expect(field('EndpointSlice', 'endpoints')).toBe('[]Endpoint');
  });

  it('roots every served kind', () => {
    for (const k of ['v1/Pod', 'v1/Service', 'v1/Endpoints', 'v1/Node', 'apps/v1/StatefulSet', 'batch/v1/Job', 'networking.k8s.io/v1/IngressClass']) {
      expect(patchMetaData.kinds[k], k).toBeTruthy();
    }
  });

  it('fails lookups as upstream words them', () => {
    const pod = patchMetaFor('v1', 'Pod');
    expect(() => pod.lookupForStruct('bogus')).toThrow('unable to find api field in struct Pod for the json field "bogus"');
    expect(() => pod.lookupForSlice('spec')).toThrow('expected slice or array type, but got: struct');
    const [labels] = pod.lookupForStruct('metadata')[0].lookupForStruct('labels');
    expect(() => labels.lookupForStruct('x')).toThrow('merging an object in json but data type is not struct, instead is: map');
    // encoding/json matches field names without regard to case.
    expect(pod.lookupForStruct('Spec')[0].lookupForSlice('containers')[1].mergeKey).toBe('name');
  });

  it('refuses a patch that merges an unknown list', () => {
    expect(() => strategicMergePatch({ spec: { bogus: [1] } }, { spec: { bogus: [2] } }, patchMetaFor('v1', 'Pod'))).toThrow(
      'unable to find api field in struct PodSpec for the json field "bogus"',
    );
  });
});
