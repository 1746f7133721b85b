// Namespace: kubectl describe's layout, the client-side half of ./namespace.ts.

import { DescribeWriter } from '../printers/describe.js';
import type { KObject } from '../api/types.js';
import type { PrintContext } from './kind.js';

export function describeNamespace(o: KObject, ctx: PrintContext): string {
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
}
