// Random sequences of Service creates, updates, type changes and deletes, and of pods coming,
// going and turning unready, against the API server and controllers in-process. After every
// step no ClusterIP or node port is held twice or lies outside its range, every Service carries
// what its type needs, and Endpoints and EndpointSlices list exactly the selected pods. At the
// end, with the Services gone, both ranges can be filled again: nothing leaked.

import fc from 'fast-check';
import type { EndpointSubset, ServiceSpec } from 'kubernetes-types/core/v1';
import type { Endpoint } from 'kubernetes-types/discovery/v1';
import { describe, expect, it } from 'vitest';
import { StatusError } from '../../src/api/errors.js';
import { resourceInfo } from '../../src/api/scheme.js';
import { ApiServer } from '../../src/apiserver/server.js';
import type { KObject } from '../../src/api/types.js';
import { bootstrap } from '../../src/cluster/bootstrap.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { defaultConfig } from '../../src/cluster/config.js';
import { settle } from '../../src/kubelet/index.js';
import { isPodReady } from '../../src/controllers/util.js';
import { seededRandom } from '../../src/util/random.js';
import { assertProperty, nextTurn } from '../helpers/seed.js';

/** The internal checks the suite runs kctl with: frozen store objects, controller fixpoints. */
const CHECKS = { KCTL_CHECKS: '1' };

const NOW = Date.parse('2025-01-06T01:00:00Z');
const SVC = resourceInfo('services');
const POD = resourceInfo('pods');
/** A /28: 14 usable addresses, two held by the kubernetes and kube-dns Services. */
const CIDR = '10.96.0.0/28';
const PORTS = { min: 30000, max: 30009 };
const NAMES = ['a', 'b', 'c', 'd', 'e'];
const APPS = ['blue', 'green'];

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName' | 'Headless';

type Action =
  | { op: 'apply'; name: string; type: ServiceType; app?: string; clusterIP?: number; nodePort?: number; local: boolean; twoPorts: boolean }
  | { op: 'delete'; name: string }
  | { op: 'pod'; name: string; app: string }
  | { op: 'deletePod'; name: string }
  | { op: 'unready'; name: string };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({
    op: fc.constant('apply' as const),
    name: fc.constantFrom(...NAMES),
    type: fc.constantFrom<ServiceType>('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'Headless'),
    app: fc.option(fc.constantFrom(...APPS), { nil: undefined }),
    // Host parts 0-19 of 10.96.0.x: some in range, some taken, some outside.
    clusterIP: fc.option(fc.integer({ min: 0, max: 19 }), { nil: undefined, freq: 3 }),
    nodePort: fc.option(fc.integer({ min: 29998, max: 30011 }), { nil: undefined, freq: 2 }),
    local: fc.boolean(),
    twoPorts: fc.boolean(),
  }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom(...NAMES) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('pod' as const), name: fc.constantFrom('p1', 'p2', 'p3', 'p4'), app: fc.constantFrom(...APPS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deletePod' as const), name: fc.constantFrom('p1', 'p2', 'p3', 'p4') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unready' as const), name: fc.constantFrom('p1', 'p2', 'p3', 'p4') }) },
);

function manifest(a: Extract<Action, { op: 'apply' }>): KObject {
  const spec: Record<string, unknown> = { type: a.type === 'Headless' ? 'ClusterIP' : a.type };
  if (a.type === 'ExternalName') spec.externalName = 'example.com';
  else {
    spec.ports = [{ name: 'http', port: 80, ...(a.nodePort && a.type !== 'ClusterIP' && a.type !== 'Headless' ? { nodePort: a.nodePort } : {}) }];
    if (a.twoPorts) (spec.ports as object[]).push({ name: 'https', port: 443 });
  }
  if (a.type === 'Headless') spec.clusterIP = 'None';
  else if (a.clusterIP !== undefined && a.type !== 'ExternalName') spec.clusterIP = `10.96.0.${a.clusterIP}`;
  if (a.app) spec.selector = { app: a.app };
  if (a.local && a.type === 'LoadBalancer') spec.externalTrafficPolicy = 'Local';
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: a.name, namespace: 'default' }, spec };
}

/** apply without last-applied: the live object with the manifest's spec fields laid over it. */
function applyService(api: ApiServer, m: KObject): void {
  const live = api.find(SVC, 'default', m.metadata.name);
  if (!live) {
    api.create(m, SVC);
    return;
  }
  const next = structuredClone(live);
  const spec = next.spec as Record<string, unknown>;
  for (const k of ['type', 'externalName', 'selector', 'externalTrafficPolicy', 'clusterIP', 'ports']) delete spec[k];
  if (spec.type !== 'ExternalName') delete spec.healthCheckNodePort;
  Object.assign(spec, m.spec);
  api.update(next, SVC);
}

function run(api: ApiServer, a: Action): void {
  switch (a.op) {
    case 'apply':
      return applyService(api, manifest(a));
    case 'delete':
      api.delete(SVC, 'default', a.name);
      return;
    case 'pod':
      api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: a.name, namespace: 'default', labels: { app: a.app } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, POD);
      return;
    case 'deletePod':
      api.delete(POD, 'default', a.name);
      return;
    case 'unready': {
      const p = api.get(POD, 'default', a.name);
      const st = p.status as { conditions?: { type: string; status: string }[] };
      if (!st?.conditions) return;
      const conditions = st.conditions.map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False' } : c));
      api.updateStatus(POD, p, { conditions });
    }
  }
}

function inRange(ip: string): boolean {
  const last = Number(ip.split('.')[3]);
  return ip.startsWith('10.96.0.') && last >= 1 && last <= 14;
}

function checkInvariants(cluster: Cluster): void {
  const services = cluster.store.list('services');
  const ips = new Map<string, string>();
  const ports = new Map<number, string>();
  for (const s of services) {
    const spec = s.spec as ServiceSpec;
    const who = s.metadata.name;
    if (spec.type === 'ExternalName') {
      expect(spec.clusterIP ?? '').toBe('');
      expect(spec.clusterIPs ?? []).toEqual([]);
    } else if (spec.clusterIP !== 'None') {
      expect(spec.clusterIPs).toEqual([spec.clusterIP]);
      expect(inRange(spec.clusterIP!), `${who} ${spec.clusterIP}`).toBe(true);
      expect(ips.get(spec.clusterIP!), `${spec.clusterIP} held by ${who} and ${ips.get(spec.clusterIP!)}`).toBeUndefined();
      ips.set(spec.clusterIP!, who);
    }
    const held = new Set<number>();
    for (const p of spec.ports ?? []) {
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') expect(p.nodePort, `${who} without node port`).toBeDefined();
      else expect(p.nodePort, `${who} keeps a node port as ${spec.type}`).toBeUndefined();
      if (p.nodePort) held.add(p.nodePort);
    }
    const local = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
    if (local) expect(spec.healthCheckNodePort).toBeDefined();
    else expect(spec.healthCheckNodePort).toBeUndefined();
    if (spec.healthCheckNodePort) {
      expect(held.has(spec.healthCheckNodePort)).toBe(false);
      held.add(spec.healthCheckNodePort);
    }
    for (const n of held) {
      expect(n >= PORTS.min && n <= PORTS.max, `${who} ${n}`).toBe(true);
      expect(ports.get(n), `${n} held by ${who} and ${ports.get(n)}`).toBeUndefined();
      ports.set(n, who);
    }
  }
  for (const s of services) {
    const spec = s.spec as ServiceSpec;
    if (!spec.selector || spec.type === 'ExternalName') continue;
    const ns = s.metadata.namespace;
    const matches = (labels: Record<string, string> | undefined) => Object.entries(spec.selector!).every(([k, v]) => labels?.[k] === v);
    const selected = cluster.store.list('pods', ns).filter((p) => matches(p.metadata.labels) && (p.status as { podIP?: string } | undefined)?.podIP);
    const ready = selected.filter(isPodReady).map((p) => (p.status as { podIP: string }).podIP).sort();
    const notReady = selected.filter((p) => !isPodReady(p)).map((p) => (p.status as { podIP: string }).podIP).sort();
    const ep = cluster.store.get('endpoints', ns, s.metadata.name)!;
    const subsets = (ep.subsets as EndpointSubset[] | undefined) ?? [];
    const listed = (f: 'addresses' | 'notReadyAddresses') => [...new Set(subsets.flatMap((ss) => (ss[f] ?? []).map((a) => a.ip)))].sort();
    expect(listed('addresses'), `Endpoints of ${s.metadata.name}`).toEqual(ready);
    expect(listed('notReadyAddresses')).toEqual(notReady);
    const slices = cluster.store.list('endpointslices', ns).filter((e) => e.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name);
    const endpoints = slices.flatMap((e) => (e.endpoints as Endpoint[] | null) ?? []);
    expect(endpoints.filter((e) => e.conditions?.ready).map((e) => e.addresses[0]).sort(), `slices of ${s.metadata.name}`).toEqual(ready);
    expect(slices.length).toBeGreaterThan(0);
  }
}

/** With only the system Services left, every free address and port can be handed out again. */
async function checkNothingLeaked(api: ApiServer): Promise<void> {
  for (const s of api.list(SVC, { namespace: 'default' })) if (s.metadata.name !== 'kubernetes') api.delete(SVC, 'default', s.metadata.name);
  await settle(api.cluster, {});
  const fresh = (name: string, type: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { type, ports: [{ port: 80 }] } });
  // 14 usable addresses, minus kubernetes (.1) and kube-dns (.10).
  for (let i = 0; i < 12; i++) api.create(fresh(`fill-${i}`, i < 10 ? 'NodePort' : 'ClusterIP'), SVC);
  expect(() => api.create(fresh('one-too-many', 'ClusterIP'), SVC)).toThrow('Internal error occurred: failed to allocate a serviceIP: range is full');
  api.delete(SVC, 'default', 'fill-11');
  expect(() => api.create(fresh('no-port-left', 'NodePort'), SVC)).toThrow('Internal error occurred: failed to allocate a nodePort: range is full');
}

describe('Services under random changes', () => {
  it('never share or leak an address or a port, and their Endpoints follow the pods', async () => {
    await assertProperty(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 30 }), fc.string({ maxLength: 4 }), async (actions, seed) => {
        await nextTurn();
        const cfg = defaultConfig('2025-01-06T00:00:00Z', { workers: 1, ingressNginx: false });
        cfg.serviceCIDR = CIDR;
        cfg.nodePortRange = PORTS;
        const cluster = new Cluster(await bootstrap(cfg, NOW, seededRandom(`boot/${seed}`), CHECKS), NOW, seededRandom(seed), true);
        const api = new ApiServer(cluster);
        for (const a of actions) {
          try {
            run(api, a);
          } catch (e) {
            if (!(e instanceof StatusError)) throw e;
          }
          await settle(cluster, {});
          checkInvariants(cluster);
        }
        await checkNothingLeaked(api);
      }),
      { numRuns: 60 },
    );
  });
});
