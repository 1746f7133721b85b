// The ClusterRole aggregation controller: a ClusterRole with an aggregationRule gets the rules of
// every other ClusterRole its selectors pick (by name order, each rule once), as admin, edit and
// view collect the system:aggregate-to-* roles and any role labelled to join them.

import type { PolicyRule } from 'kubernetes-types/rbac/v1';
import { selectorFromLabelSelector } from '../api/labels/index.js';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import { deepEqual } from '../util/objects.js';

const info = resourceInfo('clusterroles');

export function clusterRoleAggregationController(api: ApiServer): void {
  const roles = api.cluster.store.list('clusterroles');
  for (const role of roles) {
    const selectors = role.aggregationRule?.clusterRoleSelectors;
    if (!selectors) continue;
    const rules: PolicyRule[] = [];
    for (const sel of selectors) {
      const s = selectorFromLabelSelector(sel);
      // The store lists by name.
      for (const other of roles) {
        if (other.metadata.name === role.metadata.name || !s.matches(other.metadata.labels ?? {})) continue;
        for (const r of other.rules ?? []) if (!rules.some((x) => deepEqual(x, r))) rules.push(r);
      }
    }
    const fresh = api.cluster.store.get('clusterroles', undefined, role.metadata.name)!;
    if (deepEqual(fresh.rules ?? [], rules)) continue;
    api.modify(info, undefined, role.metadata.name, (draft) => {
      draft.rules = rules;
    });
  }
}
