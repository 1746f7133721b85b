// Which resources exist, their names, short names, groups and versions: the discovery
// information kubectl gets from the API server (`kubectl api-resources`).

export interface ResourceInfo<R extends string = string> {
  /** Plural, lower case: `deployments`. */
  resource: R;
  singular: string;
  shortNames: string[];
  kind: string;
  /** '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  /** Older apiVersions still accepted for this kind on the way in, with the warning kubectl shows. */
  deprecatedVersions?: Record<string, string>;
  /** Other versions the server serves the kind in, converted on the way in without a warning (autoscaling/v1). */
  otherVersions?: string[];
  /** The verbs discovery lists (all of them unless given). */
  verbs?: string[];
  /** `all` for the resources `kubectl get all` lists. */
  categories?: string[];
  /** The subresources a v1.32 server lists for it (served or not by kctl). */
  subresources?: Subresource[];
}

export interface Subresource {
  name: string;
  /** The kind a request to it answers with; the resource's own kind when not given. */
  kind?: string;
  /** The group/version of that kind when it is another group's (`autoscaling/v1` Scale). */
  groupVersion?: string;
  verbs: string[];
}

/** The verbs of an ordinary resource, as discovery lists them. */
export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const STATUS: Subresource = { name: 'status', verbs: ['get', 'patch', 'update'] };
const SCALE: Subresource = { name: 'scale', kind: 'Scale', groupVersion: 'autoscaling/v1', verbs: ['get', 'patch', 'update'] };
const PROXY = (kind: string): Subresource => ({ name: 'proxy', kind, verbs: ['create', 'delete', 'get', 'patch', 'update'] });
const POD_SUBRESOURCES: Subresource[] = [
  { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
  { name: 'binding', kind: 'Binding', verbs: ['create'] },
  { name: 'ephemeralcontainers', verbs: ['get', 'patch', 'update'] },
  { name: 'eviction', kind: 'Eviction', groupVersion: 'policy/v1', verbs: ['create'] },
  { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
  { name: 'log', verbs: ['get'] },
  { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
  PROXY('PodProxyOptions'),
  STATUS,
];
const ALL = ['all'];

const INGRESS_V1BETA1_WARNING = (gv: string, since: string) =>
  `${gv} Ingress is deprecated in v${since}+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress`;

export const RESOURCES: ResourceInfo[] = [
  { resource: 'configmaps', singular: 'configmap', shortNames: ['cm'], kind: 'ConfigMap', group: '', version: 'v1', namespaced: true },
  { resource: 'endpoints', singular: 'endpoints', shortNames: ['ep'], kind: 'Endpoints', group: '', version: 'v1', namespaced: true },
  { resource: 'events', singular: 'event', shortNames: ['ev'], kind: 'Event', group: '', version: 'v1', namespaced: true },
  {
    resource: 'namespaces', singular: 'namespace', shortNames: ['ns'], kind: 'Namespace', group: '', version: 'v1', namespaced: false,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [{ name: 'finalize', verbs: ['update'] }, STATUS],
  },
  { resource: 'nodes', singular: 'node', shortNames: ['no'], kind: 'Node', group: '', version: 'v1', namespaced: false, subresources: [PROXY('NodeProxyOptions'), STATUS] },
  { resource: 'pods', singular: 'pod', shortNames: ['po'], kind: 'Pod', group: '', version: 'v1', namespaced: true, categories: ALL, subresources: POD_SUBRESOURCES },
  { resource: 'secrets', singular: 'secret', shortNames: [], kind: 'Secret', group: '', version: 'v1', namespaced: true },
  {
    resource: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], kind: 'ServiceAccount', group: '', version: 'v1', namespaced: true,
    subresources: [{ name: 'token', kind: 'TokenRequest', groupVersion: 'authentication.k8s.io/v1', verbs: ['create'] }],
  },
  {
    resource: 'services', singular: 'service', shortNames: ['svc'], kind: 'Service', group: '', version: 'v1', namespaced: true,
    categories: ALL, subresources: [PROXY('ServiceProxyOptions'), STATUS],
  },
  { resource: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], kind: 'DaemonSet', group: 'apps', version: 'v1', namespaced: true, categories: ALL, subresources: [STATUS] },
  { resource: 'deployments', singular: 'deployment', shortNames: ['deploy'], kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, categories: ALL, subresources: [SCALE, STATUS] },
  { resource: 'replicasets', singular: 'replicaset', shortNames: ['rs'], kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true, categories: ALL, subresources: [SCALE, STATUS] },
  { resource: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], kind: 'StatefulSet', group: 'apps', version: 'v1', namespaced: true, categories: ALL, subresources: [SCALE, STATUS] },
  // `get all` lists these in discovery's order: autoscaling before batch, cronjobs before jobs.
  {
    resource: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', shortNames: ['hpa'], kind: 'HorizontalPodAutoscaler', group: 'autoscaling', version: 'v2', namespaced: true,
    categories: ALL, subresources: [STATUS], otherVersions: ['autoscaling/v1'],
  },
  { resource: 'cronjobs', singular: 'cronjob', shortNames: ['cj'], kind: 'CronJob', group: 'batch', version: 'v1', namespaced: true, categories: ALL, subresources: [STATUS] },
  { resource: 'jobs', singular: 'job', shortNames: [], kind: 'Job', group: 'batch', version: 'v1', namespaced: true, categories: ALL, subresources: [STATUS] },
  { resource: 'endpointslices', singular: 'endpointslice', shortNames: [], kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', namespaced: true },
  { resource: 'ingressclasses', singular: 'ingressclass', shortNames: [], kind: 'IngressClass', group: 'networking.k8s.io', version: 'v1', namespaced: false },
  {
    resource: 'ingresses', singular: 'ingress', shortNames: ['ing'], kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', namespaced: true,
    subresources: [STATUS],
    deprecatedVersions: {
      'networking.k8s.io/v1beta1': INGRESS_V1BETA1_WARNING('networking.k8s.io/v1beta1', '1.19'),
      'extensions/v1beta1': INGRESS_V1BETA1_WARNING('extensions/v1beta1', '1.14'),
    },
  },
  // The kinds of access control, batch schedules, disruption budgets, priorities, quotas and autoscaling.
  { resource: 'limitranges', singular: 'limitrange', shortNames: ['limits'], kind: 'LimitRange', group: '', version: 'v1', namespaced: true },
  { resource: 'resourcequotas', singular: 'resourcequota', shortNames: ['quota'], kind: 'ResourceQuota', group: '', version: 'v1', namespaced: true, subresources: [STATUS] },
  { resource: 'poddisruptionbudgets', singular: 'poddisruptionbudget', shortNames: ['pdb'], kind: 'PodDisruptionBudget', group: 'policy', version: 'v1', namespaced: true, subresources: [STATUS] },
  { resource: 'clusterrolebindings', singular: 'clusterrolebinding', shortNames: [], kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: false },
  { resource: 'clusterroles', singular: 'clusterrole', shortNames: [], kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: false },
  { resource: 'rolebindings', singular: 'rolebinding', shortNames: [], kind: 'RoleBinding', group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: true },
  { resource: 'roles', singular: 'role', shortNames: [], kind: 'Role', group: 'rbac.authorization.k8s.io', version: 'v1', namespaced: true },
  { resource: 'priorityclasses', singular: 'priorityclass', shortNames: ['pc'], kind: 'PriorityClass', group: 'scheduling.k8s.io', version: 'v1', namespaced: false },
  // certificates.k8s.io
  {
    resource: 'certificatesigningrequests', singular: 'certificatesigningrequest', shortNames: ['csr'], kind: 'CertificateSigningRequest', group: 'certificates.k8s.io', version: 'v1', namespaced: false,
    subresources: [{ name: 'approval', verbs: ['get', 'patch', 'update'] }, STATUS],
  },
];

/**
 * The resources of the aggregated metrics API (metrics-server's metrics.k8s.io), which kctl
 * serves beside the stored ones: discovery and api-resources list them; nothing stores them.
 */
export const AGGREGATED_RESOURCES: ResourceInfo[] = [
  { resource: 'nodes', singular: '', shortNames: [], kind: 'NodeMetrics', group: 'metrics.k8s.io', version: 'v1beta1', namespaced: false, verbs: ['get', 'list'] },
  { resource: 'pods', singular: '', shortNames: [], kind: 'PodMetrics', group: 'metrics.k8s.io', version: 'v1beta1', namespaced: true, verbs: ['get', 'list'] },
];

const byKind = new Map(RESOURCES.map((r) => [r.kind, r]));
const byResource = new Map(RESOURCES.map((r) => [r.resource, r]));

export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export function resourceForKind(kind: string): ResourceInfo | undefined {
  return byKind.get(kind);
}

export function resourceInfo<R extends string>(resource: R): ResourceInfo<R> {
  const r = byResource.get(resource);
  if (!r) throw new Error(`unknown resource ${resource}`);
  return r as ResourceInfo<R>;
}

/** `deployments.apps`, the name API errors use. */
export function qualifiedResource(r: ResourceInfo): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** `deployment.apps`, the prefix of `deployment.apps/x created` and `-o name`. */
export function kindPrefix(r: ResourceInfo): string {
  const k = r.kind.toLowerCase();
  return r.group ? `${k}.${r.group}` : k;
}

/**
 * Resolves what a user typed (`po`, `pods`, `Pod`, `deploy.apps`, `deployments.v1.apps`) like
 * kubectl's RESTMapper does.
 */
export function lookupResource(arg: string): ResourceInfo | undefined {
  const lower = arg.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  let group = dot < 0 ? undefined : lower.slice(dot + 1);
  if (group !== undefined) {
    const parts = group.split('.');
    // `deployments.v1.apps`: a version in front of the group.
    if (/^v\d+((alpha|beta)\d+)?$/.test(parts[0])) group = parts.slice(1).join('.');
  }
  return RESOURCES.find(
    (r) =>
      (r.resource === name || r.singular === name || r.kind.toLowerCase() === name || r.shortNames.includes(name)) &&
      (group === undefined || r.group === group || (group === '' && r.group === '')),
  );
}

/** How an apiVersion/kind pair from a manifest maps to a resource, as the API server decides. */
export type KindMatch =
  | { ok: true; info: ResourceInfo }
  | { ok: false; error: string };

export function matchKind(apiVersion: string, kind: string): KindMatch {
  const info = byKind.get(kind);
  if (info) {
    if (apiVersion === apiVersionOf(info)) return { ok: true, info };
    // An older version the server still accepts (and converts, with a warning).
    if (info.deprecatedVersions?.[apiVersion] || info.otherVersions?.includes(apiVersion)) return { ok: true, info };
  }
  return { ok: false, error: `no matches for kind "${kind}" in version "${apiVersion}"` };
}
