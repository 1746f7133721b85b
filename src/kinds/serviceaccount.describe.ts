// ServiceAccount: kubectl describe's layout, the client-side half of ./serviceaccount.ts.

import { DescribeWriter } from '../printers/describe.js';
import type { KObject } from '../api/types.js';
import type { PrintContext } from './kind.js';

export function describeServiceAccount(o: KObject, ctx: PrintContext): string {
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
}
