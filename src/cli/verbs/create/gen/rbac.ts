// The RBAC objects `kctl create` builds: role and clusterrole rules, bindings, service accounts.

import { lookupResource, RESOURCES } from '../../../../api/scheme.js';
import type { KObject } from '../../../../api/types.js';
import { CliError } from '../../../errors.js';
import { generatedMeta } from './meta.js';

const RBAC = 'rbac.authorization.k8s.io/v1';

export const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
export const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];

/** Verbs that only make sense on some resources (group/resource). */
const SPECIAL_VERBS: Record<string, string[]> = {
  use: ['policy/podsecuritypolicies', 'extensions/podsecuritypolicies'],
  bind: ['rbac.authorization.k8s.io/roles', 'rbac.authorization.k8s.io/clusterroles'],
  escalate: ['rbac.authorization.k8s.io/roles', 'rbac.authorization.k8s.io/clusterroles'],
  impersonate: ['/users', '/serviceaccounts', '/groups', 'authentication.k8s.io/userextras'],
};

export interface RuleResource {
  group: string;
  resource: string;
  subresource: string;
}

/** --resource=pods,deployments.apps,pods/status; a lone `*` stands for every resource. */
export function parseRuleResources(list: string[]): RuleResource[] {
  const out: RuleResource[] = [];
  for (const r of list) {
    const [main, ...sub] = r.split('/');
    const dot = main.indexOf('.');
    const res = { resource: dot < 0 ? main : main.slice(0, dot), group: dot < 0 ? '' : main.slice(dot + 1), subresource: sub.join('/') };
    if (res.resource === '*' && dot < 0 && !sub.length) return [res];
    out.push(res);
  }
  return out;
}

/**
 * The RESTMapper's ResourceFor: a short or singular name to its plural and group. Returns the
 * error kubectl prints bare when the server has no such resource.
 */
function resourceFor(r: RuleResource): { group: string; resource: string } | { error: string } {
  const info = lookupResource(r.group ? `${r.resource}.${r.group}` : r.resource);
  // The group is matched as a suffix of the full group (`deploy.apps`).
  const byPrefix = info ?? (r.group ? RESOURCES.find((x) => (x.resource === r.resource.toLowerCase() || x.singular === r.resource.toLowerCase() || x.shortNames.includes(r.resource.toLowerCase())) && x.group.startsWith(r.group)) : undefined);
  if (byPrefix) return { group: byPrefix.group, resource: byPrefix.resource };
  return { error: `the server doesn't have a resource type "${r.resource}"${r.group ? ` in group "${r.group}"` : ''}` };
}

/** Checks the resources against the verbs (validateResource); an unknown resource is the mapper's error. */
export function checkRuleResources(resources: RuleResource[], verbs: string[]): { bare?: string } {
  for (const r of resources) {
    if (!r.resource) throw new CliError('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return {};
    const found = resourceFor(r);
    const gr = 'error' in found ? { group: r.group, resource: r.resource } : found;
    for (const v of verbs) {
      const special = SPECIAL_VERBS[v];
      if (special && !special.includes(`${gr.group}/${gr.resource}`)) throw new CliError(`can not perform '${v}' on '${gr.resource}' in group '${gr.group}'`);
    }
    if ('error' in found) return { bare: found.error };
  }
  return {};
}

/** One rule per API group (groups sorted), then one for the non-resource URLs. */
export function policyRules(verbs: string[], resources: RuleResource[], resourceNames: string[], nonResourceURLs: string[]): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const found = resourceFor(r);
    const gr = 'error' in found ? { group: r.group, resource: r.resource } : found;
    const name = r.subresource ? `${gr.resource}/${r.subresource}` : gr.resource;
    const list = byGroup.get(gr.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(gr.group, list);
  }
  const rules: Record<string, unknown>[] = [...byGroup.keys()].sort().map((g) => ({
    verbs,
    apiGroups: [g],
    resources: byGroup.get(g),
    ...(resourceNames.length ? { resourceNames } : {}),
  }));
  if (nonResourceURLs.length) rules.push({ verbs, nonResourceURLs });
  return rules;
}

export function role(name: string, namespace: string | undefined, rules: Record<string, unknown>[]): KObject {
  return { kind: 'Role', apiVersion: RBAC, metadata: generatedMeta(name, namespace), rules } as KObject;
}

export function clusterRole(name: string, rules: Record<string, unknown>[] | null, aggregation?: Record<string, string>): KObject {
  return {
    kind: 'ClusterRole',
    apiVersion: RBAC,
    metadata: generatedMeta(name, undefined),
    rules,
    ...(aggregation ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregation }] } } : {}),
  } as KObject;
}

/** --user, --group and --serviceaccount=namespace:name, in that order. */
export function subjects(o: { users: string[]; groups: string[]; serviceAccounts: string[] }): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const name of o.users) out.push({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name });
  for (const name of o.groups) out.push({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name });
  for (const sa of o.serviceAccounts) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[1]) throw new CliError(`serviceaccount must be <namespace>:<name>`);
    out.push({ kind: 'ServiceAccount', name: parts[1], ...(parts[0] ? { namespace: parts[0] } : {}) });
  }
  return out;
}

export function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, namespace: string | undefined, roleRef: { kind: string; name: string }, subs: Record<string, unknown>[]): KObject {
  return {
    kind,
    apiVersion: RBAC,
    metadata: generatedMeta(name, namespace),
    ...(subs.length ? { subjects: subs } : {}),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleRef.kind, name: roleRef.name },
  } as KObject;
}

export function serviceAccount(name: string, namespace: string | undefined): KObject {
  return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: generatedMeta(name, namespace) };
}
