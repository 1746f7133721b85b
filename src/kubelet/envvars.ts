// Service discovery through environment variables (pkg/kubelet/envvars and the kubelet's
// getServiceEnvVarMap): the Docker-links-style variables of every Service a pod can see when its
// containers start. Later Services are not seen until the pod is recreated.

import type { ServiceSpec } from 'kubernetes-types/core/v1';
import type { ServiceObject } from '../api/types.js';
import { isServiceIPSet } from '../kinds/service/util.js';

/** `sample-clusterip` → `SAMPLE_CLUSTERIP`. */
const envName = (s: string) => s.replace(/-/g, '_').toUpperCase();

const hostPort = (ip: string, port: number) => `${ip.includes(':') ? `[${ip}]` : ip}:${port}`;

/** envvars.FromServices for one Service with a ClusterIP and at least one port. */
function serviceVars(name: string, s: ServiceSpec, out: Record<string, string>): void {
  const prefix = envName(name);
  const ip = s.clusterIP!;
  const ports = s.ports ?? [];
  out[`${prefix}_SERVICE_HOST`] = ip;
  out[`${prefix}_SERVICE_PORT`] = String(ports[0].port);
  for (const p of ports) if (p.name) out[`${prefix}_SERVICE_PORT_${envName(p.name)}`] = String(p.port);
  ports.forEach((p, i) => {
    const proto = p.protocol || 'TCP';
    const url = `${proto.toLowerCase()}://${hostPort(ip, p.port)}`;
    if (i === 0) out[`${prefix}_PORT`] = url;
    const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
    out[pp] = url;
    out[`${pp}_PROTO`] = proto.toLowerCase();
    out[`${pp}_PORT`] = String(p.port);
    out[`${pp}_ADDR`] = ip;
  });
}

/**
 * The service variables for a pod in `namespace`: the Services of that namespace when
 * enableServiceLinks is on, and always the `kubernetes` Service of the default namespace
 * (a Service of the pod's own namespace with that name wins). Headless and ExternalName
 * Services have no ClusterIP and give no variables.
 */
export function serviceEnvironment(namespace: string, enableServiceLinks: boolean, namespaceServices: ServiceObject[], master: ServiceObject | undefined): Record<string, string> {
  const chosen = new Map<string, ServiceSpec>();
  const choose = (svc: ServiceObject) => {
    const s = svc.spec ?? {};
    if (isServiceIPSet(s)) chosen.set(svc.metadata.name, s);
  };
  if (master) choose(master);
  if (enableServiceLinks) for (const svc of namespaceServices) if (svc.metadata.namespace === namespace) choose(svc);
  const out: Record<string, string> = {};
  for (const [name, s] of chosen) if (s.ports?.length) serviceVars(name, s, out);
  return out;
}
