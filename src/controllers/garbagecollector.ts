// The garbage collector: dependents whose owner is gone are deleted (background cascade). It scans
// every resource, but only after a command removed something that could own others, or when the
// previous command's budget left dependents to delete; it deletes as many as the budget allows
// (budget.ts), so deleting a Deployment of 100,000 pods takes several commands.
// A pod's runtime state goes with the pod in the kubelet.

import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import { budgetOf } from './budget.js';

const NAME = 'garbagecollector';
const seen = new WeakMap<object, number>();

export function garbageCollector(api: ApiServer): void {
  const { data, store } = api.cluster;
  const budget = budgetOf(api.cluster);
  // Each command starts from a settled state, so orphans can only follow removals it made, or be
  // the ones the previous command left.
  const last = seen.get(store) ?? (budget.carried.has(NAME) ? -1 : 0);
  if (last === store.removals) return;
  seen.set(store, store.removals);
  const uids = new Set<string>();
  for (const bucket of Object.values(data.objects)) for (const o of Object.values(bucket)) uids.add(o.metadata.uid!);
  const orphans: { resource: string; namespace?: string; name: string }[] = [];
  for (const [resource, bucket] of Object.entries(data.objects)) {
    for (const o of Object.values(bucket)) {
      const refs = o.metadata.ownerReferences;
      if (refs?.length && refs.every((r) => !uids.has(r.uid))) orphans.push({ resource, namespace: o.metadata.namespace, name: o.metadata.name });
    }
  }
  for (const o of orphans.slice(0, budget.take(orphans.length))) api.delete(resourceInfo(o.resource), o.namespace, o.name);
}
