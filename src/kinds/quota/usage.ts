// What an object counts against a ResourceQuota (the quota evaluators): pods their compute
// requests and limits, services their load balancers and node ports, every object its
// `count/<resource>[.<group>]`. The admission plugin adds a new object's usage; the resource
// quota controller sums a namespace's.

import type { Container, PodSpec, ScopedResourceSelectorRequirement } from 'kubernetes-types/core/v1';
import { sumQuantities } from '../../api/quantity.js';
import type { ResourceInfo } from '../../api/scheme.js';
import type { KObject, ObjectOf, PodObject } from '../../api/types.js';
import { qosClass } from '../pod.js';

export type Usage = Record<string, string[]>;

/** Legacy object counts, by resource. */
const LEGACY_COUNTS: Record<string, string> = {
  pods: 'pods', services: 'services', configmaps: 'configmaps', secrets: 'secrets', resourcequotas: 'resourcequotas',
  replicationcontrollers: 'replicationcontrollers', persistentvolumeclaims: 'persistentvolumeclaims',
};

/** A pod past running counts no more (QuotaV1Pod). */
export function podCounts(p: PodObject): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

/** podComputeUsageHelper: requests.X and X from requests, limits.X from limits. */
function computeUsage(requests: Record<string, unknown> | undefined, limits: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    if (requests?.[r] !== undefined) out[`requests.${r}`] = out[r] = String(requests[r]);
    if (limits?.[r] !== undefined) out[`limits.${r}`] = String(limits[r]);
  }
  return out;
}

/** The pod's compute usage: its containers' sum, or an init container's when larger. */
function podCompute(spec: PodSpec): Usage {
  const u: Usage = {};
  for (const c of spec.containers ?? []) for (const [k, v] of Object.entries(computeUsage(c.resources?.requests, c.resources?.limits))) (u[k] ??= []).push(v);
  return u;
}

export function objectUsage(info: ResourceInfo, obj: KObject): Usage {
  const u: Usage = {};
  const add = (k: string, v = '1') => (u[k] ??= []).push(v);
  add(info.group ? `count/${info.resource}.${info.group}` : `count/${info.resource}`);
  if (LEGACY_COUNTS[info.resource]) add(LEGACY_COUNTS[info.resource]);
  if (info.resource === 'pods') {
    const pod = obj as PodObject;
    if (!podCounts(pod)) return {};
    Object.assign(u, { ...podCompute(pod.spec!), ...u });
  } else if (info.resource === 'services') {
    const s = (obj as ObjectOf<'services'>).spec;
    if (s?.type === 'LoadBalancer') add('services.loadbalancers');
    if (s?.type === 'LoadBalancer' || s?.type === 'NodePort') add('services.nodeports', String((s.ports ?? []).length));
  }
  return u;
}

/** Sums usage to quota quantities, for the resources named. */
export function totals(usages: Usage[], names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = sumQuantities(usages.flatMap((u) => u[n] ?? []));
  return out;
}

function scopeMatches(scope: string, pod: PodObject): boolean {
  const spec = pod.spec!;
  switch (scope) {
    case 'BestEffort':
      return qosClass(spec) === 'BestEffort';
    case 'NotBestEffort':
      return qosClass(spec) !== 'BestEffort';
    case 'Terminating':
      return spec.activeDeadlineSeconds !== undefined;
    case 'NotTerminating':
      return spec.activeDeadlineSeconds === undefined;
    case 'PriorityClass':
      return !!spec.priorityClassName;
    default:
      return true;
  }
}

function selectorMatches(r: ScopedResourceSelectorRequirement, pod: PodObject): boolean {
  if (r.scopeName !== 'PriorityClass') return scopeMatches(r.scopeName, pod);
  const name = pod.spec!.priorityClassName;
  switch (r.operator) {
    case 'In':
      return !!name && (r.values ?? []).includes(name);
    case 'NotIn':
      return !name || !(r.values ?? []).includes(name);
    case 'Exists':
      return !!name;
    case 'DoesNotExist':
      return !name;
    default:
      return false;
  }
}

/** Whether a quota counts this object: scoped quotas count only the pods their scopes match. */
export function quotaMatches(q: ObjectOf<'resourcequotas'>, info: ResourceInfo, obj: KObject): boolean {
  const scopes = q.spec?.scopes ?? [];
  const reqs = q.spec?.scopeSelector?.matchExpressions ?? [];
  if (!scopes.length && !reqs.length) return true;
  if (info.resource !== 'pods') return false;
  const pod = obj as PodObject;
  return scopes.every((s) => scopeMatches(s, pod)) && reqs.every((r) => selectorMatches(r, pod));
}

const COMPUTE = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory'];

/** The pod evaluator's Constraints: a quota on cpu or memory needs every container to state it. */
export function missingConstraints(hard: string[], spec: PodSpec): string | undefined {
  const required = hard.filter((h) => COMPUTE.includes(h)).sort();
  if (!required.length) return undefined;
  const missing = new Map<string, Set<string>>();
  const check = (c: Container) => {
    const have = computeUsage(c.resources?.requests, c.resources?.limits);
    for (const r of required) if (have[r] === undefined) (missing.get(r) ?? missing.set(r, new Set()).get(r)!).add(c.name);
  };
  (spec.containers ?? []).forEach(check);
  (spec.initContainers ?? []).forEach(check);
  if (!missing.size) return undefined;
  return `must specify ${[...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`).join('; ')}`;
}
