// kubectl apply --prune: after applying, the objects that were applied before (they carry the
// last-applied annotation) and match the selector, but are no longer in the files, are deleted —
// in the namespaces the files touched, for the kinds of the allowlist.

import { LAST_APPLIED } from '../../api/lastapplied.js';
import { kindPrefix, RESOURCES, type ResourceInfo } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import type { ApiServer } from '../../apiserver/server.js';
import { CliError } from '../errors.js';

/** kubectl's default allowlist (group/version/kind). */
const DEFAULT_ALLOWLIST = [
  'core/v1/ConfigMap',
  'core/v1/Endpoints',
  'core/v1/Namespace',
  'core/v1/PersistentVolumeClaim',
  'core/v1/PersistentVolume',
  'core/v1/Pod',
  'core/v1/ReplicationController',
  'core/v1/Secret',
  'core/v1/Service',
  'batch/v1/Job',
  'batch/v1/CronJob',
  'networking.k8s.io/v1/Ingress',
  'apps/v1/DaemonSet',
  'apps/v1/Deployment',
  'apps/v1/ReplicaSet',
  'apps/v1/StatefulSet',
];

/** The resources --prune-allowlist names (group/version/kind, `core` for the core group), or the defaults. */
export function pruneResources(allowlist: string[] | undefined): ResourceInfo[] {
  const out: ResourceInfo[] = [];
  for (const gvk of allowlist?.length ? allowlist : DEFAULT_ALLOWLIST) {
    const parts = gvk.split('/');
    if (parts.length !== 3) throw new CliError(`invalid GroupVersionKind format: ${gvk}, please follow <group/version/kind>`);
    const group = parts[0] === 'core' ? '' : parts[0];
    const info = RESOURCES.find((r) => r.group === group && r.version === parts[1] && r.kind === parts[2]);
    // A kind the server does not serve is no error with the defaults (kubectl skips what it cannot map).
    if (!info) {
      if (allowlist?.length) throw new CliError(`no matches for kind "${parts[2]}" in version "${group ? `${group}/` : ''}${parts[1]}"`);
      continue;
    }
    if (!out.includes(info)) out.push(info);
  }
  return out;
}

export interface Pruned {
  info: ResourceInfo;
  obj: KObject;
}

/** Deletes what is to be pruned; returns it in kubectl's order (resource by resource). */
export function prune(api: ApiServer, resources: ResourceInfo[], namespaces: Set<string>, applied: Set<string>, selector: string | undefined): Pruned[] {
  const out: Pruned[] = [];
  const visit = (info: ResourceInfo, namespace: string | undefined) => {
    for (const obj of api.list(info, { namespace, labelSelector: selector })) {
      if (applied.has(obj.metadata.uid ?? '') || obj.metadata.annotations?.[LAST_APPLIED] === undefined) continue;
      api.delete(info, obj.metadata.namespace, obj.metadata.name);
      out.push({ info, obj });
    }
  };
  for (const info of resources) {
    if (!info.namespaced) visit(info, undefined);
    else for (const ns of [...namespaces].sort()) visit(info, ns);
  }
  return out;
}

export const prunedName = (p: Pruned) => `${kindPrefix(p.info)}/${p.obj.metadata.name}`;

