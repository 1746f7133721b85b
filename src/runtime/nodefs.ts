// A node's own files as a hostPath volume shows them (kubectl debug node/NAME mounts the root at
// /host): a kind node's Debian root with its kubelet and containerd configuration, made from the
// cluster's state. Never the real host's files.

import type { PodObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';

function nodeRoot(cluster: Cluster, nodeName: string): Record<string, string> {
  const node = cluster.store.get('nodes', undefined, nodeName);
  const info = node?.status?.nodeInfo;
  const ip = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  const files: Record<string, string> = {
    '/etc/hostname': `${nodeName}\n`,
    '/etc/hosts': `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${ip}\t${nodeName}\n`,
    '/etc/os-release': `PRETTY_NAME="${info?.osImage ?? 'Debian GNU/Linux 12 (bookworm)'}"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\n`,
    '/etc/machine-id': `${info?.machineID ?? ''}\n`,
    '/etc/containerd/config.toml': 'version = 2\n\n[plugins."io.containerd.grpc.v1.cri".containerd]\n  default_runtime_name = "runc"\n',
    '/var/lib/kubelet/config.yaml': `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncgroupDriver: systemd\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\nstaticPodPath: /etc/kubernetes/manifests\n`,
    '/etc/kubernetes/kubelet.conf': `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://kctl-control-plane:6443\n  name: kind-kctl\n`,
  };
  // The control plane's static pods, as their manifests.
  for (const p of cluster.store.list('pods', 'kube-system')) {
    if (p.spec?.nodeName !== nodeName || p.metadata.annotations?.['kubernetes.io/config.source'] !== 'file') continue;
    const component = p.metadata.labels?.component ?? p.metadata.name;
    files[`/etc/kubernetes/manifests/${component}.yaml`] = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${component}\n  namespace: kube-system\n`;
  }
  // What the kubelet keeps of the pods it runs.
  for (const p of cluster.store.list('pods')) {
    if (p.spec?.nodeName !== nodeName) continue;
    for (const c of p.spec.containers) files[`/var/log/pods/${p.metadata.namespace}_${p.metadata.name}_${p.metadata.uid}/${c.name}/0.log`] = '';
  }
  return files;
}

/** The files of a hostPath volume: the node's under the path, rebased to the volume's root. */
export function hostPathFiles(cluster: Cluster, pod: PodObject, path: string): Record<string, string> {
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return {};
  const base = path.replace(/\/+$/, '');
  const out: Record<string, string> = {};
  for (const [file, content] of Object.entries(nodeRoot(cluster, nodeName))) {
    if (base === '') out[file.slice(1)] = content;
    else if (file.startsWith(`${base}/`)) out[file.slice(base.length + 1)] = content;
  }
  return out;
}
