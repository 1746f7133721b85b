// The API server's Ingress validation (pkg/apis/networking/validation), with its wording.

import { isIPv6 } from '../../util/ip.js';
import type { HTTPIngressPath, IngressBackend, IngressSpec } from 'kubernetes-types/networking/v1';
import { invalid, required, unsupported, type FieldError } from '../../api/errors.js';
import type { ObjectOf } from '../../api/types.js';
import { dns1035Label, dns1123Subdomain, isValidPortName, portNumber } from '../../api/validation.js';

export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

const WILDCARD_SUBDOMAIN = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const reWildcard = new RegExp(`^${WILDCARD_SUBDOMAIN}$`);

function wildcardSubdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!reWildcard.test(v)) {
    errs.push(
      `a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '${WILDCARD_SUBDOMAIN}')`,
    );
  }
  return errs;
}

/** net.ParseIPSloppy: IPv4 with leading zeros (010.0.0.1) counts as an address too. */
function isIP(host: string): boolean {
  const p = host.split('.');
  return (p.length === 4 && p.every((x) => /^\d{1,3}$/.test(x) && +x <= 255)) || isIPv6(host);
}

/** A host must be a DNS name (wildcards allowed), never an IP address. */
function validateHost(host: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isIP(host)) errs.push(invalid(field, host, 'must be a DNS name, not an IP address'));
  const check = host.includes('*') ? wildcardSubdomain : dns1123Subdomain;
  for (const m of check(host)) errs.push(invalid(field, host, m));
  return errs;
}

function validateBackend(b: IngressBackend | undefined, field: string): FieldError[] {
  const backend = b ?? {};
  if (backend.resource && backend.service) return [invalid(field, '', 'cannot set both resource and service backends')];
  if (backend.resource) {
    const r = backend.resource;
    const errs: FieldError[] = [];
    if (r.apiGroup) for (const m of dns1123Subdomain(r.apiGroup)) errs.push(invalid(`${field}.resource.apiGroup`, r.apiGroup, m));
    if (!r.kind) errs.push(required(`${field}.resource.kind`, ''));
    if (!r.name) errs.push(required(`${field}.resource.name`, ''));
    return errs;
  }
  if (!backend.service) return [invalid(field, '', 'resource or service backend is required')];
  const svc = backend.service;
  const errs: FieldError[] = [];
  if (!svc.name) errs.push(required(`${field}.service.name`, ''));
  else for (const m of dns1035Label(svc.name)) errs.push(invalid(`${field}.service.name`, svc.name, m));
  const name = svc.port?.name ?? '';
  const num = svc.port?.number ?? 0;
  if (name && num) errs.push(invalid(field, '', 'cannot set both port name & port number'));
  else if (name) for (const m of isValidPortName(name)) errs.push(invalid(`${field}.service.port.name`, name, m));
  else if (num) errs.push(...portNumber(num, `${field}.service.port.number`));
  else errs.push(required(field, 'port name or number is required'));
  return errs;
}

function validatePath(p: HTTPIngressPath, field: string): FieldError[] {
  if (!p.pathType) return [required(`${field}.pathType`, 'pathType must be specified')];
  const errs: FieldError[] = [];
  const path = p.path ?? '';
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!path.startsWith('/')) errs.push(invalid(`${field}.path`, path, 'must be an absolute path'));
      if (path) {
        for (const seq of INVALID_SEQUENCES) if (path.includes(seq)) errs.push(invalid(`${field}.path`, path, `must not contain '${seq}'`));
        for (const suf of INVALID_SUFFIXES) if (path.endsWith(suf)) errs.push(invalid(`${field}.path`, path, `cannot end with '${suf}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (path && !path.startsWith('/')) errs.push(invalid(`${field}.path`, path, 'must be an absolute path'));
      break;
    default:
      errs.push(unsupported(`${field}.pathType`, p.pathType, PATH_TYPES));
  }
  errs.push(...validateBackend(p.backend, `${field}.backend`));
  return errs;
}

export function validateIngressSpec(s: IngressSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.rules?.length && !s.defaultBackend) {
    // The value is the Go slice as %#v prints it.
    errs.push({ type: 'Invalid value', field: 'spec', value: s.rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)', detail: 'either `defaultBackend` or `rules` must be specified' });
  }
  if (s.defaultBackend) errs.push(...validateBackend(s.defaultBackend, 'spec.defaultBackend'));
  (s.rules ?? []).forEach((r, i) => {
    const field = `spec.rules[${i}]`;
    if (r.host) errs.push(...validateHost(r.host, `${field}.host`));
    if (!r.http) return;
    if (!r.http.paths?.length) errs.push(required(`${field}.http.paths`, ''));
    (r.http.paths ?? []).forEach((p, j) => errs.push(...validatePath(p, `${field}.http.paths[${j}]`)));
  });
  (s.tls ?? []).forEach((t, i) => {
    (t.hosts ?? []).forEach((h, j) => {
      const check = h.includes('*') ? wildcardSubdomain : dns1123Subdomain;
      for (const m of check(h)) errs.push(invalid(`spec.tls[${i}].hosts[${j}]`, h, m));
    });
    if (t.secretName) for (const m of dns1123Subdomain(t.secretName)) errs.push(invalid(`spec.tls[${i}].secretName`, t.secretName, m));
  });
  if (s.ingressClassName !== undefined) for (const m of dns1123Subdomain(s.ingressClassName)) errs.push(invalid('spec.ingressClassName', s.ingressClassName, m));
  return errs;
}

/** On create only: the class annotation and ingressClassName may not disagree. */
export function validateIngressCreate(o: ObjectOf<'ingresses'>): FieldError[] {
  const s: IngressSpec = o.spec ?? {};
  const errs = validateIngressSpec(s);
  const ann = o.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (ann !== undefined && s.ingressClassName !== undefined && ann !== s.ingressClassName) {
    errs.push(invalid(`annotations.${INGRESS_CLASS_ANNOTATION}`, ann, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}
