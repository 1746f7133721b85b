// The containers whose main process waits to be run: the pod sync marks them in this command,
// so asking after every change costs nothing, and neither the runtime nor every pod's runtime
// state (which grows with the cluster) is loaded unless there is something to run.

import type { Cluster } from '../cluster/cluster.js';

const marked = new WeakMap<Cluster, Map<string, Set<string>>>();

export function markPending(cluster: Cluster, uid: string, container: string): void {
  let byPod = marked.get(cluster);
  if (!byPod) marked.set(cluster, (byPod = new Map()));
  let names = byPod.get(uid);
  if (!names) byPod.set(uid, (names = new Set()));
  names.add(container);
}

export function hasPendingStarts(cluster: Cluster): boolean {
  return (marked.get(cluster)?.size ?? 0) > 0;
}

/** The marked containers by pod uid, forgotten as they are handed out. */
export function takePending(cluster: Cluster): Map<string, Set<string>> {
  const byPod = marked.get(cluster) ?? new Map<string, Set<string>>();
  marked.delete(cluster);
  return byPod;
}
