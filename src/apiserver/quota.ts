// The cluster's cap on pods (cluster/config.ts: maxPods), enforced where the ResourceQuota
// admission plugin enforces a quota: after validation, before the object is stored, with the
// message and Forbidden status an exhausted quota gets. Controllers see the same error, so a
// ReplicaSet past the cap records FailedCreate as it would against a quota.

import { StatusError } from '../api/errors.js';
import type { ResourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { maxPods } from '../cluster/config.js';

/** The name the refusal gives the cap, as a quota's name. */
export const POD_CAP_NAME = 'kctl-max-pods';

export function admitQuota(cluster: Cluster, info: ResourceInfo, obj: KObject): void {
  if (info.resource !== 'pods') return;
  const limit = maxPods(cluster.config);
  const used = cluster.store.count('pods');
  if (used + 1 <= limit) return;
  throw new StatusError(
    'Forbidden',
    `pods "${obj.metadata.name}" is forbidden: exceeded quota: ${POD_CAP_NAME}, requested: pods=1, used: pods=${used}, limited: pods=${limit}`,
  );
}
