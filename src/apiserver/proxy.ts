// The locations of pods/proxy and services/proxy (the registries' ResourceLocation): where the
// API server sends a proxied request. A pod by its IP and a port (given, or its first container
// port's); a Service by one of its endpoints, for the Service port named or numbered.

import { notFound, StatusError } from '../api/errors.js';
import type { Cluster } from '../cluster/cluster.js';

export interface Location {
  scheme: 'http' | 'https';
  ip: string;
  /** Undefined: the scheme's own port. */
  port?: number;
}

/** An answer the API server gives with a code its reasons do not name (503 ServiceUnavailable). */
export class Unavailable extends Error {
  readonly code = 503;
  readonly reason = 'ServiceUnavailable';
}

/** SplitSchemeNamePort: `name`, `name:port` or `scheme:name:port`. */
function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string } | null {
  const parts = id.split(':');
  let scheme = '';
  let name: string;
  let port = '';
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) [name, port] = parts;
  else if (parts.length === 3) [scheme, name, port] = parts;
  else return null;
  if (!name || (scheme && scheme !== 'http' && scheme !== 'https')) return null;
  return { scheme, name, port };
}

export function podLocation(cluster: Cluster, namespace: string, id: string): Location {
  const s = splitSchemeNamePort(id);
  if (!s) throw new StatusError('BadRequest', `invalid pod request "${id}"`);
  const pod = cluster.store.get('pods', namespace, s.name);
  if (!pod) throw notFound('pods', s.name);
  let port = s.port;
  if (!port) {
    const withPorts = pod.spec?.containers.find((c) => c.ports?.length);
    if (withPorts) port = String(withPorts.ports![0].containerPort);
  }
  const ip = pod.status?.podIP;
  if (!ip) throw new StatusError('BadRequest', 'address not allowed');
  return { scheme: s.scheme === 'https' ? 'https' : 'http', ip, port: port ? Number(port) : undefined };
}

export function serviceLocation(cluster: Cluster, namespace: string, id: string): Location {
  const s = splitSchemeNamePort(id);
  if (!s) throw new StatusError('BadRequest', `invalid service request "${id}"`);
  const svc = cluster.store.get('services', namespace, s.name);
  if (!svc) throw notFound('services', s.name);
  const scheme = s.scheme === 'https' ? 'https' : 'http';
  if (svc.spec?.type === 'ExternalName') throw new StatusError('BadRequest', `invalid service type "ExternalName"`);
  const svcPort = (svc.spec?.ports ?? []).find((p) => (p.name ?? '') === s.port || (s.port !== '' && String(p.port) === s.port));
  if (!svcPort) throw new Unavailable(`no service port "${s.port}" found for service "${s.name}"`);
  const eps = cluster.store.get('endpoints', namespace, s.name);
  const subsets = eps?.subsets ?? [];
  const seed = subsets.length ? cluster.rand.int(subsets.length) : 0;
  for (let i = 0; i < subsets.length; i++) {
    const ss = subsets[(seed + i) % subsets.length];
    if (!ss.addresses?.length) continue;
    const p = ss.ports?.find((x) => (x.name ?? '') === (svcPort.name ?? ''));
    if (p) return { scheme, ip: ss.addresses[cluster.rand.int(ss.addresses.length)].ip, port: p.port };
  }
  throw new Unavailable(`no endpoints available for service "${s.name}"`);
}
