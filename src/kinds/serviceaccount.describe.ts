// ServiceAccount: kubectl describe's layout, the client-side half of ./serviceaccount.ts.

import { DescribeWriter } from '../printers/describe.js';
import type { Describer } from './kind.js';

export const describeServiceAccount: Describer<'serviceaccounts'> = (o, ctx) => {
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
};
