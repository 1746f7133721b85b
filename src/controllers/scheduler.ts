// The scheduler: binds each unscheduled pod to the feasible node with the fewest pods.

import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import { nodeMisfit } from './daemonset.js';

export function scheduler(api: ApiServer): void {
  const { cluster } = api;
  const pods = cluster.store.list('pods');
  const pending = pods.filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp);
  if (!pending.length) return;
  const nodes = cluster.store.list('nodes');
  const index = new Map<string, number>(nodes.map((n, i) => [n.metadata.name, i]));
  const load = nodes.map(() => 0);
  for (const p of pods) {
    const i = index.get(p.spec?.nodeName ?? '');
    if (i !== undefined) load[i]++;
  }
  const max = cluster.config.maxPodsPerNode;
  // Pods of one template fit the same nodes: the filters run once per distinct tolerations and selector.
  const misfits = new Map<string, (string | undefined)[]>();
  for (const pod of pending) {
    // Admission gives every Pod a spec.
    const spec = pod.spec!;
    const key = JSON.stringify([spec.tolerations ?? null, spec.nodeSelector ?? null]);
    let misfit = misfits.get(key);
    if (!misfit) misfits.set(key, (misfit = nodes.map((n) => nodeMisfit(spec, n))));
    let best = -1;
    const reasons = new Map<string, number>();
    let full = 0;
    for (let i = 0; i < nodes.length; i++) {
      const m = misfit[i];
      if (m) {
        reasons.set(m, (reasons.get(m) ?? 0) + 1);
        continue;
      }
      if (load[i] >= max) {
        full++;
        continue;
      }
      if (best < 0 || load[i] < load[best]) best = i;
    }
    if (best < 0) {
      if (full) reasons.set('Too many pods', full);
      // FitError: reasons sorted as strings, then what preemption found.
      const list = [...reasons].map(([r, n]) => `${n} ${r}`).sort();
      const preemption = [...(nodes.length - full ? [`${nodes.length - full} Preemption is not helpful for scheduling`] : []), ...(full ? [`${full} No preemption victims found for incoming pod`] : [])].sort();
      const message = `0/${nodes.length} nodes are available: ${list.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${preemption.join(', ')}.`;
      const had = pod.status?.conditions?.some((c) => c.reason === 'Unschedulable');
      api.updateStatus(resourceInfo('pods'), pod, {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: cluster.now(), reason: 'Unschedulable', message }],
      });
      if (!had) cluster.event(pod, 'Warning', 'FailedScheduling', message, 'default-scheduler');
      continue;
    }
    const node = nodes[best].metadata.name;
    load[best]++;
    const bound = api.bind(pod, node);
    cluster.event(bound, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`, 'default-scheduler');
  }
}
