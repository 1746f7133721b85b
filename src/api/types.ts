// The object model: plain JSON objects shaped like the Kubernetes API, typed with the
// kubernetes-types declarations of each kind kctl serves.

import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { LimitRange, ResourceQuota } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { ConfigMap, Endpoints, Event, Namespace, Node, Pod, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';

export type { ObjectMeta, OwnerReference };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Metadata as a stored object has it: always a name. */
export type Metadata = Mutable<ObjectMeta> & { name: string };

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  [field: string]: unknown;
}

/**
 * An object of a kind as kctl stores it: the kind's fields (status writable, as the server and
 * controllers write it), with apiVersion, kind and a named metadata always there.
 */
export type Typed<T> = Mutable<Omit<T, 'apiVersion' | 'kind' | 'metadata'>> & { apiVersion: string; kind: string; metadata: Metadata };

/** The kinds kctl serves, by resource. */
export interface ResourceTypes {
  // certificates.k8s.io
  certificatesigningrequests: CertificateSigningRequest;
  configmaps: ConfigMap;
  daemonsets: DaemonSet;
  deployments: Deployment;
  endpoints: Endpoints;
  endpointslices: EndpointSlice;
  events: Event;
  ingressclasses: IngressClass;
  ingresses: Ingress;
  jobs: Job;
  namespaces: Namespace;
  nodes: Node;
  pods: Pod;
  replicasets: ReplicaSet;
  secrets: Secret;
  serviceaccounts: ServiceAccount;
  services: Service;
  statefulsets: StatefulSet;
  // Access control, schedules, budgets, priorities, quotas, autoscaling.
  clusterrolebindings: ClusterRoleBinding;
  clusterroles: ClusterRole;
  cronjobs: CronJob;
  horizontalpodautoscalers: HorizontalPodAutoscaler;
  limitranges: LimitRange;
  poddisruptionbudgets: PodDisruptionBudget;
  priorityclasses: PriorityClass;
  resourcequotas: ResourceQuota;
  rolebindings: RoleBinding;
  roles: Role;
}

/** The stored object of a resource: typed for the kinds kctl serves, a plain KObject otherwise. */
export type ObjectOf<R extends string> = R extends keyof ResourceTypes ? Typed<ResourceTypes[R]> : KObject;

export type PodObject = ObjectOf<'pods'>;
export type ServiceObject = ObjectOf<'services'>;

export function controllerOf(o: { metadata: ObjectMeta }): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller);
}
