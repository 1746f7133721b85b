// IngressClass (networking.k8s.io/v1): defaulting, validation and columns.

import type { IngressClassSpec } from 'kubernetes-types/networking/v1';
import { forbidden, invalid, required, tooLong, unsupported, type FieldError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import { dns1123Label, dns1123Subdomain } from '../api/validation.js';
import { age } from '../util/duration.js';
import type { Kind } from './kind.js';

const SCOPES = ['Cluster', 'Namespace'];

/** IsPathSegmentName: names that can appear in a URL path. */
function pathSegmentName(v: string): string[] {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  const bad = ['/', '%'].filter((c) => v.includes(c));
  return bad.map((c) => `may not contain '${c}'`);
}

/** IsDomainPrefixedPath: `acme.io/foo`, a DNS subdomain, a slash and an RFC 3986 path. */
function domainPrefixedPath(field: string, v: string): FieldError[] {
  const slash = v.indexOf('/');
  const host = slash < 0 ? v : v.slice(0, slash);
  const path = slash < 0 ? '' : v.slice(slash + 1);
  if (!host || !path) return [invalid(field, v, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = dns1123Subdomain(host).map((m) => invalid(field, host, m));
  const re = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
  if (!new RegExp(`^${re}$`).test(path)) errs.push(invalid(field, path, `Invalid path (regex used for validation is '${re}')`));
  return errs;
}

function validateParameters(s: IngressClassSpec): FieldError[] {
  const p = s.parameters;
  if (!p) return [];
  const f = 'spec.parameters';
  const errs: FieldError[] = [];
  if (p.apiGroup) for (const m of dns1123Subdomain(p.apiGroup)) errs.push(invalid(`${f}.apiGroup`, p.apiGroup, m));
  if (!p.kind) errs.push(required(`${f}.kind`, ''));
  else for (const m of pathSegmentName(p.kind)) errs.push(invalid(`${f}.kind`, p.kind, m));
  if (!p.name) errs.push(required(`${f}.name`, ''));
  else for (const m of pathSegmentName(p.name)) errs.push(invalid(`${f}.name`, p.name, m));
  if (p.scope === undefined) {
    errs.push(required(`${f}.scope`, ''));
    return errs;
  }
  if (!SCOPES.includes(p.scope)) errs.push(unsupported(`${f}.scope`, p.scope, SCOPES));
  else if (p.scope === 'Namespace') {
    if (p.namespace === undefined) errs.push(required(`${f}.namespace`, "`parameters.scope` is set to 'Namespace'"));
    else for (const m of dns1123Label(p.namespace)) errs.push(invalid(`${f}.namespace`, p.namespace, m));
  } else if (p.namespace !== undefined) errs.push(forbidden(`${f}.namespace`, "`parameters.scope` is set to 'Cluster'"));
  return errs;
}

export const ingressClassKind: Kind<'ingressclasses'> = {
  info: resourceInfo('ingressclasses'),
  defaults(o) {
    const p = o.spec?.parameters;
    if (p && p.scope === undefined) p.scope = 'Cluster';
  },
  validate(o) {
    const s: IngressClassSpec = o.spec ?? {};
    const errs: FieldError[] = [];
    if (!s.controller) errs.push(required('spec.controller', ''));
    else if (s.controller.length > 250) errs.push(tooLong('spec.controller', 250));
    else errs.push(...domainPrefixedPath('spec.controller', s.controller));
    return [...errs, ...validateParameters(s)];
  },
  validateUpdate(o, old) {
    return o.spec?.controller === old.spec?.controller ? [] : [invalid('spec.controller', o.spec?.controller, 'field is immutable')];
  },
  columns: [
    { name: 'CONTROLLER', cell: (o) => o.spec?.controller ?? '' },
    {
      name: 'PARAMETERS',
      cell: (o) => {
        const p = o.spec?.parameters;
        return p ? `${p.kind}/${p.name}` : '<none>';
      },
    },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
