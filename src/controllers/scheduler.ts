// The scheduler: binds each unscheduled pod to the feasible node with the fewest untolerated
// PreferNoSchedule taints (TaintToleration's score), then the fewest pods. A pod that
// fits nowhere is marked Unschedulable and, as in kube-scheduler's unschedulable queue, tried
// again only after an event that can make room (a node changed, something was removed), so
// 100,000 Pending pods cost nothing while a scale adds more.

import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import type { PodObject } from '../api/types.js';
import type { ObjectOf } from '../api/types.js';
import { tolerates } from '../api/taints.js';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { nodeMisfit } from './daemonset.js';

/** The taints a pod would rather avoid: PreferNoSchedule ones it does not tolerate. */
const preferAvoid = (spec: PodSpec, node: ObjectOf<'nodes'>) => (node.spec?.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerates(spec.tolerations, t)).length;

const unschedulable = (p: PodObject) => p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable');

export function scheduler(api: ApiServer): void {
  const { cluster } = api;
  const { store } = cluster;
  const pods = store.list('pods');
  // Each command starts settled: pods already found unschedulable stay so until room may appear.
  const retry = store.changedAt('nodes') > 0 || store.removals > 0;
  const pending = pods.filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp && (retry || !unschedulable(p)));
  if (!pending.length) return;
  const nodes = cluster.store.list('nodes');
  const index = new Map<string, number>(nodes.map((n, i) => [n.metadata.name, i]));
  const load = nodes.map(() => 0);
  for (const p of pods) {
    const i = index.get(p.spec?.nodeName ?? '');
    if (i !== undefined) load[i]++;
  }
  const max = cluster.config.maxPodsPerNode;
  // Pods of one template fit the same nodes: the filters run once per distinct tolerations and
  // selector, and once such pods fit nowhere, the rest of them in this pass fit nowhere either
  // (binding only fills nodes up).
  const misfits = new Map<string, (string | undefined)[]>();
  const avoid = new Map<string, number[]>();
  const nowhere = new Map<string, string>();
  for (const pod of pending) {
    // Admission gives every Pod a spec.
    const spec = pod.spec!;
    const key = JSON.stringify([spec.tolerations ?? null, spec.nodeSelector ?? null]);
    let message = nowhere.get(key);
    if (message === undefined) {
      let misfit = misfits.get(key);
      if (!misfit) misfits.set(key, (misfit = nodes.map((n) => nodeMisfit(spec, n))));
      let avoided = avoid.get(key);
      if (!avoided) avoid.set(key, (avoided = nodes.map((n) => preferAvoid(spec, n))));
      let best = -1;
      for (let i = 0; i < nodes.length; i++) {
        if (misfit[i] || load[i] >= max) continue;
        if (best < 0 || avoided[i] < avoided[best] || (avoided[i] === avoided[best] && load[i] < load[best])) best = i;
      }
      if (best >= 0) {
        const node = nodes[best].metadata.name;
        load[best]++;
        const bound = api.bind(pod, node);
        cluster.event(bound, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`, 'default-scheduler');
        continue;
      }
      nowhere.set(key, (message = fitError(nodes.length, misfit, load, max)));
    }
    const prev = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const had = prev?.reason === 'Unschedulable';
    if (had && prev.message === message && prev.status === 'False' && pod.status?.phase === 'Pending' && pod.status.conditions!.length === 1) continue;
    const condition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: prev?.status === 'False' ? prev.lastTransitionTime : cluster.now(),
      reason: 'Unschedulable',
      message,
    };
    api.updateStatus(resourceInfo('pods'), pod, { phase: 'Pending', conditions: [condition] });
    if (!had) cluster.event(pod, 'Warning', 'FailedScheduling', message, 'default-scheduler');
  }
}

/** FitError's message: the filters' reasons sorted as strings, then what preemption found. */
function fitError(nodeCount: number, misfit: (string | undefined)[], load: number[], max: number): string {
  const reasons = new Map<string, number>();
  let full = 0;
  misfit.forEach((m, i) => {
    if (m) reasons.set(m, (reasons.get(m) ?? 0) + 1);
    else if (load[i] >= max) full++;
  });
  if (full) reasons.set('Too many pods', full);
  const list = [...reasons].map(([r, n]) => `${n} ${r}`).sort();
  const preemption = [...(nodeCount - full ? [`${nodeCount - full} Preemption is not helpful for scheduling`] : []), ...(full ? [`${full} No preemption victims found for incoming pod`] : [])].sort();
  return `0/${nodeCount} nodes are available: ${list.join(', ')}. preemption: 0/${nodeCount} nodes are available: ${preemption.join(', ')}.`;
}
