// The kubelet's container logs, as it serves them to the API server (pods/log): what the image's
// server prints when it starts, then what the container's processes wrote.

import type { PodObject } from '../api/types.js';
import type { NodeConnection } from '../apiserver/node.js';
import type { Cluster } from '../cluster/cluster.js';
import { loadCatalog } from '../runtime/images/index.js';
import { startEntries } from '../runtime/logs.js';
import { parseEntry, type LogEntry } from '../store/containerlogs.js';
import { own } from '../util/objects.js';

export function kubeletConnection(cluster: Cluster, env: NodeJS.ProcessEnv): NodeConnection {
  return {
    containerLog(pod: PodObject, container: string): LogEntry[] {
      const spec = pod.spec?.containers.find((c) => c.name === container) ?? pod.spec?.ephemeralContainers?.find((c) => c.name === container);
      const status = pod.status?.containerStatuses?.find((s) => s.name === container) ?? pod.status?.ephemeralContainerStatuses?.find((s) => s.name === container);
      if (!spec) return [];
      const started = status?.state?.running?.startedAt ?? status?.state?.terminated?.startedAt ?? status?.lastState?.terminated?.startedAt;
      // A container given a command runs it instead of the image's server, which prints nothing.
      const ranCommand = !!(spec.command?.length || spec.args?.length);
      const image = loadCatalog(env).resolve(spec.image ?? '');
      const start = started && !ranCommand ? startEntries(image.spec.startLog, started) : [];
      const state = own(cluster.data.containers[pod.metadata.uid!], container);
      return [...start, ...(state?.log ?? []).map(parseEntry)];
    },
  };
}
