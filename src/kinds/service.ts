// Service (v1): defaulting and columns. Allocation, validation and describe grow here.

import type { ServiceSpec, ServiceStatus } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { formatLabels } from '../api/labels.js';
import { dns1035Label } from '../api/validation.js';
import { age } from '../printers/duration.js';
import type { Kind } from './kind.js';

const spec = (o: KObject) => o.spec as ServiceSpec;
const status = (o: KObject) => (o.status ?? {}) as ServiceStatus;

function defaultService(s: ServiceSpec): void {
  s.type ??= 'ClusterIP';
  s.sessionAffinity ??= 'None';
  for (const p of s.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
  if (s.type !== 'ExternalName') {
    s.internalTrafficPolicy ??= 'Cluster';
    if (s.clusterIP && !s.clusterIPs) s.clusterIPs = [s.clusterIP];
    s.ipFamilies ??= ['IPv4'];
    s.ipFamilyPolicy ??= 'SingleStack';
  }
  if (s.type === 'NodePort' || s.type === 'LoadBalancer') s.externalTrafficPolicy ??= 'Cluster';
}

function externalIP(o: KObject): string {
  const s = spec(o);
  switch (s.type) {
    case 'ExternalName':
      return s.externalName ?? '';
    case 'LoadBalancer': {
      const ing = [...new Set((status(o).loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || ''))].sort();
      const all = [...ing, ...(s.externalIPs ?? [])];
      return all.length ? all.join(',') : '<pending>';
    }
    default:
      return s.externalIPs?.length ? s.externalIPs.join(',') : '<none>';
  }
}

export function portsText(s: ServiceSpec): string {
  const ports = s.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

export const serviceKind: Kind = {
  info: resourceInfo('services'),
  validateName: dns1035Label,
  defaults(o) {
    defaultService(spec(o));
  },
  columns: [
    { name: 'TYPE', cell: (o) => spec(o).type ?? 'ClusterIP' },
    { name: 'CLUSTER-IP', cell: (o) => (spec(o).type === 'ExternalName' ? '<none>' : spec(o).clusterIPs?.[0] ?? spec(o).clusterIP ?? '<none>') },
    { name: 'EXTERNAL-IP', cell: externalIP },
    { name: 'PORT(S)', cell: (o) => portsText(spec(o)) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    { name: 'SELECTOR', priority: 1, cell: (o) => formatLabels(spec(o).selector) },
  ],
};
