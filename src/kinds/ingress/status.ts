// How kubectl prints an Ingress's load-balancer status and hosts (printers.go).

import type { IngressRule } from 'kubernetes-types/networking/v1';
import type { ObjectOf } from '../../api/types.js';
import { loadBalancerText } from '../loadbalancer.js';

/** The sorted, de-duplicated IPs (else hostnames) of status.loadBalancer.ingress. */
export function ingressAddresses(o: ObjectOf<'ingresses'>): string[] {
  const ing = o.status?.loadBalancer?.ingress ?? [];
  const set = new Set<string>();
  for (const i of ing) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort();
}

/** ADDRESS: clipped to 16 characters outside -o wide. */
export function addressColumn(o: ObjectOf<'ingresses'>, wide: boolean): string {
  return loadBalancerText(ingressAddresses(o), wide);
}

/** formatHosts: up to three hosts, then ` + N more...` counting every further rule; none is `*`. */
export function hostsColumn(rules: IngressRule[] | undefined): string {
  const list: string[] = [];
  let more = false;
  const all = rules ?? [];
  for (const r of all) {
    if (list.length === 3) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (!list.length) return '*';
  return more ? `${list.join(',')} + ${all.length - 3} more...` : list.join(',');
}
