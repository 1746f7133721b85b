// The disruption controller: each PodDisruptionBudget's status (expected pods, healthy pods,
// how many may be disrupted now) from the pods its selector picks and the scale of their
// controllers; and the check the eviction subresource makes against those budgets.

import type { PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import { StatusError } from '../api/errors.js';
import { selectorFromLabelSelector } from '../api/labels/index.js';
import { resourceInfo } from '../api/scheme.js';
import type { ObjectOf, PodObject } from '../api/types.js';
import type { ApiServer } from '../apiserver/server.js';
import type { Store } from '../store/store.js';
import { isPodReady } from './util.js';

type Budget = ObjectOf<'poddisruptionbudgets'>;
const info = resourceInfo('poddisruptionbudgets');
const COMPONENT = 'controllermanager';

/** The pods a budget covers: policy/v1's empty selector selects every pod of the namespace. */
export function podsOfBudget(b: Budget, pods: PodObject[]): PodObject[] {
  const sel = b.spec?.selector;
  if (!sel) return [];
  const s = selectorFromLabelSelector(sel);
  return pods.filter((p) => s.matches(p.metadata.labels ?? {}));
}

/** The replicas a pod's controller asks for (Deployment through its ReplicaSet, StatefulSet, ReplicaSet). */
function controllerScale(store: Store, p: PodObject): { uid: string; scale: number } | undefined {
  const ref = p.metadata.ownerReferences?.find((r) => r.controller);
  const ns = p.metadata.namespace;
  if (!ref) return undefined;
  if (ref.kind === 'ReplicaSet') {
    const rs = store.get('replicasets', ns, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const dref = rs.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment');
    const d = dref && store.get('deployments', ns, dref.name);
    if (d && d.metadata.uid === dref.uid) return { uid: d.metadata.uid!, scale: d.spec?.replicas ?? 1 };
    return { uid: rs.metadata.uid!, scale: rs.spec?.replicas ?? 1 };
  }
  if (ref.kind === 'StatefulSet') {
    const s = store.get('statefulsets', ns, ref.name);
    return s && s.metadata.uid === ref.uid ? { uid: s.metadata.uid!, scale: s.spec?.replicas ?? 1 } : undefined;
  }
  return undefined;
}

/** An int or a percentage of total, rounded up (intstr.GetScaledValueFromIntOrPercent). */
function scaled(v: number | string, total: number): number {
  return typeof v === 'number' ? v : Math.ceil((Number(v.slice(0, -1)) * total) / 100);
}

/** The budget's status from its pods, or the error that makes the controller fail safe. */
export function budgetStatus(store: Store, b: Budget, pods: PodObject[], now: string): PodDisruptionBudgetStatus {
  const spec = b.spec ?? {};
  const mine = podsOfBudget(b, pods);
  const healthy = mine.filter((p) => !p.metadata.deletionTimestamp && isPodReady(p)).length;
  let expected = mine.length;
  let desired = 0;
  let failure: string | undefined;
  const needsScale = spec.maxUnavailable !== undefined || typeof spec.minAvailable === 'string';
  if (needsScale) {
    const scales = new Map<string, number>();
    for (const p of mine) {
      const c = controllerScale(store, p);
      if (!c) {
        failure = `found no controllers for pod ${JSON.stringify(p.metadata.name)}`;
        break;
      }
      scales.set(c.uid, c.scale);
    }
    expected = [...scales.values()].reduce((a, n) => a + n, 0);
  }
  if (spec.maxUnavailable !== undefined) desired = Math.max(0, expected - scaled(spec.maxUnavailable, expected));
  else if (spec.minAvailable !== undefined) desired = scaled(spec.minAvailable, expected);
  const old = b.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
  const allowed = failure ? 0 : Math.max(0, expected <= 0 ? 0 : healthy - desired);
  const [status, reason] = failure ? ['False', 'SyncFailed'] : allowed > 0 ? ['True', 'SufficientPods'] : ['False', 'InsufficientPods'];
  const transition = old && old.status === status ? old.lastTransitionTime : now;
  return {
    ...(b.status?.disruptedPods ? { disruptedPods: b.status.disruptedPods } : {}),
    observedGeneration: b.metadata.generation,
    disruptionsAllowed: allowed,
    currentHealthy: failure ? 0 : healthy,
    desiredHealthy: failure ? 0 : desired,
    expectedPods: failure ? 0 : expected,
    conditions: [{ type: 'DisruptionAllowed', status, reason, message: failure ?? '', observedGeneration: b.metadata.generation, lastTransitionTime: transition }],
  };
}

export function disruptionController(api: ApiServer): void {
  const { store } = api.cluster;
  const budgets = store.list('poddisruptionbudgets');
  if (!budgets.length) return;
  const now = api.cluster.now();
  for (const b of budgets) {
    const st = budgetStatus(store, b, store.list('pods', b.metadata.namespace), now);
    const cond = st.conditions![0];
    // No matching pods: said when the budget is new or has just lost its last pod.
    const before = b.status;
    if (!podsOfBudget(b, store.list('pods', b.metadata.namespace)).length && (!before?.conditions?.length || before.expectedPods || before.currentHealthy)) {
      api.cluster.event(b, 'Normal', 'NoPods', 'No matching pods found', COMPONENT);
    }
    if (cond.reason === 'SyncFailed' && b.status?.conditions?.[0]?.reason !== 'SyncFailed') api.cluster.event(b, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${cond.message}`, COMPONENT);
    api.updateStatus(info, b, { ...st });
  }
}

/** What the eviction subresource may do with a pod: go ahead (noting it against `budget`), or the refusal. */
export type DisruptionDecision = { allowed: true; budget?: Budget } | { allowed: false; error: StatusError };

/**
 * The eviction subresource's check: `pod` against the budgets of its namespace (with the status
 * this controller keeps). More than one budget is a server error; a budget with no disruption left
 * refuses with 429 TooManyRequests, unless the pod is unhealthy and the budget already healthy.
 */
export function disruptionAllowed(pod: PodObject, budgets: Budget[]): DisruptionDecision {
  const mine = budgets.filter((b) => podsOfBudget(b, [pod]).length);
  if (!mine.length) return { allowed: true };
  if (mine.length > 1) return { allowed: false, error: new StatusError('', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.') };
  const b = mine[0];
  const st: PodDisruptionBudgetStatus = b.status ?? { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
  const healthyEnough = (st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0;
  if (!isPodReady(pod) && (b.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' || healthyEnough)) return { allowed: true };
  if ((st.observedGeneration ?? 0) < (b.metadata.generation ?? 0) || (st.disruptionsAllowed ?? 0) <= 0) {
    const cause = { reason: 'DisruptionBudget', message: `The disruption budget ${b.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently` };
    return { allowed: false, error: new StatusError('TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", { serverCauses: [cause] }) };
  }
  return { allowed: true, budget: b };
}

/** The budget's status once `pod` is evicted: one disruption fewer, the pod noted as disrupted. */
export function statusAfterEviction(b: Budget, pod: PodObject, now: string): Record<string, unknown> {
  return {
    disruptionsAllowed: Math.max(0, (b.status?.disruptionsAllowed ?? 0) - 1),
    disruptedPods: { ...b.status?.disruptedPods, [pod.metadata.name]: now },
  };
}
