// Every kind kctl serves, by resource.

import type { ResourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { certificateSigningRequestKind } from './certificatesigningrequest.js';
import { configMapKind } from './configmap.js';
import { daemonSetKind } from './daemonset.js';
import { deploymentKind } from './deployment.js';
import { endpointsKind } from './endpoints.js';
import { endpointSliceKind } from './endpointslice.js';
import { eventKind } from './event.js';
import { ingressKind } from './ingress/index.js';
import { ingressClassKind } from './ingressclass.js';
import { jobKind } from './job.js';
import type { Kind } from './kind.js';
import { namespaceKind } from './namespace.js';
import { nodeKind } from './node.js';
import { podKind } from './pod.js';
import { replicaSetKind } from './replicaset.js';
import { secretKind } from './secret.js';
import { serviceKind } from './service/index.js';
import { serviceAccountKind } from './serviceaccount.js';
import { statefulSetKind } from './statefulset.js';
// Access control, schedules, budgets, priorities, quotas, autoscaling.
import { clusterRoleBindingKind, clusterRoleKind, roleBindingKind, roleKind } from './rbac/index.js';
import { cronJobKind } from './cronjob/index.js';
import { horizontalPodAutoscalerKind } from './hpa/index.js';
import { podDisruptionBudgetKind } from './pdb/index.js';
import { priorityClassKind } from './priorityclass.js';
import { limitRangeKind, resourceQuotaKind } from './quota/index.js';

const KINDS: Kind[] = [
  // certificates.k8s.io
  certificateSigningRequestKind,
  configMapKind,
  daemonSetKind,
  deploymentKind,
  endpointsKind,
  endpointSliceKind,
  eventKind,
  ingressKind,
  ingressClassKind,
  jobKind,
  namespaceKind,
  nodeKind,
  podKind,
  replicaSetKind,
  secretKind,
  serviceKind,
  serviceAccountKind,
  statefulSetKind,
  // Access control, schedules, budgets, priorities, quotas, autoscaling.
  clusterRoleBindingKind,
  clusterRoleKind,
  roleBindingKind,
  roleKind,
  cronJobKind,
  podDisruptionBudgetKind,
  priorityClassKind,
  resourceQuotaKind,
  limitRangeKind,
  horizontalPodAutoscalerKind,
];

const byResource = new Map(KINDS.map((k) => [k.info.resource, k]));

export function kindFor(info: ResourceInfo): Kind {
  const k = byResource.get(info.resource);
  if (!k) throw new Error(`no kind registered for ${info.resource}`);
  return k;
}

/** A stored object in another version its kind is served in (undefined: the stored one). */
export function inVersion<T extends KObject>(info: ResourceInfo, obj: T, apiVersion: string | undefined): T {
  return apiVersion ? ((kindFor(info).convertTo?.(obj, apiVersion) as T | undefined) ?? obj) : obj;
}
