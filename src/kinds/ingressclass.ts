// IngressClass (networking.k8s.io/v1).

import { resourceInfo } from '../api/scheme.js';
import { age } from '../printers/duration.js';
import type { Kind } from './kind.js';

export const ingressClassKind: Kind = {
  info: resourceInfo('ingressclasses'),
  columns: [
    { name: 'CONTROLLER', cell: (o) => String((o.spec as { controller?: string })?.controller ?? '') },
    {
      name: 'PARAMETERS',
      cell: (o) => {
        const p = (o.spec as { parameters?: { kind: string; name: string } })?.parameters;
        return p ? `${p.kind}/${p.name}` : '<none>';
      },
    },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
