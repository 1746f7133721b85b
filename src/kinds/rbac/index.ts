// Role, ClusterRole, RoleBinding, ClusterRoleBinding (rbac.authorization.k8s.io/v1): defaulting,
// validation and columns. kctl authorizes every request, so these are stored and shown only.

import type { PolicyRule, Subject } from 'kubernetes-types/rbac/v1';
import { invalid, required, unsupported, type FieldError } from '../../api/errors.js';
import { resourceInfo } from '../../api/scheme.js';
import type { ObjectOf } from '../../api/types.js';
import { dns1123Subdomain } from '../../api/validation.js';
import { age } from '../../util/duration.js';
import type { Kind, TableColumn } from '../kind.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** ValidateRBACName: path.IsValidPathSegmentName. */
export function rbacName(v: string): string[] {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  return ['/', '%'].filter((c) => v.includes(c)).map((c) => `may not contain '${c}'`);
}

function validateRules(rules: PolicyRule[] | undefined, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (rules ?? []).forEach((r, i) => {
    const f = `rules[${i}]`;
    if (!r.verbs?.length) errs.push(required(`${f}.verbs`, 'verbs must contain at least one value'));
    if (r.nonResourceURLs?.length) {
      if (namespaced) errs.push(invalid(`${f}.nonResourceURLs`, r.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
      if (r.apiGroups?.length || r.resources?.length || r.resourceNames?.length) {
        errs.push(invalid(`${f}.nonResourceURLs`, r.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
      }
      return;
    }
    if (!r.apiGroups?.length) errs.push(required(`${f}.apiGroups`, 'resource rules must supply at least one api group'));
    if (!r.resources?.length) errs.push(required(`${f}.resources`, 'resource rules must supply at least one resource'));
  });
  return errs;
}

type BindingObject = ObjectOf<'rolebindings'> | ObjectOf<'clusterrolebindings'>;

function defaultBinding(o: BindingObject): void {
  // A missing roleRef decodes as an empty one, which validation reports.
  o.roleRef ??= { apiGroup: '', kind: '', name: '' };
  if (!o.roleRef.apiGroup) o.roleRef.apiGroup = RBAC_GROUP;
  for (const s of o.subjects ?? []) {
    if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
  }
}

function validateSubject(s: Subject, f: string, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(required(`${f}.name`, ''));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name) for (const m of dns1123Subdomain(s.name)) errs.push(invalid(`${f}.name`, s.name, m));
      if (s.apiGroup) errs.push(unsupported(`${f}.apiGroup`, s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(required(`${f}.namespace`, ''));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBAC_GROUP) errs.push(unsupported(`${f}.apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
      break;
    default:
      errs.push(unsupported(`${f}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(o: BindingObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = o.roleRef;
  if (ref.apiGroup !== RBAC_GROUP) errs.push(unsupported('roleRef.apiGroup', ref.apiGroup, [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(unsupported('roleRef.kind', ref.kind, kinds));
  if (!ref.name) errs.push(required('roleRef.name', ''));
  else for (const m of rbacName(ref.name)) errs.push(invalid('roleRef.name', ref.name, m));
  (o.subjects ?? []).forEach((s, i) => errs.push(...validateSubject(s, `subjects[${i}]`, namespaced)));
  return errs;
}

function validateRoleRefUpdate(o: BindingObject, old: BindingObject): FieldError[] {
  const a = o.roleRef;
  const b = old.roleRef;
  if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return [];
  const v = `rbac.RoleRef{APIGroup:${JSON.stringify(a.apiGroup)}, Kind:${JSON.stringify(a.kind)}, Name:${JSON.stringify(a.name)}}`;
  return [{ type: 'Invalid value', field: 'roleRef', value: v, detail: 'cannot change roleRef' }];
}

/** rbac.SubjectsStrings: users, groups and `namespace:name` service accounts. */
export function subjectsStrings(subjects: Subject[] | undefined): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}:${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users, groups, sas];
}

/** Roles print when they were made, as a timestamp rather than an age. */
const createdAt: TableColumn = { name: 'CREATED AT', cell: (o) => o.metadata.creationTimestamp ?? '' };

function bindingColumns<R extends 'rolebindings' | 'clusterrolebindings'>(): TableColumn<R>[] {
  return [
    { name: 'ROLE', cell: (o) => `${o.roleRef.kind}/${o.roleRef.name}` },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    { name: 'USERS', priority: 1, cell: (o) => subjectsStrings(o.subjects)[0].join(', ') },
    { name: 'GROUPS', priority: 1, cell: (o) => subjectsStrings(o.subjects)[1].join(', ') },
    { name: 'SERVICEACCOUNTS', priority: 1, cell: (o) => subjectsStrings(o.subjects)[2].join(', ') },
  ];
}

export const roleKind: Kind<'roles'> = {
  info: resourceInfo('roles'),
  validateName: rbacName,
  validate: (o) => validateRules(o.rules, true),
  columns: [createdAt],
};

export const clusterRoleKind: Kind<'clusterroles'> = {
  info: resourceInfo('clusterroles'),
  validateName: rbacName,
  validate(o) {
    const errs = validateRules(o.rules, false);
    const ag = o.aggregationRule;
    if (ag && !ag.clusterRoleSelectors?.length) errs.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    return errs;
  },
  columns: [createdAt],
};

export const roleBindingKind: Kind<'rolebindings'> = {
  info: resourceInfo('rolebindings'),
  validateName: rbacName,
  defaults: defaultBinding,
  validate: (o) => validateBinding(o, true),
  validateUpdate: validateRoleRefUpdate,
  columns: bindingColumns<'rolebindings'>(),
};

export const clusterRoleBindingKind: Kind<'clusterrolebindings'> = {
  info: resourceInfo('clusterrolebindings'),
  validateName: rbacName,
  defaults: defaultBinding,
  validate: (o) => validateBinding(o, false),
  validateUpdate: validateRoleRefUpdate,
  columns: bindingColumns<'clusterrolebindings'>(),
};
