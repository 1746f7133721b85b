// Node (v1): table columns. Nodes are created by `kctl cluster reset`, not by users.

import type { NodeStatus } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { age } from '../util/duration.js';
import type { Kind } from './kind.js';

const status = (o: KObject) => (o.status ?? {}) as NodeStatus;

function nodeStatus(o: KObject): string {
  const ready = status(o).conditions?.find((c) => c.type === 'Ready');
  let s = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : ready.status === 'False' ? 'NotReady' : 'Unknown';
  if ((o.spec as { unschedulable?: boolean })?.unschedulable) s += ',SchedulingDisabled';
  return s;
}

export function nodeRoles(o: KObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

const address = (o: KObject, type: string) => status(o).addresses?.find((a) => a.type === type)?.address ?? '<none>';

export const nodeKind: Kind = {
  info: resourceInfo('nodes'),
  columns: [
    { name: 'STATUS', cell: nodeStatus },
    { name: 'ROLES', cell: nodeRoles },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    { name: 'VERSION', cell: (o) => status(o).nodeInfo?.kubeletVersion ?? '' },
    { name: 'INTERNAL-IP', priority: 1, cell: (o) => address(o, 'InternalIP') },
    { name: 'EXTERNAL-IP', priority: 1, cell: (o) => address(o, 'ExternalIP') },
    { name: 'OS-IMAGE', priority: 1, cell: (o) => status(o).nodeInfo?.osImage || '<unknown>' },
    { name: 'KERNEL-VERSION', priority: 1, cell: (o) => status(o).nodeInfo?.kernelVersion || '<unknown>' },
    { name: 'CONTAINER-RUNTIME', priority: 1, cell: (o) => status(o).nodeInfo?.containerRuntimeVersion || '<unknown>' },
  ],
};
