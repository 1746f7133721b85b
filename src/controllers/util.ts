// What the controllers share: controller references, ownership and the state of pods.

import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KObject, PodObject } from '../api/types.js';

export function controllerRef(owner: KObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** Objects controlled by owner, from a list of candidates. */
export function controlled<T extends KObject>(list: T[], owner: KObject): T[] {
  const uid = owner.metadata.uid;
  return list.filter((o) => o.metadata.ownerReferences?.some((r) => r.controller && r.uid === uid));
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
