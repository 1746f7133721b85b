// EndpointSlice: kubectl describe's layout, the client-side half of ./endpointslice.ts.

import { DescribeWriter } from '../printers/describe.js';
import type { Describer } from './kind.js';

export const describeEndpointSlice: Describer<'endpointslices'> = (o, ctx) => {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `AddressType:\t${String(o.addressType ?? '')}`);
  // A placeholder slice stores null lists.
  const ports = o.ports ?? [];
  if (!ports.length) w.line(0, 'Ports: <unset>');
  else {
    w.line(0, 'Ports:');
    w.line(1, 'Name\tPort\tProtocol');
    w.line(1, '----\t----\t--------');
    for (const p of ports) w.line(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}`);
  }
  const endpoints = o.endpoints ?? [];
  if (!endpoints.length) w.line(0, 'Endpoints: <none>');
  else {
    w.line(0, 'Endpoints:');
    for (const e of endpoints) {
      w.line(1, `- Addresses:\t${e.addresses?.length ? e.addresses.join(', ') : '<none>'}`);
      w.line(2, 'Conditions:');
      w.line(3, `Ready:\t${e.conditions?.ready ?? '<unset>'}`);
      w.line(2, `Hostname:\t${e.hostname ?? '<unset>'}`);
      if (e.targetRef) w.line(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}`);
      w.line(2, `NodeName:\t${e.nodeName ?? '<unset>'}`);
      w.line(2, `Zone:\t${e.zone ?? '<unset>'}`);
    }
  }
  w.events(o, ctx);
  return w.toString();
};

