// The EndpointSlice controller: the slices of every Service with a selector, one per set of
// resolved ports (a named targetPort can resolve differently per pod), at most 100 endpoints
// each, named `<service>-<5 random>` and owned by the Service. A Service without endpoints keeps
// one empty placeholder slice.

import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import type { KObject, ObjectOf, PodObject, ServiceObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { deepEqual } from '../util/objects.js';
import {
  ANNOTATION_TRIGGER_TIME,
  derivedLabels,
  findPort,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  namespaceTerminating,
  podIP,
  podsByNamespace,
  selectedPods,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './endpointsliceutil.js';
import { controllerRef, isPodReady } from './util.js';

export const sliceInfo = resourceInfo('endpointslices');

type SliceObject = ObjectOf<'endpointslices'>;

const SLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
const MAX_ENDPOINTS_PER_SLICE = 100;

/** null in the placeholder, the way Go writes nil slices (kubernetes-types has no null: see reconcileSlices' KObject). */
export interface DesiredSlice {
  ports: EndpointPort[] | null;
  endpoints: Endpoint[] | null;
}

function podEndpoint(pod: PodObject, svc: ServiceObject, publishNotReady: boolean): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  // A terminating pod is never ready, unless the Service publishes not-ready addresses.
  const ready = (publishNotReady || serving) && !(terminating && !publishNotReady);
  return {
    addresses: [podIP(pod)!],
    conditions: { ready, serving, terminating },
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec?.hostname } : {}),
    nodeName: pod.spec?.nodeName,
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
}

/** Slices grouped by port set, then cut at 100 endpoints; the placeholder when there is nothing. */
export function chunkByPorts(groups: Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>): DesiredSlice[] {
  const out: DesiredSlice[] = [];
  for (const g of groups.values()) {
    g.endpoints.sort((a, b) => (a.addresses[0] < b.addresses[0] ? -1 : a.addresses[0] > b.addresses[0] ? 1 : 0));
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
      out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    }
  }
  return out.length ? out : [{ ports: null, endpoints: null }];
}

function desiredSlices(svc: ServiceObject, pods: PodObject[]): DesiredSlice[] {
  const s = svc.spec ?? {};
  const publish = !!s.publishNotReadyAddresses;
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of s.ports ?? []) {
      const port = findPort(pod, sp);
      if (port !== undefined) ports.push({ name: sp.name ?? '', port, protocol: sp.protocol, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    g.endpoints.push(podEndpoint(pod, svc, publish));
  }
  return chunkByPorts(groups);
}

/** Makes the slices labelled for `owner` match `want`, reusing existing slices with the same ports. */
export function reconcileSlices(
  api: ApiServer,
  owner: KObject,
  existing: SliceObject[],
  want: DesiredSlice[],
  meta: { labels: Record<string, string>; annotations: Record<string, string> },
): void {
  const { cluster } = api;
  const { store } = cluster;
  // A slice that already holds a wanted chunk stays as it is, whatever order the slices list in.
  const content = (ports: unknown, endpoints: unknown) => JSON.stringify([ports ?? null, endpoints ?? null]);
  const holding = new Map<string, SliceObject[]>();
  for (const e of existing) {
    if (!deepEqual(e.metadata.labels ?? {}, meta.labels)) continue;
    const k = content(e.ports, e.endpoints);
    holding.set(k, [...(holding.get(k) ?? []), e]);
  }
  const kept = new Set<SliceObject>();
  const rest = want.filter((d) => {
    const same = holding.get(content(d.ports, d.endpoints))?.pop();
    if (same) kept.add(same);
    return !same;
  });
  const pool = existing.filter((e) => !kept.has(e));
  for (const d of rest) {
    const i = pool.findIndex((e) => deepEqual(e.ports ?? null, d.ports));
    const slice = i >= 0 ? pool.splice(i, 1)[0] : undefined;
    if (slice) {
      const sameLabels = deepEqual(slice.metadata.labels ?? {}, meta.labels);
      if (deepEqual(slice.endpoints ?? null, d.endpoints) && sameLabels) continue;
      const annotations = { ...slice.metadata.annotations, ...meta.annotations };
      api.update({ ...slice, endpoints: d.endpoints, metadata: { ...slice.metadata, labels: meta.labels, annotations } }, sliceInfo);
      continue;
    }
    const ns = owner.metadata.namespace;
    let name: string;
    do name = `${owner.metadata.name.slice(0, 57)}-${cluster.rand.suffix()}`;
    while (store.get('endpointslices', ns, name));
    const obj: KObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name,
        generateName: `${owner.metadata.name}-`,
        namespace: ns,
        labels: meta.labels,
        ...(Object.keys(meta.annotations).length ? { annotations: meta.annotations } : {}),
        ownerReferences: [controllerRef(owner)],
      },
      addressType: 'IPv4',
      endpoints: d.endpoints,
      ports: d.ports,
    };
    api.create(obj, sliceInfo);
  }
  for (const extra of pool) api.delete(sliceInfo, extra.metadata.namespace, extra.metadata.name);
}

/** Slices by namespace/service-name for one manager, once per pass. */
export function slicesBy(cluster: Cluster, managedBy: string): Map<string, SliceObject[]> {
  const m = new Map<string, SliceObject[]>();
  for (const s of cluster.store.list('endpointslices')) {
    if (s.metadata.labels?.[LABEL_MANAGED_BY] !== managedBy) continue;
    const key = `${s.metadata.namespace}/${s.metadata.labels?.[LABEL_SERVICE_NAME]}`;
    let l = m.get(key);
    if (!l) m.set(key, (l = []));
    l.push(s);
  }
  return m;
}

export function endpointSliceController(api: ApiServer): void {
  const { cluster } = api;
  const pods = podsByNamespace(cluster.store.list('pods'));
  const namespaces = new Map(cluster.store.list('namespaces').map((n) => [n.metadata.name, n]));
  const slices = slicesBy(cluster, SLICE_CONTROLLER);
  for (const svc of cluster.store.list('services')) {
    const selected = selectedPods(svc, pods);
    if (!selected) continue;
    const existing = slices.get(`${svc.metadata.namespace}/${svc.metadata.name}`) ?? [];
    if (!existing.length && namespaceTerminating(namespaces, svc.metadata.namespace)) continue;
    const labels = derivedLabels(svc);
    delete labels[LABEL_SERVICE_NAME];
    delete labels[LABEL_MANAGED_BY];
    labels[LABEL_SERVICE_NAME] = svc.metadata.name;
    labels[LABEL_MANAGED_BY] = SLICE_CONTROLLER;
    reconcileSlices(api, svc, existing, desiredSlices(svc, selected), { labels, annotations: { [ANNOTATION_TRIGGER_TIME]: cluster.now() } });
  }
}
