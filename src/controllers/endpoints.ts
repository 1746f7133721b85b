// The endpoints controller: one Endpoints object per Service with a selector, listing the
// selected pods' addresses (ready or not) with each Service port resolved per pod, packed into
// subsets as endpoints.RepackSubsets does. Selector-less Services keep the Endpoints users write.

import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import type { ObjectOf, PodObject, ServiceObject } from '../api/types.js';
import { deepEqual } from '../util/objects.js';
import {
  ANNOTATION_TRIGGER_TIME,
  derivedLabels,
  findPort,
  namespaceTerminating,
  podIP,
  podsByNamespace,
  selectedPods,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from './endpointsliceutil.js';
import { isPodReady } from './util.js';

const endpointsInfo = resourceInfo('endpoints');

interface Entry {
  addr: EndpointAddress;
  ready: boolean;
  /** undefined: a headless Service without ports. */
  port?: EndpointPort;
}

const addrKey = (a: EndpointAddress) => `${a.ip}|${a.targetRef?.uid ?? ''}`;
const byIPAndUID = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? ''));

/** RepackSubsets: ports offered by the same set of addresses share a subset. */
export function repackSubsets(entries: Entry[]): EndpointSubset[] {
  const addrs = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port?: EndpointPort; ready: Map<string, boolean> }>();
  for (const e of entries) {
    const k = addrKey(e.addr);
    if (!addrs.has(k)) addrs.set(k, e.addr);
    const pk = e.port ? JSON.stringify([e.port.name, e.port.port, e.port.protocol, e.port.appProtocol]) : '';
    let slot = byPort.get(pk);
    if (!slot) byPort.set(pk, (slot = { port: e.port, ready: new Map() }));
    if (!slot.ready.get(k)) slot.ready.set(k, e.ready);
  }
  const groups = new Map<string, { ready: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, ready } of byPort.values()) {
    const gk = [...ready.entries()].map(([k, r]) => `${k}=${r}`).sort().join(',');
    let g = groups.get(gk);
    if (!g) groups.set(gk, (g = { ready, ports: [] }));
    if (port) g.ports.push(port);
  }
  const subsets = [...groups.values()].map(({ ready, ports }) => {
    const ss: EndpointSubset = {};
    const list = (want: boolean) => [...ready].filter(([, r]) => r === want).map(([k]) => addrs.get(k)!).sort(byIPAndUID);
    const readyAddrs = list(true);
    const notReady = list(false);
    if (readyAddrs.length) ss.addresses = readyAddrs;
    if (notReady.length) ss.notReadyAddresses = notReady;
    if (ports.length) ss.ports = ports;
    return ss;
  });
  const first = (ss: EndpointSubset) => (ss.addresses ?? ss.notReadyAddresses ?? [])[0]?.ip ?? '';
  return subsets.sort((a, b) => first(a).localeCompare(first(b)) || (a.ports?.[0]?.port ?? 0) - (b.ports?.[0]?.port ?? 0));
}

function endpointAddress(pod: PodObject, svc: ServiceObject): EndpointAddress {
  const addr: EndpointAddress = {
    ip: podIP(pod)!,
    nodeName: pod.spec?.nodeName,
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec?.hostname;
  return addr;
}

/** The subsets the Service's pods make up. */
function serviceSubsets(svc: ServiceObject, pods: PodObject[]): EndpointSubset[] {
  const s = svc.spec ?? {};
  const publish = !!s.publishNotReadyAddresses;
  const entries: Entry[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publish)) continue;
    const addr = endpointAddress(pod, svc);
    const ready = publish || isPodReady(pod);
    if (!s.ports?.length) {
      if (s.clusterIP === 'None') entries.push({ addr, ready });
      continue;
    }
    for (const sp of s.ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      entries.push({ addr, ready, port: { ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) } });
    }
  }
  return repackSubsets(entries);
}

/** An Endpoints object holds at most this many addresses; the EndpointSlices hold them all. */
const MAX_CAPACITY = 1000;
const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

/** truncateEndpoints: ready addresses first, each subset cut in proportion to its size. */
export function truncateSubsets(subsets: EndpointSubset[]): boolean {
  const count = (f: 'addresses' | 'notReadyAddresses') => subsets.reduce((n, ss) => n + (ss[f]?.length ?? 0), 0);
  const ready = count('addresses');
  const notReady = count('notReadyAddresses');
  if (ready + notReady <= MAX_CAPACITY) return false;
  const cutReady = ready > MAX_CAPACITY;
  const max = cutReady ? MAX_CAPACITY : MAX_CAPACITY - ready;
  const total = cutReady ? ready : notReady;
  let room = max;
  for (const ss of subsets) {
    const field = cutReady ? 'addresses' : 'notReadyAddresses';
    const kept = (ss[field] ?? []).slice(0, Math.min(Math.ceil(((ss[field]?.length ?? 0) / total) * max), room));
    room -= kept.length;
    if (kept.length) ss[field] = kept;
    else delete ss[field];
    if (cutReady) delete ss.notReadyAddresses;
  }
  return true;
}

export function endpointsController(api: ApiServer): void {
  const { cluster } = api;
  const { store } = cluster;
  const pods = podsByNamespace(store.list('pods'));
  const namespaces = new Map(store.list('namespaces').map((n) => [n.metadata.name, n]));
  const services = new Set<string>();
  for (const svc of store.list('services')) {
    const ns = svc.metadata.namespace;
    services.add(`${ns}/${svc.metadata.name}`);
    const selected = selectedPods(svc, pods);
    if (!selected) continue;
    const subsets = serviceSubsets(svc, selected);
    const truncated = truncateSubsets(subsets);
    const labels = derivedLabels(svc);
    const current = store.get('endpoints', ns, svc.metadata.name);
    if (current && deepEqual(current.subsets ?? [], subsets) && deepEqual(current.metadata.labels ?? {}, labels)) continue;
    if (!current && namespaceTerminating(namespaces, ns)) continue;
    const { labels: _labels, ...meta } = current?.metadata ?? { name: svc.metadata.name, namespace: ns };
    const annotations: Record<string, string> = { ...meta.annotations, [ANNOTATION_TRIGGER_TIME]: cluster.now() };
    if (truncated) annotations[ANNOTATION_OVER_CAPACITY] = 'truncated';
    else delete annotations[ANNOTATION_OVER_CAPACITY];
    const ep: ObjectOf<'endpoints'> = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...meta, ...(Object.keys(labels).length ? { labels } : {}), annotations },
      ...(subsets.length ? { subsets } : {}),
    };
    if (current) api.update(ep, endpointsInfo);
    else api.create(ep, endpointsInfo);
  }
  // The controller deletes the Endpoints it wrote once their Service is gone.
  for (const ep of store.list('endpoints')) {
    if (ep.metadata.annotations?.[ANNOTATION_TRIGGER_TIME] && !services.has(`${ep.metadata.namespace}/${ep.metadata.name}`)) {
      api.delete(endpointsInfo, ep.metadata.namespace, ep.metadata.name);
    }
  }
}
