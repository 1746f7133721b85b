// The environment the kubelet gives a container when it starts (makeEnvironmentVariables):
// envFrom sources, the container's env with $(VAR) references expanded and valueFrom resolved,
// then the Service variables it did not define itself. Stored with the container's runtime
// state, where the in-pod programs (printenv, the shell) read it.

import type { Container, EnvVar } from 'kubernetes-types/core/v1';
import { fieldValue, type PodAddresses } from '../api/fieldpath.js';
import type { PodObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { configData } from '../kinds/configdata.js';
import { serviceEnvironment } from './envvars.js';
import { dict, own, setOwn } from '../util/objects.js';

/** expansion.Expand: `$(NAME)` from the context when known, `$$` for a literal `$`. */
export function expand(value: string, lookup: (name: string) => string | undefined): string {
  return value.replace(/\$\$|\$\(([^)]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    const v = lookup(name!);
    return v ?? m;
  });
}

function envVarValue(cluster: Cluster, pod: PodObject, e: EnvVar, addr: PodAddresses, lookup: (n: string) => string | undefined): string | undefined {
  if (e.value) return expand(e.value, lookup);
  const from = e.valueFrom;
  if (!from) return '';
  const ns = pod.metadata.namespace;
  if (from.fieldRef) return fieldValue(pod, from.fieldRef.fieldPath, addr);
  if (from.configMapKeyRef) return own(configData(cluster.store, 'configmaps', ns, from.configMapKeyRef.name), from.configMapKeyRef.key);
  if (from.secretKeyRef) return own(configData(cluster.store, 'secrets', ns, from.secretKeyRef.name), from.secretKeyRef.key);
  return undefined;
}

function containerEnvironment(cluster: Cluster, pod: PodObject, c: Container, serviceEnv: Record<string, string>, addr: PodAddresses): Record<string, string> {
  // Names are the user's (envFrom takes any key of the data): none may meet Object.prototype.
  const env = dict<string>();
  const lookup = (n: string) => env[n] ?? own(serviceEnv, n);
  for (const src of c.envFrom ?? []) {
    const data = src.configMapRef
      ? configData(cluster.store, 'configmaps', pod.metadata.namespace, src.configMapRef.name)
      : configData(cluster.store, 'secrets', pod.metadata.namespace, src.secretRef?.name);
    for (const [k, v] of Object.entries(data ?? {})) env[(src.prefix ?? '') + k] = v;
  }
  for (const e of c.env ?? []) {
    const v = envVarValue(cluster, pod, e, addr, lookup);
    if (v !== undefined) env[e.name] = v;
  }
  for (const [k, v] of Object.entries(serviceEnv)) if (!Object.hasOwn(env, k)) env[k] = v;
  return env;
}

/**
 * Records every container's environment as its pod starts. `serviceEnvs` keeps the Service
 * variables per namespace for one kubelet pass, in which no Service changes.
 */
export function recordContainerEnvironment(cluster: Cluster, pod: PodObject, hostIP: string, podIP: string, serviceEnvs = new Map<string, Record<string, string>>()): void {
  const spec = pod.spec!;
  const ns = pod.metadata.namespace ?? 'default';
  const links = spec.enableServiceLinks !== false;
  const key = `${links}/${ns}`;
  let serviceEnv = serviceEnvs.get(key);
  if (!serviceEnv) {
    serviceEnv = serviceEnvironment(ns, links, cluster.store.list('services', ns), cluster.store.get('services', 'default', 'kubernetes'));
    serviceEnvs.set(key, serviceEnv);
  }
  const byContainer = (cluster.data.containers[pod.metadata.uid!] ??= {});
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    const env = containerEnvironment(cluster, pod, c, serviceEnv, { hostIP, podIP });
    setOwn(byContainer, c.name, { ...(own(byContainer, c.name) ?? { fs: {}, log: [] }), env });
  }
}
