// PriorityClass: kubectl describe's layout, the client-side half of ./priorityclass.ts.

import { DescribeWriter } from '../printers/describe.js';
import type { Describer } from './kind.js';

export const describePriorityClass: Describer<'priorityclasses'> = (o, ctx) => {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Value:\t${o.value}`);
  w.line(0, `GlobalDefault:\t${!!o.globalDefault}`);
  w.line(0, `PreemptionPolicy:\t${o.preemptionPolicy ?? ''}`);
  w.line(0, `Description:\t${o.description ?? ''}`);
  // labels.FormatLabels: every annotation on one line, last-applied included.
  const a = o.metadata.annotations ?? {};
  const keys = Object.keys(a).sort();
  w.line(0, `Annotations:\t${keys.length ? keys.map((k) => `${k}=${a[k]}`).join(',') : '<none>'}`);
  w.events(o, ctx);
  return w.toString();
};
