// IngressClass: kubectl describe's layout, the client-side half of ./ingressclass.ts.

import type { IngressClassSpec } from 'kubernetes-types/networking/v1';
import { DescribeWriter } from '../printers/describe.js';
import type { Describer } from './kind.js';

export const describeIngressClass: Describer<'ingressclasses'> = (o, ctx) => {
  const s: IngressClassSpec = o.spec ?? {};
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `Controller:\t${s.controller ?? ''}`);
  if (s.parameters) {
    w.line(0, 'Parameters:');
    if (s.parameters.apiGroup !== undefined) w.line(1, `APIGroup:\t${s.parameters.apiGroup}`);
    w.line(1, `Kind:\t${s.parameters.kind}`);
    w.line(1, `Name:\t${s.parameters.name}`);
  }
  w.events(o, ctx);
  return w.toString();
};
