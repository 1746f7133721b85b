// What a container's volume mounts put into its filesystem: ConfigMap and Secret keys as files,
// the service-account token, downward-API files, empty directories for emptyDir and the rest.
// Mounted files are part of the read-only layer; writes land in the container's own layer.

import type { Container, Volume, VolumeProjection } from 'kubernetes-types/core/v1';
import type { PodObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { fieldValue } from '../api/fieldpath.js';
import { configData } from '../kinds/configdata.js';
import { hostPathFiles } from './nodefs.js';
import { resolvePath } from './overlayfs.js';
import { own } from '../util/objects.js';

export interface Mounted {
  files: Record<string, string>;
  dirs: string[];
}

const CA = '-----BEGIN CERTIFICATE-----\nMIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl\ncm5ldGVzMB4XDTI0MDEwMTAwMDAwMFoXDTM0MDEwMTAwMDAwMFowFTETMBEGA1UE\nAxMKa3ViZXJuZXRlczCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAK1k\n-----END CERTIFICATE-----\n';

function serviceAccountToken(pod: PodObject): string {
  const sa = pod.spec?.serviceAccountName ?? 'default';
  const claims = {
    aud: ['https://kubernetes.default.svc.cluster.local'],
    iss: 'https://kubernetes.default.svc.cluster.local',
    kubernetes: { namespace: pod.metadata.namespace, pod: { name: pod.metadata.name, uid: pod.metadata.uid }, serviceaccount: { name: sa } },
    sub: `system:serviceaccount:${pod.metadata.namespace}:${sa}`,
  };
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b64({ alg: 'RS256', kid: 'kctl' })}.${b64(claims)}.${Buffer.from(pod.metadata.uid ?? '').toString('base64url')}`;
}

function keys(cluster: Cluster, kind: 'configmaps' | 'secrets', ns: string, name: string | undefined, items: { key: string; path: string }[] | undefined): Record<string, string> {
  const data = configData(cluster.store, kind, ns, name) ?? {};
  const wanted = items?.length ? items : Object.keys(data).map((k) => ({ key: k, path: k }));
  return Object.fromEntries(
    wanted.flatMap((i) => {
      const v = own(data, i.key);
      return v === undefined ? [] : [[i.path, v]];
    }),
  );
}

function projection(cluster: Cluster, pod: PodObject, p: VolumeProjection): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  if (p.serviceAccountToken) return { [p.serviceAccountToken.path]: serviceAccountToken(pod) };
  if (p.configMap) return p.configMap.name === 'kube-root-ca.crt' ? { 'ca.crt': CA } : keys(cluster, 'configmaps', ns, p.configMap.name, p.configMap.items);
  if (p.secret) return keys(cluster, 'secrets', ns, p.secret.name, p.secret.items);
  if (p.downwardAPI) {
    const addr = { hostIP: pod.status?.hostIP ?? '', podIP: pod.status?.podIP ?? '' };
    return Object.fromEntries((p.downwardAPI.items ?? []).filter((i) => i.fieldRef).map((i) => [i.path, fieldValue(pod, i.fieldRef!.fieldPath, addr)]));
  }
  return {};
}

function volumeFiles(cluster: Cluster, pod: PodObject, v: Volume): Record<string, string> | null {
  const ns = pod.metadata.namespace ?? 'default';
  if (v.configMap) return keys(cluster, 'configmaps', ns, v.configMap.name, v.configMap.items);
  if (v.secret) return keys(cluster, 'secrets', ns, v.secret.secretName, v.secret.items);
  if (v.projected) return Object.assign({}, ...(v.projected.sources ?? []).map((s) => projection(cluster, pod, s)));
  if (v.downwardAPI) return projection(cluster, pod, { downwardAPI: v.downwardAPI });
  if (v.hostPath) return hostPathFiles(cluster, pod, v.hostPath.path);
  return null;
}

export function mountedFiles(cluster: Cluster, pod: PodObject, c: Container): Mounted {
  const out: Mounted = { files: {}, dirs: [] };
  for (const m of c.volumeMounts ?? []) {
    const vol = pod.spec?.volumes?.find((v) => v.name === m.name);
    if (!vol) continue;
    const mountPath = resolvePath('/', m.mountPath);
    const files = volumeFiles(cluster, pod, vol);
    if (files === null) {
      out.dirs.push(mountPath);
      continue;
    }
    if (m.subPath) {
      const file = own(files, m.subPath);
      if (file !== undefined) out.files[mountPath] = file;
      else out.dirs.push(mountPath);
      continue;
    }
    out.dirs.push(mountPath);
    for (const [rel, content] of Object.entries(files)) out.files[resolvePath(mountPath, rel)] = content;
  }
  return out;
}
