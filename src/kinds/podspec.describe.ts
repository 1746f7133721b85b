// A pod template's containers, volumes and tolerations as kubectl describe prints them, for
// Pods and the workloads.

import type { Container, PodSpec, PodTemplateSpec, ResourceFieldSelector, Toleration, Volume, ContainerStatus } from 'kubernetes-types/core/v1';
import { formatLabelSelector } from '../api/labels/index.js';
import type { PodObject } from '../api/types.js';
import { canonicalQuantity, parseQuantityNanos } from '../api/quantity.js';
import { describeTime, DescribeWriter } from '../printers/describe.js';

/** DescribePodTemplate: the `Pod Template:` block of workloads and `rollout history`. */
export function describePodTemplate(w: DescribeWriter, t: PodTemplateSpec | undefined): void {
  w.line(0, 'Pod Template:');
  if (!t) {
    w.line(1, '<unset>');
    return;
  }
  w.labels(1, 'Labels', t.metadata?.labels);
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length) w.annotations(1, 'Annotations', t.metadata.annotations);
  const spec: PodSpec = t.spec ?? { containers: [] };
  if (spec.serviceAccountName) w.line(1, `Service Account:\t${spec.serviceAccountName}`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers ?? [], undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  describeTopologySpread(w, '  ', spec.topologySpreadConstraints);
  if (spec.priorityClassName) w.line(1, `Priority Class Name:\t${spec.priorityClassName}`);
  w.labels(1, 'Node-Selectors', spec.nodeSelector);
  describeTolerations(w, '  ', 'Tolerations', spec.tolerations);
}

export function describeTolerations(w: DescribeWriter, space: string, title: string, tolerations: Toleration[] | undefined): void {
  const list = [...(tolerations ?? [])].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  if (!list.length) {
    w.line(0, `${space}${title}:\t<none>`);
    return;
  }
  list.forEach((t, i) => {
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.line(0, `${space}${i === 0 ? title + ':' : ''}\t${s}`);
  });
}

export function describeVolumes(w: DescribeWriter, volumes: Volume[] | undefined, space: string): void {
  if (!volumes?.length) {
    w.line(0, `${space}Volumes:\t<none>`);
    return;
  }
  w.line(0, `${space}Volumes:`);
  for (const v of volumes) {
    w.line(1, `${space ? ' ' : ''}${v.name}:`);
    if (v.hostPath) {
      w.line(2, 'Type:\tHostPath (bare host directory volume)');
      w.line(2, `Path:\t${v.hostPath.path}`);
      w.line(2, `HostPathType:\t${v.hostPath.type ?? '<none>'}`);
    } else if (v.emptyDir) {
      const limit = v.emptyDir.sizeLimit === undefined ? undefined : canonicalQuantity(String(v.emptyDir.sizeLimit));
      w.line(2, 'Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)');
      w.line(2, `Medium:\t${v.emptyDir.medium ?? ''}`);
      w.line(2, `SizeLimit:\t${limit && !limit.startsWith('-') && limit !== '0' ? limit : '<unset>'}`);
    } else if (v.gitRepo) {
      w.line(2, 'Type:\tGitRepo (a volume that is pulled from git when the pod is created)');
      w.line(2, `Repository:\t${v.gitRepo.repository}`);
      w.line(2, `Revision:\t${v.gitRepo.revision ?? ''}`);
    } else if (v.secret) {
      w.line(2, 'Type:\tSecret (a volume populated by a Secret)');
      w.line(2, `SecretName:\t${v.secret.secretName ?? ''}`);
      w.line(2, `Optional:\t${v.secret.optional ?? false}`);
    } else if (v.configMap) {
      w.line(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)');
      w.line(2, `Name:\t${v.configMap.name ?? ''}`);
      w.line(2, `Optional:\t${v.configMap.optional ?? false}`);
    } else if (v.nfs) {
      w.line(2, 'Type:\tNFS (an NFS mount that lasts the lifetime of a pod)');
      w.line(2, `Server:\t${v.nfs.server}`);
      w.line(2, `Path:\t${v.nfs.path}`);
      w.line(2, `ReadOnly:\t${v.nfs.readOnly ?? false}`);
    } else if (v.persistentVolumeClaim) {
      w.line(2, 'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)');
      w.line(2, `ClaimName:\t${v.persistentVolumeClaim.claimName}`);
      w.line(2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly ?? false}`);
    } else if (v.ephemeral) {
      w.line(2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)');
      if (v.ephemeral.volumeClaimTemplate) describeClaimTemplate(w, v.ephemeral.volumeClaimTemplate);
    } else if (v.downwardAPI) {
      w.line(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)');
      w.line(2, 'Items:');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.line(3, `${item.fieldRef.fieldPath} -> ${item.path}`);
        if (item.resourceFieldRef) w.line(3, `${item.resourceFieldRef.resource} -> ${item.path}`);
      }
    } else if (v.projected) {
      w.line(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)');
      // kubectl prints the optional flags as Go pointers: <nil> when unset.
      for (const s of v.projected.sources ?? []) {
        if (s.secret) {
          w.line(2, `SecretName:\t${s.secret.name ?? ''}`);
          w.line(2, `SecretOptionalName:\t${s.secret.optional ?? '<nil>'}`);
        } else if (s.downwardAPI) {
          w.line(2, 'DownwardAPI:\ttrue');
        } else if (s.configMap) {
          w.line(2, `ConfigMapName:\t${s.configMap.name ?? ''}`);
          w.line(2, `ConfigMapOptional:\t${s.configMap.optional ?? '<nil>'}`);
        } else if (s.serviceAccountToken) {
          w.line(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}`);
        }
      }
    } else if (v.csi) {
      w.line(2, 'Type:\tCSI (a Container Storage Interface (CSI) volume source)');
      w.line(2, `Driver:\t${v.csi.driver}`);
      w.line(2, `FSType:\t${v.csi.fsType ?? ''}`);
      w.line(2, `ReadOnly:\t${v.csi.readOnly ?? false}`);
      // Each part of these lines is written at the volume's level, so values get its indent again.
      const attrs = Object.keys(v.csi.volumeAttributes ?? {}).sort();
      if (!attrs.length) w.line(2, 'VolumeAttributes:\t<none>');
      attrs.forEach((k, i) => {
        const line = `${k}=${v.csi!.volumeAttributes![k]}`;
        w.line(2, `${i ? '    ' : 'VolumeAttributes:'}\t    ${line.length > 140 ? line.slice(0, 140) + '...' : line}`);
      });
    } else {
      w.line(1, '<unknown>');
    }
  }
}

/**
 * An ephemeral volume's claim template, as printPersistentVolumeClaim prints it through a nested
 * writer: its labels' and annotations' values get the nesting indent a second time.
 */
function describeClaimTemplate(w: DescribeWriter, t: NonNullable<NonNullable<Volume['ephemeral']>['volumeClaimTemplate']>): void {
  const spec = t.spec;
  const nested = '    ';
  w.line(2, `StorageClass:\t${t.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? spec.storageClassName ?? ''}`);
  w.line(2, `Volume:\t${spec.volumeName ?? ''}`);
  const labels = Object.keys(t.metadata?.labels ?? {}).sort();
  if (!labels.length) w.line(2, `Labels:\t${nested}<none>`);
  labels.forEach((k, i) => w.line(2, `${i ? nested : 'Labels:'}\t${nested}${k}=${t.metadata!.labels![k]}`));
  const annotations = Object.keys(t.metadata?.annotations ?? {}).sort();
  if (!annotations.length) w.line(2, `Annotations:\t${nested}<none>`);
  annotations.forEach((k, i) => w.line(2, `${i ? '' : 'Annotations:'}\t${nested}${k}: ${t.metadata!.annotations![k]}`));
  // Capacity and access modes come from the claim's status, which a template has none of.
  w.line(2, `Capacity:\t${spec.volumeName ? '0' : ''}`);
  w.line(2, 'Access Modes:\t');
  if (spec.volumeMode) w.line(2, `VolumeMode:\t${spec.volumeMode}`);
  if (spec.dataSource) {
    w.line(2, 'DataSource:');
    if (spec.dataSource.apiGroup) w.line(3, `APIGroup:\t${spec.dataSource.apiGroup}`);
    w.line(3, `Kind:\t${spec.dataSource.kind}`);
    w.line(3, `Name:\t${spec.dataSource.name}`);
  }
}

/** A seccomp profile's type, and its file when it is Localhost. */
export function describeSeccomp(w: DescribeWriter, level: number, fileLevel: number, profile: { type: string; localhostProfile?: string } | undefined): void {
  if (!profile) return;
  w.line(level, `SeccompProfile:\t${profile.type}`);
  if (profile.type === 'Localhost') w.line(fileLevel, `LocalhostProfile:\t${profile.localhostProfile ?? ''}`);
}

/** The `Topology Spread Constraints:` lines, by topology key. */
export function describeTopologySpread(w: DescribeWriter, space: string, constraints: PodSpec['topologySpreadConstraints']): void {
  const list = [...(constraints ?? [])].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  list.forEach((c, i) => {
    const selector = c.labelSelector ? ` for selector ${formatLabelSelector(c.labelSelector)}` : '';
    w.line(0, `${space}${i ? '' : 'Topology Spread Constraints:'}\t${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded${selector}`);
  });
}

export function describeContainers(
  w: DescribeWriter,
  label: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  space: string,
  pod?: PodObject,
): void {
  w.line(0, `${space}${label}:`);
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name);
    w.line(1, `${space ? ' ' : ''}${c.name}:`);
    if (st) w.line(2, `Container ID:\t${st.containerID ?? ''}`);
    w.line(2, `Image:\t${c.image}`);
    if (st) w.line(2, `Image ID:\t${st.imageID ?? ''}`);
    const ports = portsText(c, false);
    w.line(2, ports.includes(',') ? `Ports:\t${ports}` : `Port:\t${ports || '<none>'}`);
    const hostPorts = portsText(c, true);
    w.line(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}` : `Host Port:\t${hostPorts || '<none>'}`);
    describeSeccomp(w, 2, 3, c.securityContext?.seccompProfile);
    for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
      if (!list?.length) continue;
      w.line(2, `${title}:`);
      for (const a of list) for (const l of a.split('\n')) w.line(3, l);
    }
    if (st) {
      describeState(w, 'State', st.state);
      if (st.lastState?.terminated) describeState(w, 'Last State', st.lastState);
      w.line(2, `Ready:\t${st.ready ? 'True' : 'False'}`);
      w.line(2, `Restart Count:\t${st.restartCount ?? 0}`);
    }
    for (const [title, list] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
      const keys = Object.keys(list ?? {}).sort();
      if (!keys.length) continue;
      w.line(2, `${title}:`);
      for (const k of keys) w.line(3, `${k}:\t${quantityText(list![k])}`);
    }
    if (c.livenessProbe) w.line(2, `Liveness:\t${probeText(c.livenessProbe)}`);
    if (c.readinessProbe) w.line(2, `Readiness:\t${probeText(c.readinessProbe)}`);
    if (c.startupProbe) w.line(2, `Startup:\t${probeText(c.startupProbe)}`);
    if (c.envFrom?.length) {
      w.line(2, 'Environment Variables from:');
      for (const f of c.envFrom) {
        const [kindText, ref] = f.configMapRef ? ['ConfigMap', f.configMapRef] : ['Secret', f.secretRef!];
        w.line(3, `${ref.name}\t${kindText}${f.prefix ? ` with prefix '${f.prefix}'` : ''}\tOptional: ${ref.optional ?? false}`);
      }
    }
    w.line(2, `Environment:${c.env?.length ? '' : '\t<none>'}`);
    for (const e of c.env ?? []) {
      const vf = e.valueFrom;
      if (!vf) {
        (e.value ?? '').split('\n').forEach((l, i) => w.line(3, i === 0 ? `${e.name}:\t${l}` : `\t${l}`));
      } else if (vf.fieldRef) {
        w.line(3, `${e.name}:\t${fieldRefValue(vf.fieldRef.fieldPath, pod)} (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})`);
      } else if (vf.secretKeyRef) {
        w.line(3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${vf.secretKeyRef.optional ?? false}`);
      } else if (vf.configMapKeyRef) {
        w.line(3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${vf.configMapKeyRef.optional ?? false}`);
      } else if (vf.resourceFieldRef) {
        w.line(3, `${e.name}:\t${resourceFieldValue(vf.resourceFieldRef, c)} (${vf.resourceFieldRef.resource})`);
      }
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => a.mountPath.localeCompare(b.mountPath));
    w.line(2, `Mounts:${mounts.length ? '' : '\t<none>'}`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
      w.line(3, `${m.mountPath} from ${m.name} (${flags.join(',')})`);
    }
  }
}

/** Quantity.String() of a quantity as the API server stored it. */
function quantityText(q: unknown): string {
  try {
    return canonicalQuantity(String(q));
  } catch {
    return String(q);
  }
}

/** EnvValueRetriever: describe resolves a Pod's name and namespace, and nothing else. */
function fieldRefValue(path: string, pod: PodObject | undefined): string {
  if (path === 'metadata.name') return pod?.metadata.name ?? '';
  if (path === 'metadata.namespace') return pod?.metadata.namespace ?? '';
  return '';
}

/** The value describe shows for a container's resourceFieldRef (ExtractContainerResourceValue). */
function resourceFieldValue(ref: ResourceFieldSelector, c: Container): string {
  const [kind, name] = ref.resource.split('.');
  const q = (kind === 'limits' ? c.resources?.limits : kind === 'requests' ? c.resources?.requests : undefined)?.[name];
  const value = parseQuantityNanos(String(q ?? '0')) ?? 0n;
  const divisor = parseQuantityNanos(String(ref.divisor ?? '1')) || 1_000_000_000n;
  const n = (value + divisor - 1n) / divisor;
  // A limit nobody set is the node's allocatable amount.
  return n === 0n && kind === 'limits' ? 'node allocatable' : String(n);
}

function describeState(w: DescribeWriter, title: string, s: ContainerStatus['state']): void {
  if (s?.running) {
    w.line(2, `${title}:\tRunning`);
    w.line(3, `Started:\t${describeTime(s.running.startedAt)}`);
  } else if (s?.terminated) {
    const t = s.terminated;
    w.line(2, `${title}:\tTerminated`);
    if (t.reason) w.line(3, `Reason:\t${t.reason}`);
    if (t.message) w.line(3, `Message:\t${t.message}`);
    w.line(3, `Exit Code:\t${t.exitCode}`);
    if (t.signal) w.line(3, `Signal:\t${t.signal}`);
    w.line(3, `Started:\t${describeTime(t.startedAt)}`);
    w.line(3, `Finished:\t${describeTime(t.finishedAt)}`);
  } else {
    w.line(2, `${title}:\tWaiting`);
    if (s?.waiting?.reason) w.line(3, `Reason:\t${s.waiting.reason}`);
  }
}

function probeText(p: NonNullable<Container['livenessProbe']>): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    return `http-get ${scheme}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function portsText(c: Container, host: boolean): string {
  return (c.ports ?? []).map((p) => `${host ? (p.hostPort ?? 0) : p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
}
