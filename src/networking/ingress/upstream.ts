// From an Ingress backend to the pods behind it, as ingress-nginx does: it proxies straight to
// the Service's ready endpoints (not through the ClusterIP), with its proxy headers.

import type { IngressServiceBackend } from 'kubernetes-types/networking/v1';
import type { Cluster } from '../../cluster/cluster.js';
import type { Header, HttpRequest } from '../http.js';
import { withoutHeader } from '../http.js';

export interface Upstream {
  /** `namespace-service-port`, as ingress-nginx names its upstreams. */
  name: string;
  /** ip:port (or name:port for ExternalName Services); empty when nothing is ready. */
  addresses: { host: string; port: number }[];
}

/** The upstream of a Service backend; undefined when the Service or its port does not exist. */
export function serviceUpstream(cluster: Cluster, namespace: string, b: IngressServiceBackend): Upstream | undefined {
  const portRef = b.port?.number ? String(b.port.number) : b.port?.name ?? '';
  const name = `${namespace}-${b.name}-${portRef}`;
  const svc = cluster.store.get('services', namespace, b.name);
  if (!svc) return undefined;
  const sp = (svc.spec?.ports ?? []).find((p) => (b.port?.number ? p.port === b.port.number : p.name === b.port?.name));
  if (svc.spec?.type === 'ExternalName') {
    const port = sp?.port ?? b.port?.number ?? 80;
    return { name, addresses: svc.spec.externalName ? [{ host: svc.spec.externalName, port }] : [] };
  }
  if (!sp) return undefined;
  const ep = cluster.store.get('endpoints', namespace, b.name);
  const addresses: Upstream['addresses'] = [];
  for (const ss of ep?.subsets ?? []) {
    const port = (ss.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? '')) ?? (ss.ports?.length === 1 && !sp.name ? ss.ports[0] : undefined);
    if (!port) continue;
    for (const a of ss.addresses ?? []) addresses.push({ host: a.ip, port: port.port });
  }
  return { name, addresses };
}

/** `--default-backend-service`: the controller's fallback, on the Service's first port. */
export function defaultBackendUpstream(cluster: Cluster, ref: { namespace: string; name: string }): Upstream | undefined {
  const svc = cluster.store.get('services', ref.namespace, ref.name);
  const first = svc?.spec?.ports?.[0];
  if (!first) return undefined;
  const up = serviceUpstream(cluster, ref.namespace, { name: ref.name, port: { number: first.port } });
  return up && { ...up, name: 'upstream-default-backend' };
}

export interface ProxyContext {
  clientIP: string;
  host: string;
  scheme: 'http' | 'https';
  port: number;
  requestID: string;
  uri: string;
  args: string;
}

/** The request nginx sends upstream: Host kept, the X-Forwarded-* family and X-Real-IP set. */
export function upstreamRequest(req: HttpRequest, p: ProxyContext): HttpRequest {
  const hostHeader = req.headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? p.host;
  let rest = req.headers;
  for (const h of ['Host', 'Connection', 'X-Real-IP', 'X-Forwarded-For', 'X-Forwarded-Host', 'X-Forwarded-Port', 'X-Forwarded-Proto', 'X-Forwarded-Scheme', 'X-Scheme', 'X-Request-ID']) rest = withoutHeader(rest, h);
  const original = req.headers.find(([n]) => n.toLowerCase() === 'x-forwarded-for')?.[1];
  const headers: Header[] = [
    ['Host', hostHeader],
    ['X-Request-ID', p.requestID],
    ['X-Real-IP', p.clientIP],
    ['X-Forwarded-For', p.clientIP],
    ['X-Forwarded-Host', hostHeader],
    ['X-Forwarded-Port', String(p.port)],
    ['X-Forwarded-Proto', p.scheme],
    ['X-Forwarded-Scheme', p.scheme],
    ['X-Scheme', p.scheme],
    ...(original ? ([['X-Original-Forwarded-For', original]] as Header[]) : []),
    ...rest,
  ];
  return { method: req.method, target: p.args ? `${p.uri}?${p.args}` : p.uri, headers, body: req.body };
}

/** $request_length: the request line, headers and body as they came in. */
export function requestLength(req: HttpRequest): number {
  let n = `${req.method} ${req.target} HTTP/1.1\r\n`.length + 2 + Buffer.byteLength(req.body);
  for (const [k, v] of req.headers) n += k.length + v.length + 4;
  return n;
}
