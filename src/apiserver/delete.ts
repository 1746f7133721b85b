// What a delete does besides removing the object: a namespace takes its contents with it, and
// `propagationPolicy: Orphan` strips the owner from its dependents instead of letting the garbage
// collector delete them.

import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import type { Store } from '../store/store.js';

/** The namespaces the API server refuses to delete. */
export const PROTECTED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function deleteNamespaceContents(store: Store, ns: string): void {
  for (const resource of Object.keys(store.data.objects)) {
    if (!resourceInfo(resource).namespaced) continue;
    for (const o of store.list(resource, ns)) store.remove(resource, ns, o.metadata.name);
  }
}

export function orphanDependents(store: Store, owner: KObject): void {
  for (const resource of Object.keys(store.data.objects)) {
    for (const o of store.list(resource, owner.metadata.namespace)) {
      const refs = o.metadata.ownerReferences;
      if (!refs?.some((r) => r.uid === owner.metadata.uid)) continue;
      const { ownerReferences: _, ...meta } = o.metadata;
      const rest = refs.filter((r) => r.uid !== owner.metadata.uid);
      store.put(resource, { ...o, metadata: rest.length ? { ...meta, ownerReferences: rest } : meta });
    }
  }
}
