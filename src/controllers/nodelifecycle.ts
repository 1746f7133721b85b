// The node lifecycle controller's TaintNodesByCondition part that kctl needs: a cordoned node
// (spec.unschedulable) carries the node.kubernetes.io/unschedulable:NoSchedule taint, and loses
// it when uncordoned. Readiness taints are not needed: kctl's nodes stay Ready.

import type { Taint } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';

export const UNSCHEDULABLE_TAINT_KEY = 'node.kubernetes.io/unschedulable';

export function nodeLifecycleController(api: ApiServer): void {
  const info = resourceInfo('nodes');
  for (const node of api.cluster.store.list('nodes')) {
    const taints = node.spec?.taints ?? [];
    const has = taints.some((t) => t.key === UNSCHEDULABLE_TAINT_KEY && t.effect === 'NoSchedule');
    const wanted = !!node.spec?.unschedulable;
    if (has === wanted) continue;
    api.modify(info, undefined, node.metadata.name, (draft) => {
      const { taints: _, ...spec } = draft.spec ?? {};
      const rest = taints.filter((t) => !(t.key === UNSCHEDULABLE_TAINT_KEY && t.effect === 'NoSchedule'));
      // SwapNodeControllerTaint stamps the taints it adds.
      const next: Taint[] = wanted ? [...rest, { key: UNSCHEDULABLE_TAINT_KEY, effect: 'NoSchedule', timeAdded: api.cluster.now() }] : rest;
      draft.spec = next.length ? { ...spec, taints: next } : spec;
    });
  }
}
