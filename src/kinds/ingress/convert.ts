// The books' Ingress shapes (networking.k8s.io/v1beta1, extensions/v1beta1) converted to
// networking.k8s.io/v1 on the way in, as the API server's conversion functions do.

import type { KObject } from '../../api/types.js';

interface LegacyBackend {
  serviceName?: string;
  servicePort?: number | string;
  resource?: unknown;
}

interface LegacyPath {
  path?: string;
  pathType?: string;
  backend?: LegacyBackend;
}

interface LegacyRule {
  host?: string;
  http?: { paths?: LegacyPath[] };
}

/** IngressBackend: serviceName/servicePort (an IntOrString) become service.name and port.number|name. */
function convertBackend(b: LegacyBackend | undefined): Record<string, unknown> {
  if (!b || typeof b !== 'object') return {};
  const out: Record<string, unknown> = {};
  if (b.resource) out.resource = b.resource;
  if (b.serviceName || (b.servicePort !== undefined && b.servicePort !== 0 && b.servicePort !== '')) {
    const port = typeof b.servicePort === 'number' ? { number: b.servicePort } : b.servicePort ? { name: b.servicePort } : {};
    out.service = { name: b.serviceName ?? '', port };
  }
  return out;
}

/** v1beta1 defaults pathType to ImplementationSpecific; v1 requires it. */
function convertRule(r: LegacyRule): unknown {
  if (!r?.http) return r;
  return {
    ...r,
    http: { paths: (r.http.paths ?? []).map((p) => ({ ...p, pathType: p.pathType ?? 'ImplementationSpecific', backend: convertBackend(p.backend) })) },
  };
}

export function convertIngress(o: KObject): KObject {
  // The spec of an older apiVersion, as sent: only the fields conversion rewrites are typed.
  const s = (o.spec ?? {}) as Record<string, unknown> & { backend?: LegacyBackend; rules?: LegacyRule[] };
  const out: Record<string, unknown> = { ...s };
  delete out.backend;
  if (s.backend) out.defaultBackend = convertBackend(s.backend);
  if (Array.isArray(s.rules)) out.rules = s.rules.map(convertRule);
  return { ...o, apiVersion: 'networking.k8s.io/v1', spec: out };
}
