// Namespace: kubectl describe's layout, the client-side half of ./namespace.ts.

import { DescribeWriter } from '../printers/describe.js';
import type { Describer } from './kind.js';
import { describeNamespaceLimits } from './quota/describe.js';

export const describeNamespace: Describer<'namespaces'> = (o, ctx) => {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `Status:\t${o.status?.phase ?? 'Active'}`);
  const ns = o.metadata.name;
  describeNamespaceLimits(w, ctx.cluster.store.list('resourcequotas', ns), ctx.cluster.store.list('limitranges', ns));
  return w.toString();
};
