// Ephemeral containers (kubectl debug): the kubelet starts each one added to a running pod, in the
// pod's network, and reports it in status.ephemeralContainerStatuses. Never restarted; its main
// process runs as a container's does (waiting for a client to attach when it keeps stdin open).

import type { Container, ContainerStatus } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../api/scheme.js';
import type { PodObject } from '../api/types.js';
import type { ApiServer } from '../apiserver/server.js';
import { ownOrSet } from '../util/objects.js';
import { imageID, normalizeImage } from './images.js';
import { markPending } from './pending.js';

/** Whether the pod has ephemeral containers the kubelet has not started yet. */
export function hasNewEphemeralContainers(pod: PodObject): boolean {
  const wanted = pod.spec?.ephemeralContainers?.length ?? 0;
  return wanted > 0 && pod.status?.phase === 'Running' && (pod.status.ephemeralContainerStatuses?.length ?? 0) < wanted;
}

export function startEphemeralContainers(api: ApiServer, pod: PodObject): void {
  const { cluster } = api;
  const started = new Set((pod.status?.ephemeralContainerStatuses ?? []).map((s) => s.name));
  const fresh = (pod.spec?.ephemeralContainers ?? []).filter((c) => !started.has(c.name)) as Container[];
  const now = cluster.now();
  const states = (cluster.data.containers[pod.metadata.uid!] ??= {});
  const statuses: ContainerStatus[] = [...(pod.status?.ephemeralContainerStatuses ?? [])];
  for (const c of fresh) {
    cluster.event(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, 'kubelet');
    cluster.event(pod, 'Normal', 'Created', `Created container: ${c.name}`, 'kubelet');
    cluster.event(pod, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet');
    statuses.push({
      containerID: `containerd://${cluster.rand.hex(64)}`,
      image: normalizeImage(c.image ?? ''),
      imageID: imageID(c.image ?? ''),
      lastState: {},
      name: c.name,
      ready: false,
      restartCount: 0,
      state: { running: { startedAt: now } },
    });
    if (!c.command?.length && !c.args?.length && !c.stdin) continue;
    ownOrSet(states, c.name, () => ({ fs: {}, log: [] })).start = 'pending';
    markPending(cluster, pod.metadata.uid!, c.name);
  }
  api.updateStatus(resourceInfo('pods'), pod, { ephemeralContainerStatuses: statuses });
}
