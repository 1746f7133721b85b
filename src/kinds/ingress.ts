// Ingress (networking.k8s.io/v1): conversion from the books' v1beta1 shapes, and columns.

import type { IngressSpec, IngressStatus } from 'kubernetes-types/networking/v1';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { age } from '../printers/duration.js';
import type { Kind } from './kind.js';

const spec = (o: KObject) => (o.spec ?? {}) as IngressSpec;

interface LegacyBackend {
  serviceName?: string;
  servicePort?: number | string;
  resource?: unknown;
}

function convertBackend(b: LegacyBackend | undefined): unknown {
  if (!b) return undefined;
  if (b.resource) return { resource: b.resource };
  const port = typeof b.servicePort === 'number' || /^\d+$/.test(String(b.servicePort)) ? { number: Number(b.servicePort) } : { name: b.servicePort };
  return { service: { name: b.serviceName, port } };
}

/** networking.k8s.io/v1beta1 and extensions/v1beta1 → v1, as the API server converts them. */
export function convertIngress(o: KObject): KObject {
  const s = (o.spec ?? {}) as Record<string, unknown> & { backend?: LegacyBackend; rules?: { host?: string; http?: { paths?: Record<string, unknown>[] } }[] };
  const out: Record<string, unknown> = { ...s };
  delete out.backend;
  if (s.backend) out.defaultBackend = convertBackend(s.backend);
  if (s.rules) {
    out.rules = s.rules.map((r) =>
      r.http
        ? {
            ...r,
            http: {
              paths: (r.http.paths ?? []).map((p) => ({
                ...p,
                pathType: p.pathType ?? 'ImplementationSpecific',
                backend: convertBackend(p.backend as LegacyBackend),
              })),
            },
          }
        : r,
    );
  }
  return { ...o, apiVersion: 'networking.k8s.io/v1', spec: out };
}

function hosts(o: KObject): string {
  const hs = (spec(o).rules ?? []).map((r) => r.host).filter((h): h is string => !!h);
  if (!hs.length) return '*';
  return hs.slice(0, 3).join(',') + (hs.length > 3 ? ` + ${hs.length - 3} more...` : '');
}

export function ingressAddress(o: KObject): string {
  const ing = ((o.status ?? {}) as IngressStatus).loadBalancer?.ingress ?? [];
  return [...new Set(ing.map((i) => i.ip || i.hostname || ''))].sort().join(',');
}

export const ingressKind: Kind = {
  info: resourceInfo('ingresses'),
  convert: convertIngress,
  columns: [
    { name: 'CLASS', cell: (o) => spec(o).ingressClassName ?? '<none>' },
    { name: 'HOSTS', cell: hosts },
    { name: 'ADDRESS', cell: ingressAddress },
    { name: 'PORTS', cell: (o) => (spec(o).tls?.length ? '80, 443' : '80') },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
