// EndpointSlice (discovery.k8s.io/v1): the strategy's generation (1 on create, one more for every
// change beyond metadata) and the table columns.

import { resourceInfo } from '../api/scheme.js';
import { deepEqual } from '../util/objects.js';
import { age } from '../util/duration.js';
import type { Kind } from './kind.js';

export function limited(items: string[]): string {
  if (!items.length) return '<unset>';
  return items.slice(0, 3).join(',') + (items.length > 3 ? ` + ${items.length - 3} more...` : '');
}

export const endpointSliceKind: Kind<'endpointslices'> = {
  info: resourceInfo('endpointslices'),
  defaults(o) {
    // SetDefaults_EndpointPort: kubectl's describers dereference both.
    for (const p of o.ports ?? []) {
      p.name ??= '';
      p.protocol ??= 'TCP';
    }
  },
  prepareForCreate(o) {
    o.metadata.generation = 1;
  },
  prepareForUpdate(o, old) {
    const changed = (['addressType', 'endpoints', 'ports'] as const).some((f) => !deepEqual(o[f], old[f]));
    if (changed) o.metadata.generation = (old.metadata.generation ?? 1) + 1;
  },
  columns: [
    { name: 'ADDRESSTYPE', cell: (o) => String(o.addressType ?? '') },
    // A placeholder slice stores null lists.
    { name: 'PORTS', cell: (o) => limited((o.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : '*'))) },
    { name: 'ENDPOINTS', cell: (o) => limited((o.endpoints ?? []).flatMap((e) => e.addresses)) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
