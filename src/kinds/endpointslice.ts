// EndpointSlice (discovery.k8s.io/v1): table columns.

import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { age } from '../util/duration.js';
import type { Kind } from './kind.js';

export function limited(items: string[]): string {
  if (!items.length) return '<unset>';
  return items.slice(0, 3).join(',') + (items.length > 3 ? ` + ${items.length - 3} more...` : '');
}

export const endpointSliceKind: Kind = {
  info: resourceInfo('endpointslices'),
  columns: [
    { name: 'ADDRESSTYPE', cell: (o) => String(o.addressType ?? '') },
    { name: 'PORTS', cell: (o: KObject) => limited(((o.ports as { port?: number; name?: string }[]) ?? []).map((p) => (p.port !== undefined ? String(p.port) : '*'))) },
    { name: 'ENDPOINTS', cell: (o: KObject) => limited(((o.endpoints as { addresses: string[] }[]) ?? []).flatMap((e) => e.addresses)) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
