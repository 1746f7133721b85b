// The replicaset controller: as many active pods as spec.replicas, created from the template.
// Like pkg/controller/replicaset it creates or deletes at most BURST_REPLICAS pods per sync,
// creations in slow-start batches, and syncs again while the command's budget (budget.ts)
// lasts; a refused creation is a FailedCreate event and a ReplicaFailure condition until
// creations succeed.

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

export interface Sync {
  rs: ObjectOf<'replicasets'>;
  /** Its active pods, as the syncs change them. */
  pods: PodObject[];
  /** Whether pods were made or removed in this pass (or tried). */
  attempted: boolean;
  /** A sync was due but the budget or a back-off left it for later. */
  deferred: boolean;
  /** The refusal of the last creations, as manageReplicas returns it. */
  error?: StatusError;
}

export function replicaSetController(api: ApiServer): void {
  const { cluster } = api;
  const podsByOwner = byController(cluster.store.list('pods'));
  const syncs: Sync[] = cluster.store.list('replicasets').map((rs) => ({ rs, pods: (podsByOwner.get(rs.metadata.uid!) ?? []).filter(isPodActive), attempted: false, deferred: false }));
  // The ReplicaSets that still need pods made or removed are synced again, a burst each in turn,
  // as the work queue would requeue them, until each is done, refused or out of budget.
  for (let busy = syncs; busy.length; ) busy = busy.filter((s) => manageReplicas(api, s));
  for (const sync of syncs) {
    const { rs, pods } = sync;
    const ready = pods.filter(isPodReady).length;
    api.updateStatus(rsInfo, rs, {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready || undefined,
      availableReplicas: ready || undefined,
      observedGeneration: rs.metadata.generation,
      conditions: failureConditions(api, sync),
    });
  }
}

/** One sync: at most a burst of pods made or removed. Returns whether another sync has work. */
export function manageReplicas(api: ApiServer, sync: Sync): boolean {
  const { cluster } = api;
  const budget = budgetOf(cluster);
  const { rs } = sync;
  // Admission gives every ReplicaSet a spec.
  const spec = rs.spec!;
  const diff = (spec.replicas ?? 1) - sync.pods.length;
  if (diff > 0 && spec.template) {
    const template = spec.template;
    const burst = Math.min(diff, BURST_REPLICAS);
    const granted = budget.backoff.has(rs.metadata.uid!) ? 0 : budget.take(burst);
    if (!granted) {
      sync.deferred = true;
      return false;
    }
    const { successes, error } = slowStartBatch(granted, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const pod = createPod(api, rs, podFromTemplate(rs, template, generatedName(api, rs.metadata.namespace, `${rs.metadata.name}-`)), 'replicaset-controller');
      if (pod instanceof StatusError) return pod;
      sync.pods.push(pod);
    });
    budget.refund(granted - successes);
    if (error) budget.backoff.add(rs.metadata.uid!);
    sync.attempted = true;
    sync.error = error;
    return !error && granted === burst && diff > burst;
  }
  if (diff < 0) {
    const burst = Math.min(-diff, BURST_REPLICAS);
    const granted = budget.take(burst);
    if (!granted) {
      sync.deferred = true;
      return false;
    }
    const doomed = podsToDelete(sync.pods, granted);
    for (const p of doomed) {
      cluster.store.remove('pods', p.metadata.namespace, p.metadata.name);
      cluster.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'replicaset-controller');
    }
    const gone = new Set(doomed);
    sync.pods = sync.pods.filter((p) => !gone.has(p));
    sync.attempted = true;
    sync.error = undefined;
    return granted === burst && -diff > burst;
  }
  return false;
}

/**
 * calculateStatus' ReplicaFailure: set when creations fail (kept as it was while the same
 * failure repeats), removed once a sync succeeds; a sync the budget left for later changes nothing.
 */
function failureConditions(api: ApiServer, sync: Sync): ReplicaSetCondition[] | undefined {
  const conditions = sync.rs.status?.conditions ?? [];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  const others = conditions.filter((c) => c !== failure);
  let next = conditions;
  if (sync.deferred && !sync.attempted) {
    // Nothing was tried: the last sync's word stands.
  } else if (sync.error) {
    if (!(failure?.status === 'True' && failure.reason === 'FailedCreate')) {
      next = [...others, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: api.cluster.now(), reason: 'FailedCreate', message: sync.error.message }];
    }
  } else if (failure) {
    next = others;
  }
  return next.length ? next : undefined;
}
