// pods/log: the API server checks the request against the pod (the container must be one of its
// own, started, or have a previous instance for `previous`), asks the kubelet for the log and
// applies sinceSeconds and tailLines.

import type { Container, ContainerStatus } from 'kubernetes-types/core/v1';
import { StatusError } from '../api/errors.js';
import type { PodObject } from '../api/types.js';
import type { LogEntry } from '../store/containerlogs.js';
import type { NodeConnection } from './node.js';

export interface LogOptions {
  container: string;
  previous?: boolean;
  /** Only entries written at most this many milliseconds before now. */
  sinceMs?: number;
  /** Only the last lines (negative: all). */
  tailLines?: number;
}

function waitingReason(status: ContainerStatus | undefined): string | null {
  if (!status) return 'ContainerCreating';
  if (status.state?.waiting && !status.lastState?.terminated) return status.state.waiting.reason ?? 'ContainerCreating';
  return null;
}

export function containerLog(node: NodeConnection, pod: PodObject, opts: LogOptions, nowMs: number): LogEntry[] {
  const name = pod.metadata.name;
  const containers: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...((pod.spec?.ephemeralContainers ?? []) as Container[])];
  if (!containers.some((c) => c.name === opts.container)) throw new StatusError('BadRequest', `container ${opts.container} is not valid for pod ${name}`);
  const status = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((s) => s.name === opts.container);
  if (opts.previous) {
    if (!status?.lastState?.terminated) throw new StatusError('BadRequest', `previous terminated container "${opts.container}" in pod "${name}" not found`);
  } else {
    const waiting = waitingReason(status);
    if (waiting) throw new StatusError('BadRequest', `container "${opts.container}" in pod "${name}" is waiting to start: ${waiting}`);
  }
  let entries = node.containerLog(pod, opts.container);
  if (opts.sinceMs !== undefined) entries = entries.filter((e) => Date.parse(e.time) >= nowMs - opts.sinceMs!);
  if (opts.tailLines !== undefined && opts.tailLines >= 0) entries = entries.slice(Math.max(0, entries.length - opts.tailLines));
  return entries;
}
