// Reads of resources kctl keeps no objects of, which kubectl describe asks for as it would of any
// v1.32 cluster: the Leases its kubelets renew in kube-node-lease (made from the Node, so
// `describe node` shows its Lease). They are not listed in discovery; writes to them get the 404
// of an unknown path.

import { notFound } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import { ApiReader } from '../apiserver/reader.js';
import type { StateAccess } from '../cluster/access.js';
import { nodeLease } from '../kinds/node.js';
import type { Reply } from './http.js';

/** Whether GET <path> is one of these reads (answered by unstoredReply). */
export function isUnstored(group: string, version: string, rest: string[], method: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return group === 'coordination.k8s.io' && version === 'v1' && rest.length === 4 && rest[0] === 'namespaces' && rest[1] === 'kube-node-lease' && rest[2] === 'leases';
}

export async function unstoredReply(rest: string[], access: StateAccess): Promise<Reply> {
  const cluster = await access.read();
  const node = new ApiReader(cluster).find(resourceInfo('nodes'), undefined, rest[3]);
  if (!node) throw notFound('leases.coordination.k8s.io', rest[3]);
  return { body: nodeLease(node, cluster.nowMs) };
}
