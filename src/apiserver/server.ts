// The simulated API server's request path: admission (defaulting, validation, allocation),
// then the store. Controllers run afterwards (controllers/manager.ts), not here.

import type { Cluster } from '../cluster/cluster.js';
import type { Kind } from '../kinds/kind.js';
import { kindFor } from '../kinds/registry.js';
import { clone, deepEqual } from '../util/objects.js';
import { alreadyExists, invalidObject, notFound, StatusError, type FieldError } from '../api/errors.js';
import { qualifiedResource, resourceInfo, type ResourceInfo } from '../api/scheme.js';
import type { KObject, ObjectOf } from '../api/types.js';
import { dns1123Subdomain, validateAnnotations, validateLabels, validateName } from '../api/validation.js';

/** Kinds whose spec changes move metadata.generation. */
const GENERATION_TRACKED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Ingress']);

export type DeletePropagation = 'background' | 'foreground' | 'orphan';

export class ApiServer {
  constructor(readonly cluster: Cluster) {}

  private get store() {
    return this.cluster.store;
  }

  get<R extends string>(info: ResourceInfo<R>, namespace: string | undefined, name: string): ObjectOf<R> {
    const obj = this.store.get(info.resource, info.namespaced ? namespace : undefined, name);
    if (!obj) throw notFound(qualifiedResource(info), name);
    return obj;
  }

  find<R extends string>(info: ResourceInfo<R>, namespace: string | undefined, name: string): ObjectOf<R> | undefined {
    return this.store.get(info.resource, info.namespaced ? namespace : undefined, name);
  }

  /** namespace undefined lists every namespace. */
  list<R extends string>(info: ResourceInfo<R>, namespace?: string): ObjectOf<R>[] {
    return this.store.list(info.resource, info.namespaced ? namespace : undefined);
  }

  create(input: KObject, info: ResourceInfo): KObject {
    const kind = kindFor(info);
    const obj = clone(input);
    const meta = obj.metadata;
    if (info.namespaced) this.requireNamespace(meta.namespace ?? 'default');
    else delete meta.namespace;
    for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'generation', 'managedFields'] as const) delete meta[k];
    delete obj.status;
    if (!meta.name && meta.generateName) meta.name = meta.generateName.slice(0, 58) + this.cluster.rand.suffix();
    if (GENERATION_TRACKED.has(obj.kind)) meta.generation = 1;
    // FillObjectMetaSystemFields comes before the strategy, which may use the uid (Job selectors).
    meta.uid = this.cluster.rand.uuid();
    meta.creationTimestamp = this.cluster.now();

    kind.defaults?.(obj, this.cluster);
    kind.prepareForCreate?.(obj);
    this.check(obj, kind, [...validateMeta(obj, kind), ...(kind.validate?.(obj, this.cluster) ?? [])]);
    if (this.find(info, meta.namespace, meta.name)) throw alreadyExists(qualifiedResource(info), meta.name);
    this.check(obj, kind, kind.allocate?.(obj, undefined, this.cluster) ?? []);
    return this.store.put(info.resource, obj);
  }

  /** Replaces an object; returns the stored object, unchanged when the update is a no-op. */
  update(input: KObject, info: ResourceInfo): KObject {
    const kind = kindFor(info);
    const old = this.get(info, input.metadata.namespace, input.metadata.name);
    const obj = clone(input);
    const meta = obj.metadata;
    if (!info.namespaced) delete meta.namespace;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.resourceVersion = old.metadata.resourceVersion;
    if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
    meta.generation = old.metadata.generation;
    if (!meta.ownerReferences && old.metadata.ownerReferences) meta.ownerReferences = old.metadata.ownerReferences;
    if (old.status !== undefined) obj.status = clone(old.status);
    else delete obj.status;

    kind.defaults?.(obj, this.cluster);
    kind.prepareForUpdate?.(obj, old, this.cluster);
    if (GENERATION_TRACKED.has(obj.kind) && !deepEqual(obj.spec, old.spec)) meta.generation = (old.metadata.generation ?? 1) + 1;
    this.check(obj, kind, [
      ...validateMeta(obj, kind),
      ...(kind.validate?.(obj, this.cluster) ?? []),
      ...(kind.validateUpdate?.(obj, old, this.cluster) ?? []),
    ]);
    this.check(obj, kind, kind.allocate?.(obj, old, this.cluster) ?? []);
    if (deepEqual(obj, old)) return old;
    return this.store.put(info.resource, obj);
  }

  /**
   * The status subresource, as controllers and the kubelet write it (no admission): the given
   * fields replace the object's own (undefined removes one). Returns the stored object, which
   * is `obj` itself when nothing changed.
   */
  updateStatus(info: ResourceInfo, obj: KObject, fields: Record<string, unknown>): KObject {
    const status: Record<string, unknown> = { ...(obj.status as object) };
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) delete status[k];
      else status[k] = v;
    }
    if (deepEqual(obj.status, status)) return obj;
    return this.store.put(info.resource, { ...obj, status });
  }

  /** The binding subresource, as the scheduler posts it: the pod goes to a node. */
  bind(pod: KObject, nodeName: string): KObject {
    return this.store.put('pods', { ...pod, spec: { ...(pod.spec as object), nodeName } });
  }

  /**
   * Read, change, write: `change` gets a private copy of the stored object to edit, and the
   * result goes through update's admission. Returns the stored object (the old one when the
   * change was a no-op).
   */
  modify(info: ResourceInfo, namespace: string | undefined, name: string, change: (draft: KObject) => void): KObject {
    const draft = clone(this.get(info, namespace, name));
    change(draft);
    return this.update(draft, info);
  }

  delete(info: ResourceInfo, namespace: string | undefined, name: string, propagation: DeletePropagation = 'background'): KObject {
    const obj = this.get(info, namespace, name);
    if (info.resource === 'namespaces') {
      if (['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(name)) {
        throw new StatusError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`);
      }
      this.deleteNamespaceContents(name);
    }
    if (propagation === 'orphan') this.orphanDependents(obj);
    this.store.remove(info.resource, info.namespaced ? namespace : undefined, name);
    return obj;
  }

  private deleteNamespaceContents(ns: string): void {
    for (const resource of Object.keys(this.cluster.data.objects)) {
      if (!resourceInfo(resource).namespaced) continue;
      for (const o of this.store.list(resource, ns)) this.store.remove(resource, ns, o.metadata.name);
    }
  }

  private orphanDependents(owner: KObject): void {
    for (const resource of Object.keys(this.cluster.data.objects)) {
      for (const o of this.store.list(resource, owner.metadata.namespace)) {
        const refs = o.metadata.ownerReferences;
        if (!refs?.some((r) => r.uid === owner.metadata.uid)) continue;
        const { ownerReferences: _, ...meta } = o.metadata;
        const rest = refs.filter((r) => r.uid !== owner.metadata.uid);
        this.store.put(resource, { ...o, metadata: rest.length ? { ...meta, ownerReferences: rest } : meta });
      }
    }
  }

  requireNamespace(ns: string): void {
    const n = this.store.get('namespaces', undefined, ns);
    if (!n) throw notFound('namespaces', ns);
    if (n.metadata.deletionTimestamp) {
      throw new StatusError('Forbidden', `unable to create new content in namespace ${ns} because it is being terminated`);
    }
  }

  private check(obj: KObject, kind: Kind, errs: FieldError[]): void {
    if (errs.length) throw invalidObject(kind.info.kind, obj.metadata.name ?? '', errs);
  }
}

function validateMeta(obj: KObject, kind: Kind): FieldError[] {
  const m = obj.metadata;
  return [
    ...validateName(m.name, 'metadata.name', kind.validateName ?? dns1123Subdomain, m.generateName),
    ...validateLabels(m.labels, 'metadata.labels'),
    ...validateAnnotations(m.annotations, 'metadata.annotations'),
  ];
}
