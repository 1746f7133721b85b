// The object store, like etcd behind the API server: objects by resource and key, and a
// logical clock (resourceVersion) that moves on every write.

import type { KObject } from '../api/types.js';
import type { StateData } from './schema.js';

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class Store {
  /** Sorted keys per resource, kept until a key is added or removed: controllers list often. */
  private keys = new Map<string, string[]>();
  /** Objects removed by this command so far; the garbage collector acts only after removals. */
  removals = 0;
  /** The resourceVersion of each resource's latest write in this command. */
  private written = new Map<string, number>();

  constructor(readonly data: StateData) {}

  get resourceVersion(): number {
    return this.data.resourceVersion;
  }

  /** When a resource was last written by this command (0: not yet): controllers skip unchanged input. */
  changedAt(resource: string): number {
    return this.written.get(resource) ?? 0;
  }

  get(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.data.objects[resource]?.[objectKey(namespace, name)];
  }

  /** Objects of a resource, in one namespace or (namespace undefined) all, sorted by namespace and name. */
  list(resource: string, namespace?: string): KObject[] {
    const all = this.data.objects[resource];
    if (!all) return [];
    let keys = this.keys.get(resource);
    if (!keys) this.keys.set(resource, (keys = Object.keys(all).sort()));
    const out: KObject[] = [];
    if (namespace === undefined) {
      for (const k of keys) out.push(all[k]);
    } else {
      const prefix = namespace + '/';
      for (const k of keys) if (k.startsWith(prefix)) out.push(all[k]);
    }
    return out;
  }

  /** Writes an object (create or update), stamping a new resourceVersion. */
  put(resource: string, obj: KObject): KObject {
    const rv = ++this.data.resourceVersion;
    obj.metadata.resourceVersion = String(rv);
    const bucket = (this.data.objects[resource] ??= {});
    const key = objectKey(obj.metadata.namespace, obj.metadata.name);
    if (!(key in bucket)) this.keys.delete(resource);
    bucket[key] = obj;
    this.written.set(resource, rv);
    return obj;
  }

  remove(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    const bucket = this.data.objects[resource];
    const key = objectKey(namespace, name);
    const obj = bucket?.[key];
    if (!obj) return undefined;
    delete bucket[key];
    this.keys.delete(resource);
    this.removals++;
    this.written.set(resource, ++this.data.resourceVersion);
    return obj;
  }
}
