// Endpoints: kubectl describe's layout, the client-side half of ./endpoints.ts.

import type { EndpointAddress } from 'kubernetes-types/core/v1';
import { DescribeWriter } from '../printers/describe.js';
import type { Describer } from './kind.js';

export const describeEndpoints: Describer<'endpoints'> = (o, ctx) => {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, 'Subsets:');
  const ips = (list: EndpointAddress[] | undefined) => (list?.length ? list.map((a) => a.ip).join(',') : '<none>');
  for (const ss of o.subsets ?? []) {
    w.line(1, `Addresses:\t${ips(ss.addresses)}`);
    w.line(1, `NotReadyAddresses:\t${ips(ss.notReadyAddresses)}`);
    if (ss.ports?.length) {
      w.line(1, 'Ports:');
      w.line(2, 'Name\tPort\tProtocol');
      w.line(2, '----\t----\t--------');
      for (const p of ss.ports) w.line(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}`);
    }
    w.line(0, '');
  }
  w.events(o, ctx);
  return w.toString();
};
