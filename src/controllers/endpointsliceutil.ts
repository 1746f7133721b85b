// What the endpoints and EndpointSlice controllers share (k8s.io/endpointslice/util and
// podutil.FindPort): which pods back a Service, on which port, under which hostname.

import type { ServicePort } from 'kubernetes-types/core/v1';
import { selectorFromMap } from '../api/labels/index.js';
import type { ObjectOf, PodObject, ServiceObject } from '../api/types.js';
import { isServiceIPSet } from '../kinds/service/util.js';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const ANNOTATION_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

/** Pods grouped by namespace, once per controller pass. */
export function podsByNamespace(pods: PodObject[]): Map<string, PodObject[]> {
  const m = new Map<string, PodObject[]>();
  for (const p of pods) {
    const ns = p.metadata.namespace ?? 'default';
    let l = m.get(ns);
    if (!l) m.set(ns, (l = []));
    l.push(p);
  }
  return m;
}

/** The pods a Service with a selector targets; undefined when it has no selector (or is an ExternalName). */
export function selectedPods(svc: ServiceObject, byNamespace: Map<string, PodObject[]>): PodObject[] | undefined {
  const s = svc.spec ?? {};
  if (s.type === 'ExternalName' || s.selector == null) return undefined;
  const sel = selectorFromMap(s.selector);
  return (byNamespace.get(svc.metadata.namespace ?? 'default') ?? []).filter((p) => sel.matches(p.metadata.labels));
}

export const podIP = (p: PodObject): string | undefined => p.status?.podIP || undefined;

/** ShouldPodBeInEndpoints: has an address, has not finished, and (unless asked) is not terminating. */
export function shouldPodBeInEndpoints(pod: PodObject, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!podIP(pod)) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** podutil.FindPort: a numeric targetPort as is, a named one from the pod's container ports. */
export function findPort(pod: PodObject, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === sp.protocol) return p.containerPort;
  }
  return undefined;
}

/** A pod gets a DNS name under the Service when its subdomain names that Service. */
export function shouldSetHostname(pod: PodObject, svc: ServiceObject): boolean {
  const spec = pod.spec;
  return !!spec?.hostname && spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
}

/** The Service's labels on the objects derived from it, marked headless when it has no ClusterIP. */
export function derivedLabels(svc: ServiceObject): Record<string, string> {
  const labels: Record<string, string> = { ...svc.metadata.labels };
  if (isServiceIPSet(svc.spec ?? {})) delete labels[LABEL_HEADLESS];
  else labels[LABEL_HEADLESS] = '';
  return labels;
}

/** Objects may not be created in a namespace that is going away. */
export function namespaceTerminating(namespaces: Map<string, ObjectOf<'namespaces'>>, ns: string | undefined): boolean {
  return !!namespaces.get(ns ?? 'default')?.metadata.deletionTimestamp;
}
