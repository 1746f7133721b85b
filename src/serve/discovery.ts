// Discovery, built from kctl's resource registry (api/scheme.ts): the legacy documents (/api,
// /apis, /api/v1, /apis/<group>, /apis/<group>/<version>) and the aggregated APIGroupDiscoveryList
// (apidiscovery.k8s.io/v2) that kubectl v1.32 asks for first and that spares it the rest.

import { AGGREGATED_RESOURCES, ALL_VERBS, RESOURCES as STORED, type ResourceInfo } from '../api/scheme.js';

/** A resource in another version it is served in (autoscaling/v1 HorizontalPodAutoscalers). */
function inOtherVersions(r: ResourceInfo): ResourceInfo[] {
  return (r.otherVersions ?? []).map((gv) => ({ ...r, version: gv.slice(gv.indexOf('/') + 1) }));
}

/** The stored resources, those of the aggregated metrics API, then the other versions (after the preferred one). */
const RESOURCES = [...STORED, ...AGGREGATED_RESOURCES, ...STORED.flatMap(inOtherVersions)];

/** The served groups, in the order a v1.32 server lists them (by its group priorities). */
const GROUP_ORDER = [
  'apps', 'autoscaling', 'batch', 'certificates.k8s.io', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'scheduling.k8s.io', 'discovery.k8s.io',
];

export const SERVER_VERSION = { major: '1', minor: '32', platform: 'linux/amd64' };

function groupVersion(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** Resources of one group/version, in name order as the server lists them. */
function resourcesOf(group: string, version: string): ResourceInfo[] {
  return RESOURCES.filter((r) => r.group === group && r.version === version).sort((a, b) => (a.resource < b.resource ? -1 : 1));
}

function groups(): string[] {
  const served = new Set(RESOURCES.filter((r) => r.group).map((r) => r.group));
  return [...GROUP_ORDER.filter((g) => served.has(g)), ...[...served].filter((g) => !GROUP_ORDER.includes(g)).sort()];
}

function versionsOf(group: string): string[] {
  return [...new Set(RESOURCES.filter((r) => r.group === group).map((r) => r.version))];
}

/** Whether a group/version is served (`''`/`v1` is the core group). */
export function servesGroupVersion(group: string, version: string): boolean {
  return RESOURCES.some((r) => r.group === group && r.version === version);
}

/** GET /api */
export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(group: string): object {
  const versions = versionsOf(group).map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions, preferredVersion: versions[0] };
}

/** GET /apis */
export function apiGroupList(): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups().map(apiGroup) };
}

/** GET /apis/<group> */
export function apiGroupDocument(group: string): object | undefined {
  if (!groups().includes(group)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) };
}

/** GET /api/v1 or /apis/<group>/<version>: each resource, then its subresources as `pods/log`. */
export function apiResourceList(group: string, version: string): object {
  const resources: object[] = [];
  for (const r of resourcesOf(group, version)) {
    resources.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs ?? ALL_VERBS,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    });
    for (const s of r.subresources ?? []) {
      const [g, v] = s.groupVersion ? s.groupVersion.split('/') : [];
      resources.push({
        name: `${r.resource}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(g ? { group: g, version: v } : {}),
        kind: s.kind ?? r.kind,
        verbs: s.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

function discoveryResource(r: ResourceInfo): object {
  const kindRef = (gv: string, kind: string) => {
    const slash = gv.indexOf('/');
    return { group: slash < 0 ? '' : gv.slice(0, slash), version: slash < 0 ? gv : gv.slice(slash + 1), kind };
  };
  const subresources = (r.subresources ?? []).map((s) => ({
    subresource: s.name,
    responseKind: kindRef(s.groupVersion ?? groupVersion(r), s.kind ?? r.kind),
    verbs: s.verbs,
  }));
  return {
    resource: r.resource,
    responseKind: kindRef(groupVersion(r), r.kind),
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs ?? ALL_VERBS,
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
    ...(r.categories ? { categories: r.categories } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}

function discoveryGroup(group: string): object {
  return {
    metadata: { name: group, creationTimestamp: null },
    versions: versionsOf(group).map((version) => ({ version, resources: resourcesOf(group, version).map(discoveryResource), freshness: 'Current' })),
  };
}

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Whether the client asks for aggregated discovery (v2; kctl serves no v2beta1). */
export function wantsAggregated(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((t) => /;\s*as=APIGroupDiscoveryList/.test(t) && /;\s*v=v2(;|$)/.test(t) && /;\s*g=apidiscovery\.k8s\.io/.test(t));
}

/** GET /api (core) or /apis (the named groups) as an APIGroupDiscoveryList. */
export function aggregatedDiscovery(core: boolean): object {
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: core ? [discoveryGroup('')] : groups().map(discoveryGroup) };
}
