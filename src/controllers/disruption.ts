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
