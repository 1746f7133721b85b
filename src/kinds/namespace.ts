// Namespace (v1).

import { resourceInfo } from '../api/scheme.js';
import { dns1123Label } from '../api/validation.js';
import { age } from '../printers/duration.js';
import { DescribeWriter } from '../printers/describe.js';
import type { Kind } from './kind.js';

export const namespaceKind: Kind = {
  info: resourceInfo('namespaces'),
  validateName: dns1123Label,
  defaults(o) {
    o.metadata.labels = { ...o.metadata.labels, 'kubernetes.io/metadata.name': o.metadata.name };
    o.spec = { finalizers: ['kubernetes'] };
    o.status ??= { phase: 'Active' };
  },
  columns: [
    { name: 'STATUS', cell: (o) => (o.status as { phase?: string })?.phase ?? 'Active' },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
  describe(o) {
    const w = new DescribeWriter();
    w.line(0, `Name:\t${o.metadata.name}`);
    w.labels(0, 'Labels', o.metadata.labels);
    w.annotations(0, 'Annotations', o.metadata.annotations);
    w.line(0, `Status:\t${(o.status as { phase?: string })?.phase ?? 'Active'}`);
    w.line(0, '');
    w.line(0, 'No resource quota.');
    w.line(0, '');
    w.line(0, 'No LimitRange resource.');
    return w.toString();
  },
};
