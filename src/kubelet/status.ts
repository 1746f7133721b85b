// What the kubelet reports when a container's main process ends: terminated (Completed, Error,
// StartError), or restarted into CrashLoopBackOff as the restart policy asks; and the pod's
// phase and conditions that follow.

import type { ContainerStatus } from 'kubernetes-types/core/v1';
import type { KObject } from '../api/types.js';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';

export type Outcome = { kind: 'exited'; code: number } | { kind: 'start-error'; message: string };

function terminated(outcome: Outcome, startedAt: string, finishedAt: string, containerID?: string) {
  const code = outcome.kind === 'exited' ? outcome.code : 128;
  const reason = outcome.kind === 'start-error' ? 'StartError' : code === 0 ? 'Completed' : 'Error';
  return {
    terminated: {
      containerID,
      exitCode: code,
      reason,
      ...(outcome.kind === 'start-error' ? { message: outcome.message } : {}),
      startedAt: outcome.kind === 'start-error' ? '1970-01-01T00:00:00Z' : startedAt,
      finishedAt,
    },
  };
}

/** Records that container `name` of `started` ended (in the pod as it is now stored). */
export function containerExited(api: ApiServer, started: KObject, name: string, outcome: Outcome, finishedMs: number): void {
  const { cluster } = api;
  const pod = cluster.store.get('pods', started.metadata.namespace, started.metadata.name);
  if (!pod || pod.metadata.uid !== started.metadata.uid) return;
  const finished = new Date(finishedMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  // An ephemeral container ends for good, and the pod's phase does not follow it.
  if (pod.spec?.ephemeralContainers?.some((c) => c.name === name)) {
    const ephemeralContainerStatuses = (pod.status?.ephemeralContainerStatuses ?? []).map((s) =>
      s.name === name ? { ...s, state: terminated(outcome, s.state?.running?.startedAt ?? finished, finished, s.containerID) } : s,
    );
    api.updateStatus(resourceInfo('pods'), pod, { ephemeralContainerStatuses });
    return;
  }
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const finishedAt = new Date(finishedMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const code = outcome.kind === 'exited' ? outcome.code : 128;
  const restarts = policy === 'Always' || (policy === 'OnFailure' && code !== 0);
  const statuses: ContainerStatus[] = (pod.status?.containerStatuses ?? []).map((s) => {
    if (s.name !== name) return s;
    const startedAt = s.state?.running?.startedAt ?? finishedAt;
    const ended = terminated(outcome, startedAt, finishedAt, s.containerID);
    if (!restarts) return { ...s, ready: false, started: false, state: ended };
    return {
      ...s,
      ready: false,
      started: false,
      restartCount: (s.restartCount ?? 0) + 1,
      lastState: ended,
      state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=${name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})` } },
    };
  });
  if (restarts) cluster.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, 'kubelet');
  const done = statuses.every((s) => s.state?.terminated);
  const phase = !done ? 'Running' : statuses.every((s) => s.state?.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const now = cluster.now();
  // Not typed PodCondition: the kubelet writes lastProbeTime null, which kubernetes-types does not allow.
  const conditions = (pod.status?.conditions ?? []).map((c) => {
    if (c.type === 'PodReadyToStartContainers' && done) return { ...c, status: 'False', lastTransitionTime: now };
    if (c.type !== 'Ready' && c.type !== 'ContainersReady') return c;
    if (unready.length === 0) return c;
    const reason = done ? 'PodCompleted' : 'ContainersNotReady';
    const message = done ? undefined : `containers with unready status: [${unready.join(' ')}]`;
    return { type: c.type, status: 'False', lastProbeTime: null, lastTransitionTime: c.status === 'False' ? c.lastTransitionTime : now, reason, ...(message ? { message } : {}) };
  });
  api.updateStatus(resourceInfo('pods'), pod, { phase, conditions, containerStatuses: statuses });
}
