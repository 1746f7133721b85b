// The mutating admission plugins a new object meets after defaulting and before validation:
// Priority (a Pod's priority from its PriorityClass, one global default PriorityClass) and
// LimitRanger (a Pod's containers get their namespace's LimitRange defaults, and are held to its
// bounds). ResourceQuota, which only refuses, is quota.ts.

import type { Container, LimitRangeItem, PodSpec } from 'kubernetes-types/core/v1';
import { StatusError } from '../api/errors.js';
import { parseQuantityNanos, sumQuantities } from '../api/quantity.js';
import { qualifiedResource, type ResourceInfo } from '../api/scheme.js';
import type { KObject, ObjectOf, PodObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { qosClass } from '../kinds/pod.js';

function forbidden(info: ResourceInfo, obj: KObject, message: string): StatusError {
  return new StatusError('Forbidden', `${qualifiedResource(info)} "${obj.metadata.name}" is forbidden: ${message}`);
}

/** Runs the mutating plugins on a new object (`create` only, as they do). */
export function admitCreate(cluster: Cluster, info: ResourceInfo, obj: KObject): void {
  if (info.resource === 'pods') {
    const pod = obj as PodObject;
    admitPriority(cluster, info, pod);
    if (limitRanger(cluster, pod)) pod.status = { ...pod.status, qosClass: qosClass(pod.spec!) };
  } else if (info.resource === 'priorityclasses') {
    const pc = obj as ObjectOf<'priorityclasses'>;
    const other = pc.globalDefault && cluster.store.list('priorityclasses').find((c) => c.globalDefault && c.metadata.name !== pc.metadata.name);
    if (other) throw forbidden(info, obj, `PriorityClass ${other.metadata.name} is marked as default. Only one default can exist`);
  }
}

/** Checks LimitRanger's bounds once the object is valid (its Validate half). */
export function validateCreate(cluster: Cluster, info: ResourceInfo, obj: KObject): void {
  if (info.resource !== 'pods') return;
  const spec = (obj as PodObject).spec!;
  const errs: string[] = [];
  for (const item of cluster.store.list('limitranges', obj.metadata.namespace).flatMap((l) => l.spec?.limits ?? [])) {
    if (item.type === 'Container') {
      for (const { c } of podContainers(spec)) errs.push(...bounds(item, 'Container', c.resources?.requests ?? {}, c.resources?.limits ?? {}));
    } else if (item.type === 'Pod') {
      errs.push(...bounds(item, 'Pod', podTotal(spec, 'requests'), podTotal(spec, 'limits')));
    }
  }
  if (errs.length) throw forbidden(info, obj, errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
}

/** A pod's requests or limits: its containers' sum, or an init container's when larger. */
function podTotal(spec: PodSpec, field: 'requests' | 'limits'): Record<string, string> {
  const terms = new Map<string, string[]>();
  for (const c of spec.containers ?? []) for (const [k, v] of Object.entries(c.resources?.[field] ?? {})) terms.set(k, [...(terms.get(k) ?? []), String(v)]);
  const out = Object.fromEntries([...terms].map(([k, t]) => [k, sumQuantities(t)]));
  for (const c of spec.initContainers ?? []) for (const [k, v] of Object.entries(c.resources?.[field] ?? {})) if (out[k] === undefined || nanos(v) > nanos(out[k])) out[k] = String(v);
  return out;
}

function admitPriority(cluster: Cluster, info: ResourceInfo, pod: PodObject): void {
  const spec = pod.spec!;
  let priority = 0;
  let policy = 'PreemptLowerPriority';
  if (!spec.priorityClassName) {
    const def = cluster.store.list('priorityclasses').find((c) => c.globalDefault);
    if (def) {
      spec.priorityClassName = def.metadata.name;
      priority = def.value;
      policy = def.preemptionPolicy ?? policy;
    }
  } else {
    const pc = cluster.store.get('priorityclasses', undefined, spec.priorityClassName);
    if (!pc) throw forbidden(info, pod, `no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = pc.value;
    policy = pc.preemptionPolicy ?? policy;
  }
  if (spec.priority !== undefined && spec.priority !== priority) {
    throw forbidden(info, pod, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
    throw forbidden(info, pod, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
  }
  spec.preemptionPolicy = policy;
}

function containerLimits(cluster: Cluster, namespace: string | undefined): LimitRangeItem[] {
  return cluster.store.list('limitranges', namespace).flatMap((l) => (l.spec?.limits ?? []).filter((i) => i.type === 'Container'));
}

function podContainers(spec: PodSpec): { c: Container; prefix: string }[] {
  return [...(spec.initContainers ?? []).map((c) => ({ c, prefix: 'init container' })), ...(spec.containers ?? []).map((c) => ({ c, prefix: 'container' }))];
}

/** The defaults of the namespace's LimitRanges; whether any was set (noted in an annotation, as LimitRanger does). */
function limitRanger(cluster: Cluster, pod: PodObject): boolean {
  const items = containerLimits(cluster, pod.metadata.namespace);
  if (!items.length) return false;
  // defaultContainerResourceRequirements: the last LimitRange's value wins.
  const limits: Record<string, string> = {};
  const requests: Record<string, string> = {};
  for (const i of items) {
    Object.assign(limits, i.default);
    Object.assign(requests, i.defaultRequest);
  }
  const notes: string[] = [];
  for (const { c, prefix } of podContainers(pod.spec!)) {
    const res = (c.resources ??= {});
    const setLimits: string[] = [];
    const setRequests: string[] = [];
    for (const [k, v] of Object.entries(limits)) {
      if (res.limits?.[k] === undefined) {
        (res.limits ??= {})[k] = v;
        setLimits.push(k);
      }
    }
    for (const [k, v] of Object.entries(requests)) {
      if (res.requests?.[k] === undefined) {
        (res.requests ??= {})[k] = v;
        setRequests.push(k);
      }
    }
    if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
    if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
  }
  if (!notes.length) return false;
  pod.metadata.annotations = { ...pod.metadata.annotations, 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}` };
  return true;
}

const nanos = (q: unknown) => parseQuantityNanos(String(q)) ?? 0n;

/** minConstraint, maxConstraint and limitRequestRatioConstraint: the first failure of each. */
function bounds(item: LimitRangeItem, type: string, req: Record<string, unknown>, lim: Record<string, unknown>): string[] {
  const errs: string[] = [];
  for (const [k, min] of Object.entries(item.min ?? {})) {
    if (req[k] === undefined) errs.push(`minimum ${k} usage per ${type} is ${min}.  No request is specified`);
    else if (nanos(req[k]) < nanos(min)) errs.push(`minimum ${k} usage per ${type} is ${min}, but request is ${req[k]}`);
    else if (lim[k] !== undefined && nanos(lim[k]) < nanos(min)) errs.push(`minimum ${k} usage per ${type} is ${min}, but limit is ${lim[k]}`);
  }
  for (const [k, max] of Object.entries(item.max ?? {})) {
    if (lim[k] === undefined) errs.push(`maximum ${k} usage per ${type} is ${max}.  No limit is specified`);
    else if (nanos(lim[k]) > nanos(max)) errs.push(`maximum ${k} usage per ${type} is ${max}, but limit is ${lim[k]}`);
    else if (req[k] !== undefined && nanos(req[k]) > nanos(max)) errs.push(`maximum ${k} usage per ${type} is ${max}, but request is ${req[k]}`);
  }
  for (const [k, ratio] of Object.entries(item.maxLimitRequestRatio ?? {})) {
    const r = req[k] === undefined ? 0n : nanos(req[k]);
    const l = lim[k] === undefined ? 0n : nanos(lim[k]);
    if (r === 0n) errs.push(`${k} max limit to request ratio per ${type} is ${ratio}, but no request is specified or request is 0`);
    else if (l === 0n) errs.push(`${k} max limit to request ratio per ${type} is ${ratio}, but no limit is specified or limit is 0`);
    else if (Number(l) / Number(r) > Number(nanos(ratio)) / 1e9) errs.push(`${k} max limit to request ratio per ${type} is ${ratio}, but provided ratio is ${(Number(l) / Number(r)).toFixed(6)}`);
  }
  return errs;
}
