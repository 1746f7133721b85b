// The replicaset controller: as many active pods as spec.replicas, created from the template.
// Like pkg/controller/replicaset it creates or deletes at most BURST_REPLICAS pods per sync,
// creations in slow-start batches, and within the command's budget (budget.ts); a refused
// creation is a FailedCreate event and a ReplicaFailure condition until creations succeed.

import type { ReplicaSetCondition } from 'kubernetes-types/apps/v1';
import { StatusError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import type { ObjectOf, PodObject } from '../api/types.js';
import { budgetOf, BURST_REPLICAS, SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './budget.js';
import { createPod, generatedName, podFromTemplate } from './podcontrol.js';
import { byController, isPodActive, isPodReady } from './util.js';

const rsInfo = resourceInfo('replicasets');

/**
 * The n pods to go first when scaling down (controller.ActivePods ordering, simplified):
 * unassigned before assigned, not ready before ready, newest first. Each pod's rank is worked
 * out once, not at every comparison, as a scale-down may sort 100,000 pods.
 */
function podsToDelete(pods: PodObject[], n: number): PodObject[] {
  const ranked = pods.map((p) => ({ p, rank: (p.spec?.nodeName ? 2 : 0) + (isPodReady(p) ? 1 : 0), created: String(p.metadata.creationTimestamp), name: p.metadata.name }));
  const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
  ranked.sort((a, b) => a.rank - b.rank || desc(a.created, b.created) || desc(a.name, b.name));
  return ranked.slice(0, n).map((r) => r.p);
}

/** The outcome of a sync: the error of the creations or deletions, none, or no attempt at all. */
type SyncResult = { error?: StatusError; reason?: string } | 'not attempted';

export function replicaSetController(api: ApiServer): void {
  const { cluster } = api;
  const budget = budgetOf(cluster);
  const podsByOwner = byController(cluster.store.list('pods'));
  for (const rs of cluster.store.list('replicasets')) {
    // Admission gives every ReplicaSet a spec.
    const spec = rs.spec!;
    let pods = (podsByOwner.get(rs.metadata.uid!) ?? []).filter(isPodActive);
    const want = spec.replicas ?? 1;
    let result: SyncResult = {};
    if (pods.length < want && spec.template) {
      const template = spec.template;
      const granted = budget.backoff.has(rs.metadata.uid!) ? 0 : budget.take(Math.min(want - pods.length, BURST_REPLICAS));
      const { successes, error } = slowStartBatch(granted, SLOW_START_INITIAL_BATCH_SIZE, () => {
        const pod = createPod(api, rs, podFromTemplate(rs, template, generatedName(api, rs.metadata.namespace, `${rs.metadata.name}-`)), 'replicaset-controller');
        if (pod instanceof StatusError) return pod;
        pods.push(pod);
      });
      budget.refund(granted - successes);
      if (error) budget.backoff.add(rs.metadata.uid!);
      result = granted ? { error, reason: 'FailedCreate' } : 'not attempted';
    } else if (pods.length > want) {
      const granted = budget.take(Math.min(pods.length - want, BURST_REPLICAS));
      const doomed = podsToDelete(pods, granted);
      for (const p of doomed) {
        cluster.store.remove('pods', p.metadata.namespace, p.metadata.name);
        cluster.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'replicaset-controller');
      }
      const gone = new Set(doomed);
      pods = pods.filter((p) => !gone.has(p));
      if (!granted) result = 'not attempted';
    }
    const ready = pods.filter(isPodReady).length;
    api.updateStatus(rsInfo, rs, {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready || undefined,
      availableReplicas: ready || undefined,
      observedGeneration: rs.metadata.generation,
      conditions: failureConditions(api, rs, result),
    });
  }
}

/**
 * calculateStatus' ReplicaFailure: set when creations fail (kept as it was while the same
 * failure repeats), removed once a sync succeeds; a sync the budget left for later changes nothing.
 */
function failureConditions(api: ApiServer, rs: ObjectOf<'replicasets'>, result: SyncResult): ReplicaSetCondition[] | undefined {
  const conditions = rs.status?.conditions ?? [];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  const others = conditions.filter((c) => c !== failure);
  let next = conditions;
  if (result !== 'not attempted' && result.error) {
    if (!(failure?.status === 'True' && failure.reason === result.reason)) {
      next = [...others, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: api.cluster.now(), reason: result.reason, message: result.error.message }];
    }
  } else if (result !== 'not attempted' && failure) {
    next = others;
  }
  return next.length ? next : undefined;
}
