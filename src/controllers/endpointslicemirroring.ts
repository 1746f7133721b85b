// The EndpointSlice mirroring controller: Endpoints that users write for a Service without a
// selector are mirrored into EndpointSlices owned by those Endpoints. The `kubernetes` Endpoints
// opt out (skip-mirror); the API server keeps their slice, named `kubernetes`, itself.

import type { EndpointAddress, EndpointSubset } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import { LAST_APPLIED } from '../api/lastapplied.js';
import type { ApiServer } from '../apiserver/server.js';
import type { ObjectOf } from '../api/types.js';
import { deepEqual } from '../util/objects.js';
import { ANNOTATION_TRIGGER_TIME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './endpointsliceutil.js';
import { chunkByPorts, reconcileSlices, sliceInfo, slicesBy, type DesiredSlice } from './endpointslice.js';

const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';

function mirroredEndpoint(a: EndpointAddress, ready: boolean): Endpoint {
  return {
    addresses: [a.ip],
    conditions: { ready },
    ...(a.hostname ? { hostname: a.hostname } : {}),
    ...(a.nodeName ? { nodeName: a.nodeName } : {}),
    ...(a.targetRef ? { targetRef: a.targetRef } : {}),
  };
}

function slicePorts(ss: EndpointSubset): EndpointPort[] {
  return (ss.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
}

/** The slices a set of subsets mirrors to: none at all for Endpoints without subsets. */
function mirroredSlices(subsets: EndpointSubset[]): DesiredSlice[] {
  if (!subsets.length) return [];
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const ss of subsets) {
    const ports = slicePorts(ss);
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    for (const a of ss.addresses ?? []) g.endpoints.push(mirroredEndpoint(a, true));
    for (const a of ss.notReadyAddresses ?? []) g.endpoints.push(mirroredEndpoint(a, false));
  }
  return chunkByPorts(groups);
}

function cloneWithout(m: Record<string, string> | undefined, ...keys: string[]): Record<string, string> {
  const out = { ...m };
  for (const k of keys) delete out[k];
  return out;
}

/** The API server's own slice for the `kubernetes` Service. */
function apiServerSlice(api: ApiServer, ep: ObjectOf<'endpoints'>): void {
  const { cluster } = api;
  const ss = ep.subsets?.[0];
  const want = {
    endpoints: (ss?.addresses ?? []).map((a) => ({ addresses: [a.ip], conditions: { ready: true } })),
    ports: ss ? slicePorts(ss) : [],
  };
  const current = cluster.store.get('endpointslices', 'default', 'kubernetes');
  if (current && deepEqual({ endpoints: current.endpoints, ports: current.ports }, want)) return;
  if (current) api.update({ ...current, ...want }, sliceInfo);
  else api.create({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'kubernetes', namespace: 'default', labels: { [LABEL_SERVICE_NAME]: 'kubernetes' } }, addressType: 'IPv4', ...want }, sliceInfo);
}

export function endpointSliceMirroringController(api: ApiServer): void {
  const { cluster } = api;
  const { store } = cluster;
  const mirrored = slicesBy(cluster, MIRRORING_CONTROLLER);
  const handled = new Set<string>();
  for (const ep of store.list('endpoints')) {
    const ns = ep.metadata.namespace;
    const key = `${ns}/${ep.metadata.name}`;
    if (ns === 'default' && ep.metadata.name === 'kubernetes') apiServerSlice(api, ep);
    const svc = store.get('services', ns, ep.metadata.name);
    if (!svc || svc.spec?.selector != null || ep.metadata.labels?.[LABEL_SKIP_MIRROR] === 'true') continue;
    handled.add(key);
    const labels = { ...cloneWithout(ep.metadata.labels, LABEL_SERVICE_NAME, LABEL_MANAGED_BY), [LABEL_SERVICE_NAME]: ep.metadata.name, [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER };
    const annotations = cloneWithout(ep.metadata.annotations, LAST_APPLIED, ANNOTATION_TRIGGER_TIME);
    reconcileSlices(api, ep, mirrored.get(key) ?? [], mirroredSlices(ep.subsets ?? []), { labels, annotations });
  }
  // Mirrored slices whose Endpoints no longer qualify go.
  for (const [key, slices] of mirrored) {
    if (handled.has(key)) continue;
    for (const s of slices) api.delete(sliceInfo, s.metadata.namespace, s.metadata.name);
  }
}
