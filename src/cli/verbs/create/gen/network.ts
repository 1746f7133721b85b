// The Services and Ingresses `kctl create service|ingress` builds.

import type { KObject } from '../../../../api/types.js';
import { CliError } from '../../../errors.js';
import { generatedMeta, goMap } from './meta.js';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

function portNumber(n: number): number {
  if (n < 1 || n > 65535) throw new CliError('must be between 1 and 65535, inclusive');
  return n;
}

/** `--tcp=<port>[:<targetPort>]` pairs; the port's name is the pair with '-' for ':'. */
function servicePorts(tcp: string[], nodePort: number | undefined): Record<string, unknown>[] {
  return tcp.map((t) => {
    const [port, target] = t.split(':');
    const parse = (s: string) => {
      if (!/^\d+$/.test(s) || Number(s) > 65535) throw new CliError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: ${/^\d+$/.test(s) ? 'value out of range' : 'invalid syntax'}`);
      return Number(s);
    };
    const p = parse(port);
    return {
      name: t.replace(/:/g, '-'),
      protocol: 'TCP',
      port: p,
      targetPort: target === undefined ? p : /^\d+$/.test(target) ? portNumber(Number(target)) : target,
      ...(nodePort ? { nodePort } : {}),
    };
  });
}

export function service(name: string, namespace: string | undefined, type: ServiceType, o: { tcp: string[]; clusterIP?: string; nodePort?: number; externalName?: string }): KObject {
  const ports = servicePorts(o.tcp, o.nodePort);
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: generatedMeta(name, namespace, { app: name }),
    spec: {
      ...(ports.length ? { ports } : {}),
      selector: { app: name },
      ...(o.clusterIP ? { clusterIP: o.clusterIP } : {}),
      type,
      ...(o.externalName ? { externalName: o.externalName } : {}),
    },
    status: { loadBalancer: {} },
  };
}

/** host/path=service:port[,tls[=secret]] */
export const INGRESS_RULE = /^([\w*\-.]*)(\/[^,=\n]*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?$/;

/** A service backend `name:port`; a port of digits is a number, anything else a port name. */
function backend(svc: string): Record<string, unknown> {
  const [name, port] = svc.split(':');
  // intstr.Parse: what does not fit an int32 stays a name.
  const number = /^[+-]?\d+$/.test(port) && Math.abs(Number(port)) < 2 ** 31 ? Number(port) : undefined;
  return { service: { name, port: number !== undefined ? (number ? { number } : {}) : { name: port } } };
}

function httpPath(pathSvc: string): Record<string, unknown> {
  const [p, svc] = pathSvc.split('=');
  let path = '/' + p;
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: backend(svc) };
}

export function ingress(name: string, namespace: string | undefined, o: { className?: string; rules: string[]; defaultBackend?: string; annotations: string[] }): KObject {
  const annotations: Record<string, string> = {};
  for (const a of o.annotations) {
    const i = a.indexOf('=');
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  // TLS: one entry per secret, each host only once, in the order the rules name them.
  const tls: { hosts?: string[]; secretName?: string }[] = [];
  const seen = new Set<string>();
  for (const rule of o.rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const kv = parts[1].split('=');
    const secret = kv.length > 1 ? kv[1] : '';
    if (seen.has(host)) continue;
    seen.add(host);
    const same = tls.find((t) => (t.secretName ?? '') === secret);
    if (same) {
      (same.hosts ??= []).push(host);
      continue;
    }
    const entry = { ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) };
    if (entry.hosts || entry.secretName) tls.push(entry);
  }
  const rules: { host?: string; http: { paths: Record<string, unknown>[] } }[] = [];
  for (const rule of o.rules) {
    const noTls = rule.split(',')[0];
    const slash = noTls.indexOf('/');
    const host = noTls.slice(0, slash);
    const path = httpPath(noTls.slice(slash + 1));
    const same = rules.find((r) => (r.host ?? '') === host);
    if (same) same.http.paths.push(path);
    else rules.push({ ...(host ? { host } : {}), http: { paths: [path] } });
  }
  return {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: generatedMeta(name, namespace, undefined, goMap(annotations)),
    spec: {
      ...(o.className ? { ingressClassName: o.className } : {}),
      ...(o.defaultBackend ? { defaultBackend: backend(o.defaultBackend) } : {}),
      ...(tls.length ? { tls } : {}),
      ...(rules.length ? { rules } : {}),
    },
    status: { loadBalancer: {} },
  };
}
