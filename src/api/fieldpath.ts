// The pod fields a container can read through the downward API (fieldRef in env vars and
// downwardAPI volumes), as pkg/fieldpath's ExtractFieldPathAsString and the kubelet's
// podFieldSelectorRuntimeValue resolve them.

import type { PodSpec } from 'kubernetes-types/core/v1';
import type { KObject } from './types.js';

export interface PodAddresses {
  hostIP: string;
  podIP: string;
}

export function fieldValue(pod: KObject, path: string, addr: PodAddresses): string {
  const spec = pod.spec as PodSpec;
  const key = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (key) return (key[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[key[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return spec.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return addr.hostIP;
    case 'status.podIP':
    case 'status.podIPs':
      return addr.podIP;
    default:
      return '';
  }
}
