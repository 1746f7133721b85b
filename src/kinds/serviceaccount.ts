// ServiceAccount (v1): each namespace gets `default`.

import { resourceInfo } from '../api/scheme.js';
import { age } from '../util/duration.js';
import type { Kind } from './kind.js';

export const serviceAccountKind: Kind<'serviceaccounts'> = {
  info: resourceInfo('serviceaccounts'),
  columns: [
    { name: 'SECRETS', cell: (o) => String((o.secrets ?? []).length) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
