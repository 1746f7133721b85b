// Namespace (v1).

import { resourceInfo } from '../api/scheme.js';
import { dns1123Label } from '../api/validation.js';
import { age } from '../util/duration.js';
import type { Kind } from './kind.js';

export const namespaceKind: Kind<'namespaces'> = {
  info: resourceInfo('namespaces'),
  validateName: dns1123Label,
  defaults(o) {
    o.metadata.labels = { ...o.metadata.labels, 'kubernetes.io/metadata.name': o.metadata.name };
    o.spec = { finalizers: ['kubernetes'] };
    o.status ??= { phase: 'Active' };
  },
  columns: [
    { name: 'STATUS', cell: (o) => o.status?.phase ?? 'Active' },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
