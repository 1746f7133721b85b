// What the workload kinds share: selector rules and the CONTAINERS/IMAGES/SELECTOR columns.

import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { invalid, required, unsupported, type FieldError } from '../api/errors.js';
import { formatLabelSelector, selectorFromLabelSelector } from '../api/labels/index.js';
import type { ObjectOf } from '../api/types.js';
import { deepEqual } from '../util/objects.js';
import type { TableColumn } from './kind.js';
import { validatePodTemplate } from './podspec.js';

export type WorkloadResource = 'daemonsets' | 'deployments' | 'jobs' | 'replicasets' | 'statefulsets';

/** A workload of any of those kinds. */
export type WorkloadObject = ObjectOf<WorkloadResource>;

/** What the workloads' specs share (a DaemonSet has no replicas). */
interface WorkloadSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
}

/** Go's %#v of a metav1.LabelSelector, as field errors print it. */
export function goLabelSelector(ls: LabelSelector | undefined): string {
  if (!ls) return '(*v1.LabelSelector)(nil)';
  const labels = ls.matchLabels
    ? `map[string]string{${Object.keys(ls.matchLabels).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(ls.matchLabels![k])}`).join(', ')}}`
    : 'map[string]string(nil)';
  const exprs = ls.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${ls.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${e.values ? `[]string{${e.values.map((v) => JSON.stringify(v)).join(', ')}}` : '[]string(nil)'}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`;
}

/** ValidateDeploymentSpec & co: a selector that selects the template's labels. */
export function validateWorkload(o: WorkloadObject, opts: { restartPolicies: string[]; kindWord: string }): FieldError[] {
  const spec: WorkloadSpec = o.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.replicas !== undefined && (!Number.isInteger(spec.replicas) || spec.replicas < 0)) {
    errs.push(invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  }
  const templateLabels = spec.template?.metadata?.labels;
  const mismatch = () => ({ ...invalid('spec.template.metadata.labels', templateLabels ?? {}, '`selector` does not match template `labels`'), ...(templateLabels ? {} : { value: 'map[string]string(nil)' }) });
  if (!spec.selector) {
    // A missing selector selects nothing, so the template's labels never match it either.
    errs.push(required('spec.selector'), mismatch());
  } else if (!spec.selector.matchLabels && !spec.selector.matchExpressions?.length) {
    errs.push({ type: 'Invalid value', field: 'spec.selector', value: goLabelSelector(spec.selector), detail: `empty selector is invalid for ${opts.kindWord}` });
  } else if (!selectorFromLabelSelector(spec.selector).matches(templateLabels ?? {})) {
    errs.push(mismatch());
  }
  errs.push(...validatePodTemplate(spec.template, 'spec.template'));
  const rp = spec.template?.spec?.restartPolicy;
  if (rp && !opts.restartPolicies.includes(rp)) errs.push(unsupported('spec.template.spec.restartPolicy', rp, opts.restartPolicies));
  return errs;
}

export function validateSelectorImmutable(o: WorkloadObject, old: WorkloadObject): FieldError[] {
  const a = o.spec?.selector;
  if (deepEqual(a, old.spec?.selector)) return [];
  return [{ type: 'Invalid value', field: 'spec.selector', value: goLabelSelector(a), detail: 'field is immutable' }];
}

export const templateColumns: TableColumn<WorkloadResource>[] = [
  { name: 'CONTAINERS', priority: 1, cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c) => c.name).join(',') },
  { name: 'IMAGES', priority: 1, cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c) => c.image).join(',') },
];

export const selectorColumn: TableColumn<WorkloadResource> = { name: 'SELECTOR', priority: 1, cell: (o) => formatLabelSelector(o.spec?.selector) };

