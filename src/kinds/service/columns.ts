// The cells of `kubectl get services` that need more than a field (printService).

import type { ServiceSpec } from 'kubernetes-types/core/v1';
import type { ServiceObject } from '../../api/types.js';
import { loadBalancerText } from '../loadbalancer.js';
import { specOf } from './util.js';

/**
 * EXTERNAL-IP: the CNAME, the load balancer's addresses (clipped to 16 characters outside
 * -o wide) then externalIPs, or <none>/<pending>.
 */
export function externalIPText(o: ServiceObject, wide = false): string {
  const s = specOf(o);
  const external = s.externalIPs ?? [];
  switch (s.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'ExternalName':
      return s.externalName ?? '';
    case 'LoadBalancer': {
      const ingress = (o.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean);
      const balancers = loadBalancerText(ingress, wide);
      const all = [...(balancers ? [balancers] : []), ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    default:
      return '<unknown>';
  }
}

/** PORT(S): `port/proto` or `port:nodePort/proto`, comma-joined; <none> without ports. */
export function portsText(s: ServiceSpec): string {
  const ports = s.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
}
