// The simulated API server: the requests kubectl makes (get, list with selectors, create, update,
// patch, delete, and the scale, status, binding and log subresources), each write through
// admission (decoding, defaulting, allocation, validation) to the store. The CLI calls it as a
// client would; controllers and the kubelet write through it too. Controllers run after a
// change (kubelet/index.ts settles them), not here. Commands that only look use the lighter
// ApiReader (reader.ts), which loads neither the decoding schema nor the patch library.

import { badRequest, conflict, notFound, StatusError } from '../api/errors.js';
import { qualifiedResource, type ResourceInfo } from '../api/scheme.js';
import { fieldValidation, strictDecodeError, type KeyOrder } from '../api/strict/index.js';
import type { KObject, ObjectOf, PodObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { inVersion, kindFor } from '../kinds/registry.js';
import { clone, deepEqual } from '../util/objects.js';
import { deleteNamespaceContents, orphanDependents, PROTECTED_NAMESPACES } from './delete.js';
import { ApiReader } from './reader.js';
import { checkRequestBody } from './limits.js';
import type { NodeConnection } from './node.js';
import { applyPatch, type PatchType } from './patch.js';
import { createObject, updateObject, type Finish } from './registry.js';

export type DeletePropagation = 'background' | 'foreground' | 'orphan';

/**
 * fieldValidation: Strict (kubectl's default) refuses unknown fields and wrong types; Warn (the
 * server's default) accepts unknown fields with a warning each; Ignore drops them silently.
 */
export interface WriteOptions {
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** The body's keys as sent (a raw JSON body may repeat one), for the strict decoder's errors. */
  keyOrder?: KeyOrder;
  /** Who makes the change: its fields become theirs in managedFields. Writes without one leave ownership as it was. */
  fieldManager?: string;
  /** The subresource written through (`scale`), recorded with the manager. */
  subresource?: string;
}

type Ownership = typeof import('../api/managedfields/index.js');
let ownershipModule: Ownership | undefined;

/** Loads field ownership (managedFields), which writes with a fieldManager and apply need; the CLI's writes do without. */
export async function loadOwnership(): Promise<void> {
  ownershipModule ??= await import('../api/managedfields/index.js');
}

function ownershipLoaded(): Ownership {
  if (!ownershipModule) throw new Error('field ownership is used before loadOwnership()');
  return ownershipModule;
}

export interface ApplyOptions {
  fieldManager: string;
  force?: boolean;
}

/** autoscaling/v1 Scale, as the scale subresource reads and writes it. */
export interface Scale {
  replicas: number;
  /** status.replicas of the scaled object. */
  current: number;
  selector?: string;
}

const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets']);

/** The reads, and every write, each through admission to the store. */
export class ApiServer extends ApiReader {
  /** The Warning headers of the requests made so far (deprecated versions), each once. */
  readonly warnings: string[] = [];
  /** The field manager of writes that name none (a kctl command's own); controllers have none. */
  fieldManager?: string;

  constructor(
    cluster: Cluster,
    node?: NodeConnection,
    /**
     * The largest request body taken (413 past it); 0 for none. Requests from clients carry
     * the server's limit; the controllers' own writes, made from objects already admitted, none.
     */
    private readonly maxRequestBodyBytes = 0,
  ) {
    super(cluster, node);
  }

  /** A request's body: refused past the limit before anything else looks at it. */
  private receive(body: unknown): void {
    if (this.maxRequestBodyBytes) checkRequestBody(body, this.maxRequestBodyBytes);
  }

  /**
   * A request body as the server decodes it: strict field validation when asked for (the
   * server's messages), then an older version the server still accepts converted to the stored
   * one, with the deprecation warning.
   */
  decode(input: KObject, info: ResourceInfo, opts: WriteOptions = {}): KObject {
    if (opts.fieldValidation === 'Strict') {
      const message = strictDecodeError(input, opts.keyOrder);
      if (message) throw badRequest(message);
    } else if (opts.fieldValidation) {
      // A value of the wrong type fails decoding whatever the validation asked for; unknown
      // fields are dropped (with a warning each for Warn).
      const { error, unknownFields, decoded } = fieldValidation(input, opts.keyOrder);
      if (error) throw badRequest(error);
      if (opts.fieldValidation === 'Warn') this.warn(...unknownFields);
      input = decoded;
    }
    // Another served version converts without a word.
    if (info.otherVersions?.includes(input.apiVersion)) return kindFor(info).convert?.(clone(input)) ?? input;
    const warning = info.deprecatedVersions?.[input.apiVersion];
    if (!warning) return input;
    this.warn(warning);
    return kindFor(info).convert?.(clone(input)) ?? input;
  }

  private warn(...texts: string[]): void {
    for (const w of texts) if (!this.warnings.includes(w)) this.warnings.push(w);
  }

  create<R extends string>(input: KObject, info: ResourceInfo<R>, opts: WriteOptions = {}): ObjectOf<R> {
    this.receive(input);
    const obj = this.decode(input, info, opts);
    if (info.namespaced) this.requireNamespace(obj.metadata.namespace ?? 'default');
    return createObject(this.cluster, kindFor(info), info, obj, this.ownership(opts)) as ObjectOf<R>;
  }

  /** The managedFields bookkeeping of a write by opts.fieldManager, if it names one. */
  private ownership(opts: WriteOptions): Finish | undefined {
    const manager = opts.fieldManager ?? this.fieldManager;
    if (!manager) return undefined;
    const now = this.cluster.now();
    return (obj, old) => {
      const managedFields = ownershipLoaded().managedFieldsAfterUpdate(old, obj, { manager, apiVersion: obj.apiVersion, now, subresource: opts.subresource });
      if (managedFields) obj.metadata.managedFields = managedFields;
      else delete obj.metadata.managedFields;
    };
  }

  /**
   * Server-side apply (PATCH application/apply-patch+yaml): the configuration merged into the
   * object, or a new object made from it, with managedFields kept by field; a conflict with
   * another manager's fields fails unless forced.
   */
  apply<R extends string>(info: ResourceInfo<R>, namespace: string | undefined, name: string, config: KObject, opts: ApplyOptions & { apiVersion?: string }): ObjectOf<R> {
    this.receive(config);
    const live = this.find(info, namespace, name) as KObject | undefined;
    // The configuration merges into the object as its version shows it.
    const base = live && inVersion(info, live, opts.apiVersion);
    const applied = ownershipLoaded().serverSideApply(base ? clone(base) : undefined, config, { manager: opts.fieldManager, force: !!opts.force, now: this.cluster.now() });
    const finish: Finish = (obj) => {
      if (applied.managedFields) obj.metadata.managedFields = applied.managedFields;
      else delete obj.metadata.managedFields;
    };
    const obj = this.decode(applied.object, info);
    if (!live) {
      if (info.namespaced) this.requireNamespace(namespace ?? 'default');
      return createObject(this.cluster, kindFor(info), info, obj, finish) as ObjectOf<R>;
    }
    return updateObject(this.cluster, kindFor(info), info, obj, live, finish) as ObjectOf<R>;
  }

  /** Replaces an object; returns the stored object, the old one itself when nothing changed. */
  update<R extends string>(input: KObject, info: ResourceInfo<R>, opts: WriteOptions = {}): ObjectOf<R> {
    this.receive(input);
    return this.write(input, info, opts, true);
  }

  /**
   * Applies a patch to the stored object and updates it with the result; `apiVersion`, another
   * version the kind is served in, is the one the patch is written against.
   */
  patch<R extends string>(info: ResourceInfo<R>, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts: WriteOptions & { apiVersion?: string } = {}): ObjectOf<R> {
    this.receive(patch);
    const patched = applyPatch(inVersion(info, this.get(info, namespace, name), opts.apiVersion), type, patch);
    return this.write(patched, info, opts);
  }

  /**
   * Read, change, write: `change` gets a private copy of the stored object to edit, and the
   * result goes through update's admission.
   */
  modify<R extends string>(info: ResourceInfo<R>, namespace: string | undefined, name: string, change: (draft: ObjectOf<R>) => void, opts: WriteOptions = {}): ObjectOf<R> {
    const draft = clone(this.get(info, namespace, name));
    change(draft);
    return this.write(draft, info, opts);
  }

  /** update's admission for an object the server made itself (a patch's result, a modify). */
  private write<R extends string>(input: KObject, info: ResourceInfo<R>, opts: WriteOptions = {}, precondition = false): ObjectOf<R> {
    const obj = this.decode(input, info, opts);
    const old = this.get(info, obj.metadata.namespace, obj.metadata.name);
    // Optimistic concurrency: a replacement made from an older read of the object is refused.
    const rv = obj.metadata.resourceVersion;
    if (precondition && rv && rv !== old.metadata.resourceVersion) throw conflict(qualifiedResource(info), obj.metadata.name);
    return updateObject(this.cluster, kindFor(info), info, obj, old, this.ownership(opts)) as ObjectOf<R>;
  }

  /**
   * The status subresource, as controllers and the kubelet write it (no admission): the given
   * fields replace the object's own (undefined removes one). Returns the stored object, which
   * is `obj` itself when nothing changed.
   */
  updateStatus<T extends KObject>(info: ResourceInfo, obj: T, fields: Record<string, unknown>): T {
    const status: Record<string, unknown> = { ...(obj.status as object) };
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) delete status[k];
      else status[k] = v;
    }
    if (deepEqual(obj.status, status)) return obj;
    return this.store.put(info.resource, { ...obj, status }) as T;
  }

  /** The binding subresource, as the scheduler posts it: the pod goes to a node. */
  bind(pod: PodObject, nodeName: string): PodObject {
    return this.store.put('pods', { ...pod, spec: { ...pod.spec!, nodeName } });
  }

  /** The scale subresource's read: desired and current replicas. */
  getScale(info: ResourceInfo, namespace: string | undefined, name: string): Scale {
    if (!SCALABLE.has(info.resource)) throw new StatusError('NotFound', `the server could not find the requested resource`);
    const obj = this.get(info, namespace, name) as KObject & { spec?: { replicas?: number }; status?: { replicas?: number } };
    return { replicas: obj.spec?.replicas ?? 0, current: obj.status?.replicas ?? 0 };
  }

  /** The scale subresource's write: spec.replicas, through update's admission. */
  updateScale(info: ResourceInfo, namespace: string | undefined, name: string, replicas: number, opts: WriteOptions = {}): KObject {
    if (!SCALABLE.has(info.resource)) throw new StatusError('NotFound', `the server could not find the requested resource`);
    return this.modify(
      info,
      namespace,
      name,
      (o) => {
        o.spec = { ...(o.spec as object), replicas };
      },
      { ...opts, subresource: 'scale' },
    );
  }

  delete(info: ResourceInfo, namespace: string | undefined, name: string, propagation: DeletePropagation = 'background'): KObject {
    const obj = this.get(info, namespace, name);
    if (info.resource === 'namespaces') {
      if (PROTECTED_NAMESPACES.includes(name)) throw new StatusError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`);
      deleteNamespaceContents(this.store, name);
    }
    if (propagation === 'orphan') orphanDependents(this.store, obj);
    this.store.remove(info.resource, info.namespaced ? namespace : undefined, name);
    return obj;
  }

  requireNamespace(ns: string): void {
    const n = this.store.get('namespaces', undefined, ns);
    if (!n) throw notFound('namespaces', ns);
    if (n.metadata.deletionTimestamp) {
      throw new StatusError('Forbidden', `unable to create new content in namespace ${ns} because it is being terminated`);
    }
  }
}
