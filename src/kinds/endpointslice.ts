// EndpointSlice (discovery.k8s.io/v1): columns and kubectl's describe layout.

import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { age } from '../printers/duration.js';
import { DescribeWriter } from '../printers/describe.js';
import type { Kind, PrintContext } from './kind.js';

function limited(items: string[]): string {
  if (!items.length) return '<unset>';
  return items.slice(0, 3).join(',') + (items.length > 3 ? ` + ${items.length - 3} more...` : '');
}

function describeEndpointSlice(o: KObject, ctx: PrintContext): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `AddressType:\t${String(o.addressType ?? '')}`);
  const ports = (o.ports as EndpointPort[] | null) ?? [];
  if (!ports.length) w.line(0, 'Ports: <unset>');
  else {
    w.line(0, 'Ports:');
    w.line(1, 'Name\tPort\tProtocol');
    w.line(1, '----\t----\t--------');
    for (const p of ports) w.line(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}`);
  }
  const endpoints = (o.endpoints as Endpoint[] | null) ?? [];
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
}

export const endpointSliceKind: Kind = {
  info: resourceInfo('endpointslices'),
  columns: [
    { name: 'ADDRESSTYPE', cell: (o) => String(o.addressType ?? '') },
    { name: 'PORTS', cell: (o: KObject) => limited(((o.ports as { port?: number; name?: string }[]) ?? []).map((p) => (p.port !== undefined ? String(p.port) : '*'))) },
    { name: 'ENDPOINTS', cell: (o: KObject) => limited(((o.endpoints as { addresses: string[] }[]) ?? []).flatMap((e) => e.addresses)) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
  describe: describeEndpointSlice,
};
