// Endpoints (v1): defaulting and validation for hand-written Endpoints (the endpoints controller
// writes the rest) and the ENDPOINTS column.

import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';
import { isIP } from '../util/ip.js';
import { invalid, required, unsupported, type FieldError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import type { ObjectOf } from '../api/types.js';
import { dns1123Label, dns1123Subdomain, qualifiedName } from '../api/validation.js';
import { age } from '../util/duration.js';
import { nonSpecialIP } from './service/validation.js';
import type { Kind } from './kind.js';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** formatEndpoints: ready addresses × ports, at most 3 then ` + N more...`. */
export function endpointsText(subsets: EndpointSubset[] | undefined): string {
  if (!subsets?.length) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports?.length) {
      for (const a of addrs) {
        if (list.length < 3) list.push(a.ip);
        count++;
      }
      continue;
    }
    for (const p of ss.ports) {
      for (const a of addrs) {
        if (list.length < 3) list.push(`${a.ip}:${p.port}`);
        count++;
      }
    }
  }
  let s = list.join(',');
  if (count > list.length) s += ` + ${count - list.length} more...`;
  return s;
}

function validateAddress(a: EndpointAddress, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isIP(a.ip ?? '')) errs.push(invalid(`${path}.ip`, a.ip ?? '', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  if (a.hostname) for (const m of dns1123Label(a.hostname)) errs.push(invalid(`${path}.hostname`, a.hostname, m));
  if (a.nodeName != null) for (const m of dns1123Subdomain(a.nodeName)) errs.push(invalid(`${path}.nodeName`, a.nodeName, m));
  errs.push(...nonSpecialIP(a.ip ?? '', `${path}.ip`));
  return errs;
}

function validatePort(p: EndpointPort, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(required(`${path}.name`));
  else if (p.name) for (const m of dns1123Label(p.name)) errs.push(invalid(`${path}.name`, p.name, m));
  const port = p.port ?? 0;
  if (!Number.isInteger(port) || port < 1 || port > 65535) errs.push(invalid(`${path}.port`, port, 'must be between 1 and 65535, inclusive'));
  if (!p.protocol) errs.push(required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(unsupported(`${path}.protocol`, p.protocol, PROTOCOLS));
  if (p.appProtocol !== undefined) for (const m of qualifiedName(p.appProtocol)) errs.push(invalid(`${path}.appProtocol`, p.appProtocol, m));
  return errs;
}

/** validateEndpointSubsets. */
function validateEndpoints(o: ObjectOf<'endpoints'>): FieldError[] {
  const errs: FieldError[] = [];
  (o.subsets ?? []).forEach((ss, i) => {
    const path = `subsets[${i}]`;
    if (!ss.addresses?.length && !ss.notReadyAddresses?.length) errs.push(required(path, 'must specify `addresses` or `notReadyAddresses`'));
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, `${path}.addresses[${j}]`)));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, `${path}.notReadyAddresses[${j}]`)));
    (ss.ports ?? []).forEach((p, j) => errs.push(...validatePort(p, (ss.ports?.length ?? 0) > 1, `${path}.ports[${j}]`)));
  });
  return errs;
}

export const endpointsKind: Kind<'endpoints'> = {
  info: resourceInfo('endpoints'),
  defaults(o) {
    for (const ss of o.subsets ?? []) for (const p of ss.ports ?? []) p.protocol ||= 'TCP';
  },
  validate: validateEndpoints,
  columns: [
    { name: 'ENDPOINTS', cell: (o) => endpointsText(o.subsets) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
