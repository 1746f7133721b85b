// The object store, like etcd behind the API server: objects by resource and key, and a
// logical clock (resourceVersion) that moves on every write. What it hands out is the stored
// object itself, read-only: a change is a new object put in its place. With `frozen` (the test
// suite's checks) every object it hands out or takes is frozen, so a mutation throws.

import type { KObject, ObjectOf } from '../api/types.js';
import { deepFreeze, own, setOwn } from '../util/objects.js';
import { recordChange } from './history.js';
import type { StateData } from './schema.js';

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class Store {
  /** Sorted keys per resource, kept until a key is added or removed: controllers list often. */
  private keys = new Map<string, string[]>();
  /**
   * Objects that could own others removed by this command so far (events own nothing, and their
   * pruning should not wake the garbage collector): it acts only after such removals.
   */
  removals = 0;
  /** The resourceVersion of each resource's latest write in this command. */
  private written = new Map<string, number>();
  /** Objects per resource, counted once and then kept up to date (the pod cap asks at every create). */
  private counts = new Map<string, number>();

  constructor(
    readonly data: StateData,
    private readonly frozen = false,
  ) {}

  get resourceVersion(): number {
    return this.data.resourceVersion;
  }

  /** When a resource was last written by this command (0: not yet): controllers skip unchanged input. */
  changedAt(resource: string): number {
    return this.written.get(resource) ?? 0;
  }

  get<R extends string>(resource: R, namespace: string | undefined, name: string): ObjectOf<R> | undefined {
    const obj = own(this.data.objects[resource], objectKey(namespace, name)) as ObjectOf<R> | undefined;
    return this.frozen && obj ? deepFreeze(obj) : obj;
  }

  /** How many objects of a resource there are. */
  count(resource: string): number {
    let n = this.counts.get(resource);
    if (n === undefined) this.counts.set(resource, (n = Object.keys(this.data.objects[resource] ?? {}).length));
    return n;
  }

  /** Objects of a resource, in one namespace or (namespace undefined) all, sorted by namespace and name. */
  list<R extends string>(resource: R, namespace?: string): ObjectOf<R>[] {
    const all = this.data.objects[resource] as Record<string, ObjectOf<R>> | undefined;
    if (!all) return [];
    let keys = this.keys.get(resource);
    if (!keys) this.keys.set(resource, (keys = Object.keys(all).sort()));
    const out: ObjectOf<R>[] = [];
    if (namespace === undefined) {
      for (const k of keys) out.push(all[k]);
    } else {
      const prefix = namespace + '/';
      for (const k of keys) if (k.startsWith(prefix)) out.push(all[k]);
    }
    if (this.frozen) out.forEach(deepFreeze);
    return out;
  }

  /**
   * Writes an object (create or update) with a new resourceVersion, and returns what is stored:
   * a copy of obj whose metadata carries the version (obj itself is left as it was).
   */
  put<R extends string>(resource: R, obj: ObjectOf<R> | KObject): ObjectOf<R> {
    const rv = ++this.data.resourceVersion;
    const stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } } as ObjectOf<R>;
    const bucket = (this.data.objects[resource] ??= {});
    const key = objectKey(stored.metadata.namespace, stored.metadata.name);
    const previous = own(bucket, key);
    if (!previous) {
      this.keys.delete(resource);
      const n = this.counts.get(resource);
      if (n !== undefined) this.counts.set(resource, n + 1);
    }
    setOwn(bucket, key, this.frozen ? deepFreeze(stored) : stored);
    recordChange(this.data, rv, previous ? 'MODIFIED' : 'ADDED', resource, stored, previous);
    this.written.set(resource, rv);
    return stored;
  }

  remove(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    const bucket = this.data.objects[resource];
    const key = objectKey(namespace, name);
    const obj = own(bucket, key);
    if (!obj) return undefined;
    delete bucket![key];
    this.keys.delete(resource);
    const n = this.counts.get(resource);
    if (n !== undefined) this.counts.set(resource, n - 1);
    if (resource !== 'events') this.removals++;
    const rv = ++this.data.resourceVersion;
    // The deletion's event carries the object's last state at the deletion's version.
    recordChange(this.data, rv, 'DELETED', resource, { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } });
    this.written.set(resource, rv);
    return obj;
  }
}
