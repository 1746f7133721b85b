// The generic registry's create and update, as k8s.io/apiserver's Store runs them with a kind's
// strategy: the system fields a new object gets, defaulting, PrepareForCreate/PrepareForUpdate,
// then the allocation of BeginCreate/BeginUpdate (the Service registry allocates ClusterIPs and
// NodePorts there, so its errors come before validation's), validation, and the store.

import { alreadyExists, invalidObject, type FieldError } from '../api/errors.js';
import { qualifiedResource, type ResourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { dns1123Subdomain, validateAnnotations, validateLabels, validateName } from '../api/validation.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Kind } from '../kinds/kind.js';
import { clone, deepEqual } from '../util/objects.js';
import { checkStorageSize } from './limits.js';
import { admitCreate, validateCreate } from './admission.js';
import { admitQuota } from './quota.js';

/** Kinds whose spec changes move metadata.generation. */
const GENERATION_TRACKED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Ingress', 'CronJob', 'PodDisruptionBudget', 'HorizontalPodAutoscaler']);

/** What the server owns in metadata: never taken from a request. */
const SYSTEM_FIELDS = ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'generation', 'managedFields'] as const;

/** Sets what is decided last, on the admitted object: managedFields (`old` undefined on create). */
export type Finish = (obj: KObject, old: KObject | undefined) => void;

/** Stores a new object; `input` is left as it was. */
export function createObject(cluster: Cluster, kind: Kind, info: ResourceInfo, input: KObject, finish?: Finish): KObject {
  const obj = clone(input);
  const meta = obj.metadata;
  if (!info.namespaced) delete meta.namespace;
  for (const k of SYSTEM_FIELDS) delete meta[k];
  delete obj.status;
  if (!meta.name && meta.generateName) meta.name = meta.generateName.slice(0, 58) + cluster.rand.suffix();
  if (GENERATION_TRACKED.has(obj.kind)) meta.generation = 1;
  // FillObjectMetaSystemFields comes before the strategy, which may use the uid (Job selectors).
  meta.uid = cluster.rand.uuid();
  meta.creationTimestamp = cluster.now();

  kind.defaults?.(obj, cluster);
  admitCreate(cluster, info, obj);
  kind.prepareForCreate?.(obj);
  check(obj, kind, kind.allocate?.(obj, undefined, cluster) ?? []);
  check(obj, kind, [...validateMeta(obj, kind), ...(kind.validate?.(obj, cluster) ?? [])]);
  validateCreate(cluster, info, obj);
  admitQuota(cluster, info, obj);
  if (cluster.store.get(info.resource, meta.namespace, meta.name)) throw alreadyExists(qualifiedResource(info), meta.name);
  finish?.(obj, undefined);
  checkStorageSize(info.resource, obj);
  return cluster.store.put(info.resource, obj);
}

/** Replaces `old` with `input`; returns the stored object, `old` itself when nothing changed. */
export function updateObject(cluster: Cluster, kind: Kind, info: ResourceInfo, input: KObject, old: KObject, finish?: Finish): KObject {
  const obj = clone(input);
  const meta = obj.metadata;
  if (!info.namespaced) delete meta.namespace;
  meta.uid = old.metadata.uid;
  meta.creationTimestamp = old.metadata.creationTimestamp;
  meta.resourceVersion = old.metadata.resourceVersion;
  if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
  meta.generation = old.metadata.generation;
  if (!meta.ownerReferences && old.metadata.ownerReferences) meta.ownerReferences = old.metadata.ownerReferences;
  // The main resource's update keeps the status; only the status subresource writes it.
  if (old.status !== undefined) obj.status = clone(old.status);
  else delete obj.status;

  kind.defaults?.(obj, cluster);
  // The Service registry's BeginUpdate normalizes clusterIPs against the old object before it
  // allocates; kctl's PrepareForUpdate holds that step, so it comes first.
  kind.prepareForUpdate?.(obj, old, cluster);
  check(obj, kind, kind.allocate?.(obj, old, cluster) ?? []);
  if (GENERATION_TRACKED.has(obj.kind) && !deepEqual(obj.spec, old.spec)) meta.generation = (old.metadata.generation ?? 1) + 1;
  check(obj, kind, [...validateMeta(obj, kind), ...(kind.validate?.(obj, cluster) ?? []), ...(kind.validateUpdate?.(obj, old, cluster) ?? [])]);
  finish?.(obj, old);
  if (deepEqual(obj, old)) return old;
  checkStorageSize(info.resource, obj);
  return cluster.store.put(info.resource, obj);
}

function check(obj: KObject, kind: Kind, errs: FieldError[]): void {
  if (errs.length) throw invalidObject(kind.info.kind, obj.metadata.name ?? '', errs);
}

function validateMeta(obj: KObject, kind: Kind): FieldError[] {
  const m = obj.metadata;
  return [
    ...validateName(m.name, 'metadata.name', kind.validateName ?? dns1123Subdomain, m.generateName),
    ...validateLabels(m.labels, 'metadata.labels'),
    ...validateAnnotations(m.annotations, 'metadata.annotations'),
  ];
}
