// Secret: kubectl describe's layout, the client-side half of ./secret.ts.

import { DescribeWriter } from '../printers/describe.js';
import type { Describer } from './kind.js';

export const describeSecret: Describer<'secrets'> = (o) => {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, '');
  w.line(0, `Type:\t${o.type}`);
  w.line(0, '');
  w.line(0, 'Data');
  w.line(0, '====');
  const data = o.data ?? {};
  for (const k of Object.keys(data).sort()) {
    const raw = Buffer.from(data[k], 'base64');
    const clear = o.type === 'kubernetes.io/service-account-token' && k === 'token';
    w.line(0, `${k}:\t${clear ? raw.toString() : `${raw.length} bytes`}`);
  }
  return w.toString();
};
