// The address pool of the built-in load-balancer controller (as MetalLB's layer-2 mode hands
// out addresses: the lowest free one, or the one the Service asks for if it is in the pool).

import type { ServiceObject } from '../../api/types.js';
import { intToIp, ipToInt, isIPv4 } from '../../util/ip.js';

export interface Pool {
  first: string;
  last: string;
}

/** The load-balancer addresses in use, by address, naming the Service (`ns/name`) holding each. */
export function usedLoadBalancerIPs(services: ServiceObject[], except?: string): Map<string, string> {
  const used = new Map<string, string>();
  for (const s of services) {
    if (s.metadata.uid === except) continue;
    for (const ing of s.status?.loadBalancer?.ingress ?? []) {
      if (ing.ip) used.set(ing.ip, `${s.metadata.namespace}/${s.metadata.name}`);
    }
  }
  return used;
}

/** An address for a Service, or why there is none. */
export function pickLoadBalancerIP(pool: Pool, used: ReadonlyMap<string, string>, requested?: string): { ip: string } | { error: string } {
  const first = ipToInt(pool.first);
  const last = ipToInt(pool.last);
  const range = `${pool.first}-${pool.last}`;
  if (requested) {
    if (!isIPv4(requested) || ipToInt(requested) < first || ipToInt(requested) > last) {
      return { error: `requested IP ${requested} is not in the address pool ${range}` };
    }
    const holder = used.get(requested);
    return holder ? { error: `requested IP ${requested} is already in use by ${holder}` } : { ip: requested };
  }
  for (let n = first; n <= last; n++) {
    const ip = intToIp(n);
    if (!used.has(ip)) return { ip };
  }
  return { error: `no available IPs in the address pool ${range}` };
}
