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

/** Why a container cannot be given its environment: the kubelet's CreateContainerConfigError. */
export class ContainerConfigError extends Error {}

const KINDS = { configmaps: ['configmap', 'ConfigMap'], secrets: ['secret', 'Secret'] } as const;

/**
 * The data of a referenced ConfigMap or Secret; undefined when it is missing but optional,
 * else the kubelet's error.
 */
function referenced(cluster: Cluster, resource: 'configmaps' | 'secrets', ns: string, ref: { name?: string; optional?: boolean }): Record<string, string> | undefined {
  const data = configData(cluster.store, resource, ns, ref.name);
  if (!data && !ref.optional) throw new ContainerConfigError(`${KINDS[resource][0]} "${ref.name ?? ''}" not found`);
  return data;
}

/** A key of a ConfigMap or a Secret (configMapKeyRef, secretKeyRef), as makeEnvironmentVariables resolves it. */
function keyValue(cluster: Cluster, resource: 'configmaps' | 'secrets', ns: string, ref: { name?: string; key: string; optional?: boolean }): string | undefined {
  const data = referenced(cluster, resource, ns, ref);
  if (!data) return undefined;
  const v = own(data, ref.key);
  if (v === undefined && !ref.optional) throw new ContainerConfigError(`couldn't find key ${ref.key} in ${KINDS[resource][1]} ${ns}/${ref.name ?? ''}`);
  return v;
}

function envVarValue(cluster: Cluster, pod: PodObject, e: EnvVar, addr: PodAddresses, lookup: (n: string) => string | undefined): string | undefined {
  if (e.value) return expand(e.value, lookup);
  const from = e.valueFrom;
  if (!from) return '';
  const ns = pod.metadata.namespace ?? 'default';
  if (from.fieldRef) return fieldValue(pod, from.fieldRef.fieldPath, addr);
  if (from.configMapKeyRef) return keyValue(cluster, 'configmaps', ns, from.configMapKeyRef);
  if (from.secretKeyRef) return keyValue(cluster, 'secrets', ns, from.secretKeyRef);
  return undefined;
}

/** The container's environment; throws ContainerConfigError for a missing, non-optional reference. */
function containerEnvironment(cluster: Cluster, pod: PodObject, c: Container, serviceEnv: Record<string, string>, addr: PodAddresses): Record<string, string> {
  // Names are the user's (envFrom takes any key of the data): none may meet Object.prototype.
  const env = dict<string>();
  const lookup = (n: string) => env[n] ?? own(serviceEnv, n);
  const ns = pod.metadata.namespace ?? 'default';
  for (const src of c.envFrom ?? []) {
    const data = src.configMapRef ? referenced(cluster, 'configmaps', ns, src.configMapRef) : src.secretRef ? referenced(cluster, 'secrets', ns, src.secretRef) : undefined;
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
 * Records the environment of the pod's containers (all, or those named) as they start, and
 * returns the ones that cannot start with the kubelet's reason. `serviceEnvs` keeps the Service
 * variables per namespace for one kubelet pass, in which no Service changes.
 */
export function recordContainerEnvironment(
  cluster: Cluster,
  pod: PodObject,
  hostIP: string,
  podIP: string,
  serviceEnvs = new Map<string, Record<string, string>>(),
  only?: Set<string>,
): Map<string, string> {
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
  const failed = new Map<string, string>();
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    if (only && !only.has(c.name)) continue;
    let env: Record<string, string>;
    try {
      env = containerEnvironment(cluster, pod, c, serviceEnv, { hostIP, podIP });
    } catch (e) {
      if (!(e instanceof ContainerConfigError)) throw e;
      failed.set(c.name, e.message);
      continue;
    }
    setOwn(byContainer, c.name, { ...(own(byContainer, c.name) ?? { fs: {}, log: [] }), env });
  }
  return failed;
}
