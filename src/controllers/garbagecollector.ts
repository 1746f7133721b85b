// The garbage collector: dependents whose owner is gone are deleted (background cascade). It scans
// every resource, but only after a command removed something that could own others.
// A pod's runtime state goes with the pod in the kubelet.

import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';

const seen = new WeakMap<object, number>();

export function garbageCollector(api: ApiServer): void {
  const { data, store } = api.cluster;
  // Each command starts from a settled state, so orphans can only follow removals it made.
  if ((seen.get(store) ?? 0) === store.removals) return;
  seen.set(store, store.removals);
  const uids = new Set<string>();
  for (const bucket of Object.values(data.objects)) for (const o of Object.values(bucket)) uids.add(o.metadata.uid!);
  for (const [resource, bucket] of Object.entries(data.objects)) {
    for (const o of Object.values(bucket)) {
      const refs = o.metadata.ownerReferences;
      if (refs?.length && refs.every((r) => !uids.has(r.uid))) api.delete(resourceInfo(resource), o.metadata.namespace, o.metadata.name);
    }
  }
}
