// Shared by the workload controllers.

import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KObject } from '../api/types.js';

export function controllerRef(owner: KObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** Objects controlled by owner, from a list of candidates. */
export function controlled(list: KObject[], owner: KObject): KObject[] {
  const uid = owner.metadata.uid;
  return list.filter((o) => o.metadata.ownerReferences?.some((r) => r.controller && r.uid === uid));
}

/** Groups a resource's objects by their controller's uid, once per pass instead of per owner. */
export function byController(list: KObject[]): Map<string, KObject[]> {
  const m = new Map<string, KObject[]>();
  for (const o of list) {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref) continue;
    let l = m.get(ref.uid);
    if (!l) m.set(ref.uid, (l = []));
    l.push(o);
  }
  return m;
}

export function isPodActive(p: KObject): boolean {
  const phase = (p.status as { phase?: string } | undefined)?.phase;
  return !p.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

export function isPodReady(p: KObject): boolean {
  return !!(p.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}
