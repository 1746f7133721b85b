// kubectl describe's layouts, by resource: the client-side half of the kinds. Kinds without one
// get kubectl's generic describer.

import type { ResourceTypes } from '../api/types.js';
import type { Describer } from './kind.js';
import { describeCertificateSigningRequest } from './certificatesigningrequest.describe.js';
import { describeConfigMap } from './configmap.describe.js';
import { describeDaemonSet } from './daemonset.describe.js';
import { describeDeployment } from './deployment.describe.js';
import { describeEndpoints } from './endpoints.describe.js';
import { describeEndpointSlice } from './endpointslice.describe.js';
import { describeIngress } from './ingress/describe.js';
import { describeIngressClass } from './ingressclass.describe.js';
import { describeJob } from './job.describe.js';
import { describeNamespace } from './namespace.describe.js';
import { describeNode } from './node.describe.js';
import { describePod } from './pod.describe.js';
import { describeReplicaSet } from './replicaset.describe.js';
import { describeSecret } from './secret.describe.js';
import { describeService } from './service/describe.js';
import { describeServiceAccount } from './serviceaccount.describe.js';
import { describeStatefulSet } from './statefulset.describe.js';
// Access control, schedules, budgets, priorities, quotas, autoscaling.
import { describeClusterRole, describeClusterRoleBinding, describeRole, describeRoleBinding } from './rbac/describe.js';
import { describeCronJob } from './cronjob/describe.js';
import { describeHorizontalPodAutoscaler } from './hpa/describe.js';
import { describePodDisruptionBudget } from './pdb/describe.js';
import { describePriorityClass } from './priorityclass.describe.js';
import { describeLimitRange, describeResourceQuota } from './quota/describe.js';

/** Each describer under the resource whose objects it takes; Events use the generic one. */
const DESCRIBERS: { [R in Exclude<keyof ResourceTypes, 'events'>]: Describer<R> } = {
  // certificates.k8s.io
  certificatesigningrequests: describeCertificateSigningRequest,
  configmaps: describeConfigMap,
  daemonsets: describeDaemonSet,
  deployments: describeDeployment,
  endpoints: describeEndpoints,
  endpointslices: describeEndpointSlice,
  ingresses: describeIngress,
  ingressclasses: describeIngressClass,
  jobs: describeJob,
  namespaces: describeNamespace,
  nodes: describeNode,
  pods: describePod,
  replicasets: describeReplicaSet,
  secrets: describeSecret,
  services: describeService,
  serviceaccounts: describeServiceAccount,
  statefulsets: describeStatefulSet,
  // Access control, schedules, budgets, priorities, quotas, autoscaling.
  clusterrolebindings: describeClusterRoleBinding,
  clusterroles: describeClusterRole,
  rolebindings: describeRoleBinding,
  roles: describeRole,
  cronjobs: describeCronJob,
  poddisruptionbudgets: describePodDisruptionBudget,
  priorityclasses: describePriorityClass,
  resourcequotas: describeResourceQuota,
  limitranges: describeLimitRange,
  horizontalpodautoscalers: describeHorizontalPodAutoscaler,
};

const byResource = new Map<string, Describer<never>>(Object.entries(DESCRIBERS));

export function describerFor(resource: string): Describer | undefined {
  // What describe hands the describer of a resource is an object of that resource.
  return byResource.get(resource) as Describer | undefined;
}
