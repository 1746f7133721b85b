// The taint-eviction controller: a pod bound to a node with a NoExecute taint it does not
// tolerate is deleted; one that tolerates them all for a while (tolerationSeconds) is deleted
// once the shortest of those has passed since the taint was added.

import type { Taint } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../api/scheme.js';
import { toleratesTaint } from '../api/taints.js';
import type { PodObject } from '../api/types.js';
import type { ApiServer } from '../apiserver/server.js';

/** When the pod must go (ms since the epoch), Infinity when it may stay. */
export function evictionTime(pod: PodObject, taints: Taint[], nowMs: number): number {
  let at = Infinity;
  for (const taint of taints) {
    const used = (pod.spec?.tolerations ?? []).filter((t) => toleratesTaint(t, taint));
    if (!used.length) return nowMs;
    if (used.some((t) => t.tolerationSeconds === undefined || t.tolerationSeconds === null)) continue;
    const seconds = Math.max(0, Math.min(...used.map((t) => t.tolerationSeconds!)));
    const added = taint.timeAdded ? Date.parse(taint.timeAdded) : nowMs;
    at = Math.min(at, added + seconds * 1000);
  }
  return at;
}

export function taintEvictionController(api: ApiServer): void {
  const { cluster } = api;
  const tainted = new Map<string, Taint[]>();
  for (const node of cluster.store.list('nodes')) {
    const noExecute = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (noExecute.length) tainted.set(node.metadata.name, noExecute);
  }
  if (!tainted.size) return;
  for (const pod of cluster.store.list('pods')) {
    const taints = tainted.get(pod.spec?.nodeName ?? '');
    if (!taints || pod.metadata.deletionTimestamp) continue;
    if (evictionTime(pod, taints, cluster.nowMs) > cluster.nowMs) continue;
    const { namespace, name } = pod.metadata;
    cluster.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`, 'taint-eviction-controller');
    api.delete(resourceInfo('pods'), namespace, name);
  }
}
