// Namespace: kubectl describe's layout, the client-side half of ./namespace.ts.

import { DescribeWriter } from '../printers/describe.js';
import type { Describer } from './kind.js';

export const describeNamespace: Describer<'namespaces'> = (o) => {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `Status:\t${o.status?.phase ?? 'Active'}`);
  w.line(0, '');
  w.line(0, 'No resource quota.');
  w.line(0, '');
  w.line(0, 'No LimitRange resource.');
  return w.toString();
};
