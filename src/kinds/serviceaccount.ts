// ServiceAccount (v1): each namespace gets `default`.

import { resourceInfo } from '../api/scheme.js';
import { age } from '../printers/duration.js';
import { DescribeWriter } from '../printers/describe.js';
import type { Kind } from './kind.js';

export const serviceAccountKind: Kind = {
  info: resourceInfo('serviceaccounts'),
  columns: [
    { name: 'SECRETS', cell: (o) => String(((o.secrets as unknown[]) ?? []).length) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
  describe(o, ctx) {
    const w = new DescribeWriter();
    w.line(0, `Name:\t${o.metadata.name}`);
    w.line(0, `Namespace:\t${o.metadata.namespace}`);
    w.labels(0, 'Labels', o.metadata.labels);
    w.annotations(0, 'Annotations', o.metadata.annotations);
    w.line(0, 'Image pull secrets:\t<none>');
    w.line(0, 'Mountable secrets:\t<none>');
    w.line(0, 'Tokens:\t<none>');
    w.events(o, ctx);
    return w.toString();
  },
};
