// What the API server asks of the kubelet of a pod's node, as a real API server proxies
// pods/log (and, later, exec and attach) to the kubelet's own API. The kubelet implements it; the
// API server never reaches into the runtime itself.

import { notFound, StatusError } from '../api/errors.js';
import type { PodObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import type { LogEntry } from '../store/containerlogs.js';

export interface NodeConnection {
  /** A container's log, oldest first (one log is kept per container, across its restarts). */
  containerLog(pod: PodObject, container: string): LogEntry[];
}

/** streamLocation of pods/exec, attach and portforward: the pod, its container (named, or its only one), its node. */
export function streamLocation(cluster: Cluster, namespace: string, name: string, container: string): { pod: PodObject; container: string } {
  const pod = cluster.store.get('pods', namespace, name);
  if (!pod) throw notFound('pods', name);
  const containers = pod.spec?.containers ?? [];
  if (!container) {
    if (containers.length !== 1) {
      throw new StatusError('BadRequest', `a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`);
    }
    container = containers[0].name;
  }
  const all = [...(pod.spec?.initContainers ?? []), ...containers, ...(pod.spec?.ephemeralContainers ?? [])];
  if (!all.some((c) => c.name === container)) throw new StatusError('BadRequest', `container ${container} is not valid for pod ${name}`);
  if (!pod.spec?.nodeName) throw new StatusError('BadRequest', `pod ${name} does not have a host assigned`);
  return { pod, container };
}
