// The pods/eviction subresource (policy/v1 Eviction): a delete that first asks the pod's
// PodDisruptionBudget whether one more disruption is allowed, and spends it when it is.

import { StatusError } from '../api/errors.js';
import { selectorFromLabelSelector } from '../api/labels/selector.js';
import { resourceInfo } from '../api/scheme.js';
import type { ObjectOf, PodObject } from '../api/types.js';
import type { ApiServer } from './server.js';

/** More disrupted pods than this in one budget's status and the server refuses (MaxDisruptedPodSize). */
const MAX_DISRUPTED_PODS = 2000;

const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

type Budget = ObjectOf<'poddisruptionbudgets'>;

export type BudgetDecision = { allowed: true; budget?: Budget } | { allowed: false; error: StatusError };

const tooMany = (cause: string) => new StatusError('TooManyRequests', VIOLATION, { serverCauses: [{ reason: 'DisruptionBudget', message: cause }] });

const isReady = (pod: PodObject) => !!pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

/**
 * Whether the budgets of the pod's namespace allow evicting it now: none covers it, or exactly
 * one does and has a disruption left, or the pod is not ready and its budget lets unhealthy pods
 * go (AlwaysAllow, or IfHealthyBudget while the budget is healthy).
 */
export function budgetDecision(pod: PodObject, budgets: readonly Budget[]): BudgetDecision {
  const mine = budgets.filter((b) => selectorFromLabelSelector(b.spec?.selector).matches(pod.metadata.labels));
  if (!mine.length) return { allowed: true };
  if (mine.length > 1) return { allowed: false, error: new StatusError('InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.') };
  const budget = mine[0];
  const status = budget.status ?? { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
  const name = budget.metadata.name;
  if ((status.observedGeneration ?? 0) < (budget.metadata.generation ?? 1)) return { allowed: false, error: tooMany(`The disruption budget ${name} is still being processed by the server.`) };
  if (!isReady(pod)) {
    const healthy = status.desiredHealthy > 0 && status.currentHealthy >= status.desiredHealthy;
    if (budget.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' || healthy) return { allowed: true };
  }
  const allowed = status.disruptionsAllowed ?? 0;
  if (allowed < 0) return { allowed: false, error: new StatusError('Forbidden', 'pdb disruptions allowed is negative') };
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS) return { allowed: false, error: new StatusError('Forbidden', 'DisruptedPods map too big - too many evictions not confirmed by PDB controller') };
  if (allowed === 0) return { allowed: false, error: tooMany(`The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`) };
  return { allowed: true, budget };
}

/** A pod that is not running yet, or no more, disrupts nothing: its budget is not asked. */
function canIgnoreBudget(pod: PodObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

/** POST pods/NAME/eviction: deletes the pod if its budget allows, else throws 429 TooManyRequests. */
export function evictPod(api: ApiServer, namespace: string, name: string): void {
  const info = resourceInfo('pods');
  const pod = api.get(info, namespace, name);
  if (!canIgnoreBudget(pod)) {
    const decision = budgetDecision(pod, api.list(resourceInfo('poddisruptionbudgets'), { namespace }) as Budget[]);
    if (!decision.allowed) throw decision.error;
    const budget = decision.budget;
    if (budget) {
      // The budget's disruption is spent now; the disruption controller confirms it later.
      const status = budget.status;
      api.updateStatus(resourceInfo('poddisruptionbudgets'), budget, {
        disruptionsAllowed: (status?.disruptionsAllowed ?? 0) - 1,
        disruptedPods: { ...status?.disruptedPods, [name]: api.cluster.now() },
      });
    }
  }
  api.delete(info, namespace, name);
}

/** The Status a successful eviction answers with. */
export const EVICTED = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
