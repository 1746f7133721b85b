// The job controller: runs pods until spec.completions of them succeeded (or backoffLimit failed).
// It creates at most MaxPodCreateDeletePerSync pods per sync, in slow-start batches, within the
// command's budget (budget.ts).

import { StatusError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import { budgetOf, JOB_MAX_POD_CREATE_DELETE_PER_SYNC, SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './budget.js';
import { createPod, generatedName, podFromTemplate } from './podcontrol.js';
import { podsByOwnerIn, isPodActive, isPodReady } from './util.js';

export function jobController(api: ApiServer): void {
  const { cluster } = api;
  const owners = cluster.store.list('jobs');
  if (!owners.length) return;
  const podsByOwner = podsByOwnerIn(cluster.store, owners);
  for (const job of owners) {
    // Admission gives every Job a spec.
    const spec = job.spec!;
    const st = job.status ?? {};
    const pods = podsByOwner.get(job.metadata.uid!) ?? [];
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
    const active = pods.filter(isPodActive);
    const completions = spec.completions ?? 1;
    const finished = st.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    const now = cluster.now();
    if (!finished && !spec.suspend && failed <= (spec.backoffLimit ?? 6)) {
      const budget = budgetOf(cluster);
      // A sync at a time, synced again while pods are missing and the budget lasts.
      for (;;) {
        const want = Math.min(spec.parallelism ?? 1, completions - succeeded) - active.length;
        if (want <= 0 || budget.backoff.has(job.metadata.uid!)) break;
        const burst = Math.min(want, JOB_MAX_POD_CREATE_DELETE_PER_SYNC);
        const granted = budget.take(burst);
        const { successes, error } = slowStartBatch(granted, SLOW_START_INITIAL_BATCH_SIZE, () => {
          const pod = createPod(api, job, podFromTemplate(job, spec.template, generatedName(api, job.metadata.namespace, `${job.metadata.name}-`)), 'job-controller');
          if (pod instanceof StatusError) return pod;
          active.push(pod);
        });
        budget.refund(granted - successes);
        if (error) budget.backoff.add(job.metadata.uid!);
        if (error || granted < burst) break;
      }
    }
    const conditions = [...(st.conditions ?? [])];
    if (!finished && succeeded >= completions) {
      conditions.push({ type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: now, lastTransitionTime: now });
      conditions.push({ type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', lastProbeTime: now, lastTransitionTime: now });
      cluster.event(job, 'Normal', 'Completed', 'Job completed', 'job-controller');
    } else if (!finished && failed > (spec.backoffLimit ?? 6)) {
      conditions.push({ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastProbeTime: now, lastTransitionTime: now });
    }
    const done = conditions.some((c) => c.type === 'Complete' && c.status === 'True');
    api.updateStatus(resourceInfo('jobs'), job, {
      startTime: st.startTime ?? now,
      completionTime: done ? st.completionTime ?? now : undefined,
      active: active.length || undefined,
      ready: active.filter(isPodReady).length,
      succeeded: succeeded || undefined,
      failed: failed || undefined,
      terminating: 0,
      uncountedTerminatedPods: {},
      conditions: conditions.length ? conditions : undefined,
    });
  }
}
