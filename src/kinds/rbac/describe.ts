// Role, ClusterRole, RoleBinding, ClusterRoleBinding: kubectl describe's layouts, the client-side
// half of ./index.ts.

import type { PolicyRule, Subject } from 'kubernetes-types/rbac/v1';
import { DescribeWriter } from '../../printers/describe.js';
import type { Describer } from '../kind.js';

/** Go's %v of a []string. */
const goList = (l: readonly string[] | undefined) => `[${(l ?? []).join(' ')}]`;

interface Rule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** One rule per group, resource and name, the verbs as written. */
function breakdownRule(r: PolicyRule): Rule[] {
  const verbs = [...(r.verbs ?? [])];
  const out: Rule[] = [];
  for (const g of r.apiGroups ?? []) {
    for (const res of r.resources ?? []) {
      if (r.resourceNames?.length) for (const n of r.resourceNames) out.push({ verbs, apiGroups: [g], resources: [res], resourceNames: [n] });
      else out.push({ verbs, apiGroups: [g], resources: [res] });
    }
  }
  for (const u of r.nonResourceURLs ?? []) out.push({ verbs, nonResourceURLs: [u] });
  return out;
}

/** CompactRules: the verbs of rules on the same group, resource and name, merged. */
function compactRules(rules: Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple = r.verbs.length && r.apiGroups?.length === 1 && r.resources?.length === 1 && (r.resourceNames?.length ?? 0) <= 1 && !r.nonResourceURLs?.length;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups![0], r.resources![0], r.resourceNames?.[0] ?? null]);
    const had = simple.get(key);
    if (!had) simple.set(key, { ...r, verbs: [...r.verbs] });
    else for (const v of r.verbs) if (!had.verbs.includes(v)) had.verbs.push(v);
  }
  return [...compacted, ...simple.values()];
}

/** The generated PolicyRule.String(), by which describe sorts the rules. */
const ruleString = (r: Rule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** CombineResourceGroup: `deployments.apps/scale`. */
function resourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources?.length) return '';
  const [res, sub] = resources[0].split(/\/(.*)/s);
  let out = res;
  if (groups?.length && groups[0]) out += `.${groups[0]}`;
  if (sub !== undefined) out += `/${sub}`;
  return out;
}

function describeRules(o: { metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; rules?: PolicyRule[] }): string {
  const rules = compactRules((o.rules ?? []).flatMap(breakdownRule));
  const keyed = rules.map((r) => [ruleString(r), r] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, 'PolicyRule:');
  w.line(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs');
  w.line(1, '---------\t-----------------\t--------------\t-----');
  for (const [, r] of keyed) w.line(1, `${resourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}`);
  return w.toString();
}

function describeBinding(o: {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  roleRef: { kind: string; name: string };
  subjects?: Subject[];
}): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, 'Role:');
  w.line(1, `Kind:\t${o.roleRef.kind}`);
  w.line(1, `Name:\t${o.roleRef.name}`);
  w.line(0, 'Subjects:');
  w.line(1, 'Kind\tName\tNamespace');
  w.line(1, '----\t----\t---------');
  for (const s of o.subjects ?? []) w.line(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}`);
  return w.toString();
}

export const describeRole: Describer<'roles'> = (o) => describeRules(o);
export const describeClusterRole: Describer<'clusterroles'> = (o) => describeRules(o);
export const describeRoleBinding: Describer<'rolebindings'> = (o) => describeBinding(o);
export const describeClusterRoleBinding: Describer<'clusterrolebindings'> = (o) => describeBinding(o);
