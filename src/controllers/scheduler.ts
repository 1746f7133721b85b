// The scheduler: binds each unscheduled pod to the feasible node with the fewest pods.

import type { PodSpec } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../api/server.js';
import type { KObject } from '../api/types.js';
import { nodeMisfit } from './daemonset.js';
import { setStatus } from './util.js';

export function scheduler(api: ApiServer): void {
  const { cluster } = api;
  const pods = cluster.store.list('pods');
  const pending = pods.filter((p) => !(p.spec as PodSpec).nodeName && !p.metadata.deletionTimestamp);
  if (!pending.length) return;
  const nodes = cluster.store.list('nodes');
  const load = new Map<string, number>(nodes.map((n) => [n.metadata.name, 0]));
  for (const p of pods) {
    const n = (p.spec as PodSpec).nodeName;
    if (n) load.set(n, (load.get(n) ?? 0) + 1);
  }
  const max = cluster.config.maxPodsPerNode;
  for (const pod of pending) {
    const spec = pod.spec as PodSpec;
    let best: KObject | undefined;
    const reasons = new Map<string, number>();
    let full = 0;
    for (const n of nodes) {
      const misfit = nodeMisfit(spec, n);
      if (misfit) {
        reasons.set(misfit, (reasons.get(misfit) ?? 0) + 1);
        continue;
      }
      if ((load.get(n.metadata.name) ?? 0) >= max) {
        full++;
        continue;
      }
      if (!best || load.get(n.metadata.name)! < load.get(best.metadata.name)!) best = n;
    }
    if (!best) {
      if (full) reasons.set('Too many pods', full);
      // FitError: reasons sorted as strings, then what preemption found.
      const list = [...reasons].map(([r, n]) => `${n} ${r}`).sort();
      const preemption = [...(nodes.length - full ? [`${nodes.length - full} Preemption is not helpful for scheduling`] : []), ...(full ? [`${full} No preemption victims found for incoming pod`] : [])].sort();
      const message = `0/${nodes.length} nodes are available: ${list.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${preemption.join(', ')}.`;
      const had = (pod.status as { conditions?: { reason?: string }[] } | undefined)?.conditions?.some((c) => c.reason === 'Unschedulable');
      setStatus(cluster.store, 'pods', pod, {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: cluster.now(), reason: 'Unschedulable', message }],
      });
      if (!had) cluster.event(pod, 'Warning', 'FailedScheduling', message, 'default-scheduler');
      continue;
    }
    spec.nodeName = best.metadata.name;
    load.set(best.metadata.name, load.get(best.metadata.name)! + 1);
    cluster.store.put('pods', pod);
    cluster.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${best.metadata.name}`, 'default-scheduler');
  }
}
