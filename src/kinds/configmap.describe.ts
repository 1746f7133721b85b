// ConfigMap: kubectl describe's layout, the client-side half of ./configmap.ts.

import { DescribeWriter } from '../printers/describe.js';
import type { Describer } from './kind.js';

export const describeConfigMap: Describer<'configmaps'> = (o, ctx) => {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, '');
  w.line(0, 'Data');
  w.line(0, '====');
  const data = o.data ?? {};
  for (const k of Object.keys(data).sort()) {
    w.line(0, `${k}:`);
    w.line(0, '----');
    w.line(0, data[k]);
    w.line(0, '');
  }
  w.line(0, '');
  w.line(0, 'BinaryData');
  w.line(0, '====');
  const bin = o.binaryData ?? {};
  for (const k of Object.keys(bin).sort()) w.line(0, `${k}: ${Buffer.from(bin[k], 'base64').length} bytes`);
  w.line(0, '');
  w.events(o, ctx);
  return w.toString();
};
