// The ResourceQuota admission plugin: after validation, before the object is stored, a new object
// whose usage would take a matching quota of its namespace past its hard limits is refused with
// the plugin's Forbidden message; an admitted one adds its usage to the quota's status at once,
// so the creations of one sync are held to it one by one. The cluster's cap on pods
// (cluster/config.ts: maxPods) is enforced the same way, as an exhausted quota would be:
// controllers see the same error, so a ReplicaSet past the cap records FailedCreate.

import { StatusError } from '../api/errors.js';
import { parseQuantityNanos, sumQuantities } from '../api/quantity.js';
import { qualifiedResource, RESOURCES, type ResourceInfo } from '../api/scheme.js';
import type { KObject, ObjectOf, PodObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { maxPods } from '../cluster/config.js';
import { missingConstraints, objectUsage, quotaMatches, totals, type Usage } from '../kinds/quota/usage.js';

/** The name the refusal gives the cap, as a quota's name. */
export const POD_CAP_NAME = 'kctl-max-pods';

const pretty = (m: Record<string, string>) =>
  Object.keys(m)
    .sort()
    .map((k) => `${k}=${m[k]}`)
    .join(',');

/** A namespace's current usage of the resources named, as the quota controller counts it. */
export function namespaceUsage(cluster: Cluster, q: ObjectOf<'resourcequotas'>, names: string[]): Record<string, string> {
  const ns = q.metadata.namespace;
  const usages: Usage[] = [];
  const counted = new Set(['pods', 'services', 'configmaps', 'secrets', 'resourcequotas']);
  const infos = RESOURCES.filter((r) => r.namespaced && (counted.has(r.resource) ? !r.group : names.includes(r.group ? `count/${r.resource}.${r.group}` : `count/${r.resource}`)));
  for (const info of infos) {
    for (const o of cluster.store.list(info.resource, ns)) if (quotaMatches(q, info, o)) usages.push(objectUsage(info, o));
  }
  return totals(usages, names);
}

function admitResourceQuotas(cluster: Cluster, info: ResourceInfo, obj: KObject): void {
  const quotas = cluster.store.list('resourcequotas', obj.metadata.namespace);
  if (!quotas.length) return;
  const delta = objectUsage(info, obj);
  const refuse = (m: string) => new StatusError('Forbidden', `${qualifiedResource(info)} "${obj.metadata.name}" is forbidden: ${m}`);
  const updates: [ObjectOf<'resourcequotas'>, Record<string, string>][] = [];
  for (const q of [...quotas].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    if (!quotaMatches(q, info, obj)) continue;
    const hard = q.status?.hard ?? q.spec?.hard ?? {};
    const names = Object.keys(hard);
    if (info.resource === 'pods') {
      const missing = missingConstraints(names, (obj as PodObject).spec!);
      if (missing) throw refuse(`failed quota: ${q.metadata.name}: ${missing}`);
    }
    const touched = names.filter((n) => delta[n]);
    if (!touched.length) continue;
    const used = q.status?.used ?? namespaceUsage(cluster, q, names);
    const requested: Record<string, string> = {};
    const next: Record<string, string> = { ...used };
    const exceeded: string[] = [];
    for (const n of touched) {
      requested[n] = sumQuantities(delta[n]);
      next[n] = sumQuantities([used[n] ?? '0', requested[n]].filter((x) => x !== '0'));
      if ((parseQuantityNanos(next[n]) ?? 0n) > (parseQuantityNanos(String(hard[n])) ?? 0n)) exceeded.push(n);
    }
    if (exceeded.length) {
      const pick = (m: Record<string, string>) => Object.fromEntries(exceeded.map((n) => [n, String(m[n] ?? '0')]));
      throw refuse(`exceeded quota: ${q.metadata.name}, requested: ${pretty(pick(requested))}, used: ${pretty(pick(used))}, limited: ${pretty(pick(hard))}`);
    }
    updates.push([q, next]);
  }
  for (const [q, used] of updates) cluster.store.put('resourcequotas', { ...q, status: { ...q.status, hard: q.status?.hard ?? q.spec?.hard, used } });
}

export function admitQuota(cluster: Cluster, info: ResourceInfo, obj: KObject): void {
  if (info.namespaced) admitResourceQuotas(cluster, info, obj);
  if (info.resource !== 'pods') return;
  const limit = maxPods(cluster.config);
  const used = cluster.store.count('pods');
  if (used + 1 <= limit) return;
  throw new StatusError(
    'Forbidden',
    `pods "${obj.metadata.name}" is forbidden: exceeded quota: ${POD_CAP_NAME}, requested: pods=1, used: pods=${used}, limited: pods=${limit}`,
  );
}
