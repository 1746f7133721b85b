// Endpoints (v1): columns. The endpoints controller writes them for Services with selectors.

import type { EndpointSubset } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { age } from '../printers/duration.js';
import type { Kind } from './kind.js';

/** formatEndpoints: ready addresses × ports, at most 3 then ` + N more...`. */
export function endpointsText(subsets: EndpointSubset[] | undefined): string {
  if (!subsets?.length) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports?.length) {
      for (const a of addrs) {
        if (list.length < 3) list.push(a.ip);
        count++;
      }
      continue;
    }
    for (const p of ss.ports) {
      for (const a of addrs) {
        if (list.length < 3) list.push(`${a.ip}:${p.port}`);
        count++;
      }
    }
  }
  let s = list.join(',');
  if (count > list.length) s += ` + ${count - list.length} more...`;
  return s;
}

export const endpointsKind: Kind = {
  info: resourceInfo('endpoints'),
  columns: [
    { name: 'ENDPOINTS', cell: (o: KObject) => endpointsText(o.subsets as EndpointSubset[]) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
