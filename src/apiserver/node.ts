// What the API server asks of the kubelet of a pod's node, as a real API server proxies
// pods/log (and, later, exec and attach) to the kubelet's own API. The kubelet implements it; the
// API server never reaches into the runtime itself.

import type { PodObject } from '../api/types.js';
import type { LogEntry } from '../store/containerlogs.js';

export interface NodeConnection {
  /** A container's log, oldest first (one log is kept per container, across its restarts). */
  containerLog(pod: PodObject, container: string): LogEntry[];
}
