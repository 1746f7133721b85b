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
}

const INGRESS_V1BETA1_WARNING = (gv: string, since: string) =>
  `${gv} Ingress is deprecated in v${since}+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress`;

export const RESOURCES: ResourceInfo[] = [
  { resource: 'configmaps', singular: 'configmap', shortNames: ['cm'], kind: 'ConfigMap', group: '', version: 'v1', namespaced: true },
  { resource: 'endpoints', singular: 'endpoints', shortNames: ['ep'], kind: 'Endpoints', group: '', version: 'v1', namespaced: true },
  { resource: 'events', singular: 'event', shortNames: ['ev'], kind: 'Event', group: '', version: 'v1', namespaced: true },
  { resource: 'namespaces', singular: 'namespace', shortNames: ['ns'], kind: 'Namespace', group: '', version: 'v1', namespaced: false },
  { resource: 'nodes', singular: 'node', shortNames: ['no'], kind: 'Node', group: '', version: 'v1', namespaced: false },
  { resource: 'pods', singular: 'pod', shortNames: ['po'], kind: 'Pod', group: '', version: 'v1', namespaced: true },
  { resource: 'secrets', singular: 'secret', shortNames: [], kind: 'Secret', group: '', version: 'v1', namespaced: true },
  { resource: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], kind: 'ServiceAccount', group: '', version: 'v1', namespaced: true },
  { resource: 'services', singular: 'service', shortNames: ['svc'], kind: 'Service', group: '', version: 'v1', namespaced: true },
  { resource: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], kind: 'DaemonSet', group: 'apps', version: 'v1', namespaced: true },
  { resource: 'deployments', singular: 'deployment', shortNames: ['deploy'], kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true },
  { resource: 'replicasets', singular: 'replicaset', shortNames: ['rs'], kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true },
  { resource: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], kind: 'StatefulSet', group: 'apps', version: 'v1', namespaced: true },
  { resource: 'jobs', singular: 'job', shortNames: [], kind: 'Job', group: 'batch', version: 'v1', namespaced: true },
  { resource: 'endpointslices', singular: 'endpointslice', shortNames: [], kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', namespaced: true },
  { resource: 'ingressclasses', singular: 'ingressclass', shortNames: [], kind: 'IngressClass', group: 'networking.k8s.io', version: 'v1', namespaced: false },
  {
    resource: 'ingresses', singular: 'ingress', shortNames: ['ing'], kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', namespaced: true,
    deprecatedVersions: {
      'networking.k8s.io/v1beta1': INGRESS_V1BETA1_WARNING('networking.k8s.io/v1beta1', '1.19'),
      'extensions/v1beta1': INGRESS_V1BETA1_WARNING('extensions/v1beta1', '1.14'),
    },
  },
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
    if (info.deprecatedVersions?.[apiVersion]) return { ok: true, info };
  }
  return { ok: false, error: `no matches for kind "${kind}" in version "${apiVersion}"` };
}
