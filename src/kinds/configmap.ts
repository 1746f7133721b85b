// ConfigMap (v1).

import { resourceInfo } from '../api/scheme.js';
import { age } from '../util/duration.js';
import type { Kind } from './kind.js';

export const configMapKind: Kind = {
  info: resourceInfo('configmaps'),
  columns: [
    { name: 'DATA', cell: (o) => String(Object.keys((o.data as object) ?? {}).length + Object.keys((o.binaryData as object) ?? {}).length) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
