// Node (v1): table columns. Nodes are created by `kctl cluster reset`, not by users.

import { resourceInfo } from '../api/scheme.js';
import type { ObjectOf } from '../api/types.js';
import { rfc3339 } from '../cluster/cluster.js';
import { age } from '../util/duration.js';
import type { Kind } from './kind.js';

type NodeObject = ObjectOf<'nodes'>;

function nodeStatus(o: NodeObject): string {
  const ready = o.status?.conditions?.find((c) => c.type === 'Ready');
  let s = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : ready.status === 'False' ? 'NotReady' : 'Unknown';
  if (o.spec?.unschedulable) s += ',SchedulingDisabled';
  return s;
}

export function nodeRoles(o: NodeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

/**
 * A node as read at nowMs: its kubelet keeps posting status, so its conditions' heartbeat is that
 * moment (kctl's kubelet does not write it to the state file at every tick).
 */
export function nodeAsOf(o: NodeObject, nowMs: number): NodeObject {
  const conditions = o.status?.conditions;
  if (!conditions?.length) return o;
  const t = rfc3339(nowMs);
  return { ...o, status: { ...o.status, conditions: conditions.map((c) => ({ ...c, lastHeartbeatTime: t })) } };
}

/** The node's Lease in kube-node-lease (coordination.k8s.io/v1), as its kubelet renews it: just now. */
export function nodeLease(o: NodeObject, nowMs: number): Record<string, unknown> {
  const micro = new Date(nowMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  return {
    kind: 'Lease',
    apiVersion: 'coordination.k8s.io/v1',
    metadata: {
      name: o.metadata.name,
      namespace: 'kube-node-lease',
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: o.metadata.name, uid: o.metadata.uid }],
    },
    spec: { holderIdentity: o.metadata.name, leaseDurationSeconds: 40, renewTime: micro },
  };
}

const address = (o: NodeObject, type: string) => o.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';

/**
 * A NoExecute taint keeps the time it was added (kept from the old object when it was there), so
 * the taint-eviction controller can count tolerationSeconds from it between commands.
 */
function stampNoExecute(o: NodeObject, old: NodeObject | undefined, now: string): void {
  for (const t of o.spec?.taints ?? []) {
    if (t.effect !== 'NoExecute' || t.timeAdded) continue;
    const before = old?.spec?.taints?.find((p) => p.key === t.key && p.effect === t.effect && p.timeAdded);
    t.timeAdded = before?.timeAdded ?? now;
  }
}

export const nodeKind: Kind<'nodes'> = {
  info: resourceInfo('nodes'),
  prepareForUpdate: (o, old, cluster) => stampNoExecute(o, old, cluster.now()),
  columns: [
    { name: 'STATUS', cell: nodeStatus },
    { name: 'ROLES', cell: nodeRoles },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    { name: 'VERSION', cell: (o) => o.status?.nodeInfo?.kubeletVersion ?? '' },
    { name: 'INTERNAL-IP', priority: 1, cell: (o) => address(o, 'InternalIP') },
    { name: 'EXTERNAL-IP', priority: 1, cell: (o) => address(o, 'ExternalIP') },
    { name: 'OS-IMAGE', priority: 1, cell: (o) => o.status?.nodeInfo?.osImage || '<unknown>' },
    { name: 'KERNEL-VERSION', priority: 1, cell: (o) => o.status?.nodeInfo?.kernelVersion || '<unknown>' },
    { name: 'CONTAINER-RUNTIME', priority: 1, cell: (o) => o.status?.nodeInfo?.containerRuntimeVersion || '<unknown>' },
  ],
};
