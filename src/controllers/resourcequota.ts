// The resource quota controller: each ResourceQuota's status.hard is its spec.hard, and
// status.used what its namespace uses of those resources now (the admission plugin adds to it
// between syncs; this recounts, so deletions and finished pods give usage back).

import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import { namespaceUsage } from '../apiserver/quota.js';

const info = resourceInfo('resourcequotas');

export function resourceQuotaController(api: ApiServer): void {
  for (const q of api.cluster.store.list('resourcequotas')) {
    const hard = q.spec?.hard ?? {};
    api.updateStatus(info, q, { hard: Object.keys(hard).length ? hard : undefined, used: Object.keys(hard).length ? namespaceUsage(api.cluster, q, Object.keys(hard)) : undefined });
  }
}
