// The controller manager: after every change, each controller looks at the whole state and
// moves it one step towards what the objects ask for, until nothing changes any more or the
// command's budget of creations and deletions is spent (budget.ts: what is left is queued for
// the next command). The kubelet's pod sync takes part in the same rounds (kubelet/index.ts).

import { ApiServer } from '../apiserver/server.js';
import type { Cluster } from '../cluster/cluster.js';
import { budgetOf } from './budget.js';
import { certificateSigningController } from './certificates.js';
import { daemonSetController } from './daemonset.js';
import { deploymentController } from './deployment.js';
import { endpointsController } from './endpoints.js';
import { endpointSliceController } from './endpointslice.js';
import { endpointSliceMirroringController } from './endpointslicemirroring.js';
import { garbageCollector } from './garbagecollector.js';
import { builtinIngressMakesWay, ingressController } from './ingress.js';
import { jobController } from './job.js';
import { namespaceController } from './namespace.js';
import { nodeLifecycleController } from './nodelifecycle.js';
import { replicaSetController } from './replicaset.js';
import { scheduler } from './scheduler.js';
import { serviceController } from './service.js';
import { statefulSetController } from './statefulset.js';
import { clusterRoleAggregationController } from './clusterroleaggregation.js';
import { cronJobController } from './cronjob.js';
import { disruptionController } from './disruption.js';
import { podAutoscalerController } from './podautoscaler.js';
import { resourceQuotaController } from './resourcequota.js';
import { taintEvictionController } from './tainteviction.js';

/** A controller is a plain function over the cluster; it writes only what actually changes. */
export type Controller = (api: ApiServer) => void;

export interface ControllerEntry {
  name: string;
  run: Controller;
  /**
   * The resources it reads, as its informers watch them. Such a controller runs again only once
   * one of them was written since it was last idle: with 10,000 pods, passes that cannot change
   * anything were most of a command's time. Without watches it runs in every round.
   */
  watches?: readonly string[];
  /** It writes all it wants in one pass, so it is idle right after a run, even one that wrote. */
  onePass?: boolean;
  /**
   * It batches updates (the endpoint controllers' --endpoint-updates-batch-period): it waits for a
   * round in which no other controller wrote, so a scale that creates pods round after round is
   * summed up once, not after every 500 pods.
   */
  batches?: boolean;
}

export const CONTROLLERS: ControllerEntry[] = [
  { name: 'namespace', run: namespaceController, watches: ['namespaces', 'serviceaccounts', 'configmaps'] },
  { name: 'garbagecollector', run: garbageCollector },
  { name: 'deployment', run: deploymentController, watches: ['deployments', 'replicasets', 'namespaces'] },
  { name: 'replicaset', run: replicaSetController, watches: ['replicasets', 'pods', 'namespaces'] },
  { name: 'statefulset', run: statefulSetController, watches: ['statefulsets', 'pods', 'namespaces'] },
  { name: 'daemonset', run: daemonSetController, watches: ['daemonsets', 'pods', 'nodes', 'namespaces'] },
  { name: 'job', run: jobController, watches: ['jobs', 'pods', 'namespaces'] },
  // It reads the clock: it runs in every round.
  { name: 'cronjob', run: cronJobController },
  { name: 'disruption', run: disruptionController, watches: ['poddisruptionbudgets', 'pods', 'deployments', 'replicasets', 'statefulsets'] },
  { name: 'resourcequota', run: resourceQuotaController, watches: ['resourcequotas', 'pods', 'services', 'configmaps', 'secrets', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'] },
  { name: 'clusterrole-aggregation', run: clusterRoleAggregationController, watches: ['clusterroles'] },
  { name: 'horizontalpodautoscaling', run: podAutoscalerController, watches: ['horizontalpodautoscalers', 'deployments', 'replicasets', 'statefulsets'] },
  { name: 'csrsigning', run: certificateSigningController, watches: ['certificatesigningrequests'] },
  { name: 'nodelifecycle', run: nodeLifecycleController, watches: ['nodes'] },
  // Without watches: a toleration's seconds run out with time, not with a write.
  { name: 'tainteviction', run: taintEvictionController },
  { name: 'scheduler', run: scheduler, watches: ['pods', 'nodes'] },
  { name: 'endpoints', run: endpointsController, watches: ['services', 'pods', 'endpoints', 'namespaces'], onePass: true, batches: true },
  { name: 'endpointslice', run: endpointSliceController, watches: ['services', 'pods', 'endpointslices', 'namespaces'], onePass: true, batches: true },
  { name: 'endpointslicemirroring', run: endpointSliceMirroringController, watches: ['endpoints', 'endpointslices', 'services'] },
  { name: 'service', run: serviceController, watches: ['services'] },
  { name: 'ingressaddon', run: builtinIngressMakesWay, watches: ['deployments', 'daemonsets'] },
  { name: 'ingress', run: ingressController, watches: ['ingresses', 'ingressclasses', 'pods', 'services', 'configmaps'] },
];

const MAX_ROUNDS = 100;

export interface ReconcileOptions {
  /**
   * Run every controller once more at the fixpoint and fail if one still finds work, proving that
   * no skipped run was needed (Cluster.checks, which the test suite turns on with KCTL_CHECKS).
   */
  check?: boolean;
}

/**
 * Runs the controllers to a fixpoint. Between rounds it lets the event loop run (the lock's
 * heartbeat among others): a round is bounded by the command's budget (budget.ts), and so is
 * the whole.
 */
export async function reconcile(cluster: Cluster, opts: ReconcileOptions, controllers: readonly ControllerEntry[]): Promise<void> {
  const api = new ApiServer(cluster);
  const { store } = cluster;
  const budget = budgetOf(cluster);
  /**
   * For each controller, the resourceVersion from which it has nothing to do until its input
   * changes: the command's start for all that watch (the state it read was settled), except
   * those the previous command's budget cut short.
   */
  const idleSince = new Map<ControllerEntry, number>();
  for (const c of controllers) if (c.watches && !budget.carried.has(c.name)) idleSince.set(c, cluster.startResourceVersion);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (round) await new Promise((resolve) => setImmediate(resolve));
    const before = store.resourceVersion;
    let moving = false;
    for (const c of controllers) {
      const since = idleSince.get(c);
      if (c.watches && since !== undefined && c.watches.every((r) => store.changedAt(r) <= since)) continue;
      if (c.batches && moving) continue;
      const rv = store.resourceVersion;
      budget.running = c.name;
      c.run(api);
      budget.running = undefined;
      if (store.resourceVersion === rv || c.onePass) idleSince.set(c, store.resourceVersion);
      else idleSince.delete(c);
      if (store.resourceVersion !== rv && !c.batches) moving = true;
    }
    if (store.resourceVersion === before) {
      if (opts.check) checkFixpoint(api, controllers);
      cluster.flushEvents();
      // What the budget cut short waits in the state for the next command.
      if (budget.queued.size) cluster.data.queued = [...budget.queued].sort();
      else delete cluster.data.queued;
      return;
    }
  }
  throw new Error(`controllers did not settle after ${MAX_ROUNDS} rounds`);
}

function checkFixpoint(api: ApiServer, controllers: readonly ControllerEntry[]): void {
  for (const c of controllers) {
    const rv = api.cluster.store.resourceVersion;
    c.run(api);
    if (api.cluster.store.resourceVersion !== rv) throw new Error(`the ${c.name} controller still had work after the controllers settled`);
  }
}
