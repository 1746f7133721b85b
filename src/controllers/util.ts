// What the controllers share: controller references, ownership and the state of pods.

import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KObject, PodObject } from '../api/types.js';
import type { Store } from '../store/store.js';

export function controllerRef(owner: KObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** Objects controlled by owner, from a list of candidates. */
export function controlled<T extends KObject>(list: T[], owner: KObject): T[] {
  const uid = owner.metadata.uid;
  return list.filter((o) => o.metadata.ownerReferences?.some((r) => r.controller && r.uid === uid));
}

/**
 * The pods of the owners' namespaces by controller uid: a DaemonSet in kube-system need not
 * look at the 100,000 pods of default.
 */
export function podsByOwnerIn(store: Store, owners: KObject[]): Map<string, PodObject[]> {
  const namespaces = [...new Set(owners.map((o) => o.metadata.namespace))];
  return byController(namespaces.flatMap((ns) => store.list('pods', ns)));
}

/** Groups a resource's objects by their controller's uid, once per pass instead of per owner. */
export function byController<T extends KObject>(list: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const o of list) {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref) continue;
    let l = m.get(ref.uid);
    if (!l) m.set(ref.uid, (l = []));
    l.push(o);
  }
  return m;
}

export function isPodActive(p: PodObject): boolean {
  const phase = p.status?.phase;
  return !p.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

export function isPodReady(p: PodObject): boolean {
  return !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}
