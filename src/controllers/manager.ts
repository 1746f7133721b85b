// The controller manager: after every change, each controller looks at the whole state and
// moves it one step towards what the objects ask for, until nothing changes any more.

import { ApiServer } from '../api/server.js';
import type { Cluster } from '../cluster/cluster.js';
import { daemonSetController } from './daemonset.js';
import { deploymentController } from './deployment.js';
import { endpointsController } from './endpoints.js';
import { endpointSliceController } from './endpointslice.js';
import { endpointSliceMirroringController } from './endpointslicemirroring.js';
import { garbageCollector } from './garbagecollector.js';
import { ingressController } from './ingress.js';
import { jobController } from './job.js';
import { kubelet } from './kubelet.js';
import { namespaceController } from './namespace.js';
import { replicaSetController } from './replicaset.js';
import { scheduler } from './scheduler.js';
import { serviceController } from './service.js';
import { statefulSetController } from './statefulset.js';

/** A controller is a plain function over the cluster; it writes only what actually changes. */
export type Controller = (api: ApiServer) => void;

export const CONTROLLERS: Controller[] = [
  namespaceController,
  garbageCollector,
  deploymentController,
  replicaSetController,
  statefulSetController,
  daemonSetController,
  jobController,
  scheduler,
  kubelet,
  endpointsController,
  endpointSliceController,
  endpointSliceMirroringController,
  serviceController,
  ingressController,
];

const MAX_ROUNDS = 100;

export function reconcile(cluster: Cluster, controllers: Controller[] = CONTROLLERS): void {
  const api = new ApiServer(cluster);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = cluster.store.resourceVersion;
    for (const c of controllers) c(api);
    if (cluster.store.resourceVersion === before) {
      cluster.flushEvents();
      return;
    }
  }
  throw new Error(`controllers did not settle after ${MAX_ROUNDS} rounds`);
}
