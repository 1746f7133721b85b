// The kinds kctl's API server serves, with the Go package of each (also its kubernetes-types module).
// The generators walk the Go types from these roots.

/** apiVersion, kind, Go package (also the kubernetes-types module), and whether kubernetes-types declares it. */
export const KINDS = [
  ['v1', 'Pod', 'core/v1'],
  ['v1', 'Service', 'core/v1'],
  ['v1', 'Endpoints', 'core/v1'],
  ['v1', 'Namespace', 'core/v1'],
  ['v1', 'Node', 'core/v1'],
  ['v1', 'Secret', 'core/v1'],
  ['v1', 'ConfigMap', 'core/v1'],
  ['v1', 'ServiceAccount', 'core/v1'],
  ['v1', 'Event', 'core/v1'],
  ['apps/v1', 'Deployment', 'apps/v1'],
  ['apps/v1', 'ReplicaSet', 'apps/v1'],
  ['apps/v1', 'StatefulSet', 'apps/v1'],
  ['apps/v1', 'DaemonSet', 'apps/v1'],
  ['batch/v1', 'Job', 'batch/v1'],
  ['discovery.k8s.io/v1', 'EndpointSlice', 'discovery/v1'],
  ['networking.k8s.io/v1', 'Ingress', 'networking/v1'],
  ['networking.k8s.io/v1', 'IngressClass', 'networking/v1'],
  ['rbac.authorization.k8s.io/v1', 'Role', 'rbac/v1'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'rbac/v1'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'rbac/v1'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'rbac/v1'],
  ['batch/v1', 'CronJob', 'batch/v1'],
  ['policy/v1', 'PodDisruptionBudget', 'policy/v1'],
  ['scheduling.k8s.io/v1', 'PriorityClass', 'scheduling/v1'],
  ['v1', 'ResourceQuota', 'core/v1'],
  ['v1', 'LimitRange', 'core/v1'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', 'autoscaling/v2'],
  ['autoscaling/v1', 'HorizontalPodAutoscaler', 'autoscaling/v1'],
  ['networking.k8s.io/v1beta1', 'Ingress', 'networking/v1beta1', false],
  ['extensions/v1beta1', 'Ingress', 'extensions/v1beta1', false],
  // certificates.k8s.io
  ['certificates.k8s.io/v1', 'CertificateSigningRequest', 'certificates/v1'],
];
