// The kubelet: the one owner of the container lifecycle. Its pod sync (syncpods.ts) runs in the
// controllers' rounds, right after the scheduler binds pods, as a node agent that starts what is
// bound to it; containers with a command then run their main process (containers.ts). settle()
// is what every change ends with: controllers and kubelet until nothing moves.

import type { Cluster } from '../cluster/cluster.js';
import { CONTROLLERS, reconcile, type ControllerEntry } from '../controllers/manager.js';
import { hasPendingStarts } from './pending.js';
import { retryWaitingConfig, syncPods } from './syncpods.js';

const KUBELET: ControllerEntry[] = [
  { name: 'kubelet', run: syncPods, watches: ['pods', 'nodes'] },
  { name: 'kubelet-config', run: retryWaitingConfig, watches: ['configmaps', 'secrets'] },
];

/** The controllers with the kubelet's pod sync in its place after the scheduler. */
const ROUND: ControllerEntry[] = CONTROLLERS.flatMap((c) => (c.name === 'scheduler' ? [c, ...KUBELET] : [c]));

/** Bounds the rounds of starting processes whose exits wake controllers that start more. */
const MAX_START_ROUNDS = 10;

/**
 * Runs the controllers and the kubelet to a fixpoint, then the main processes that became
 * pending, and again, until quiet. The runtime loads only when there is a process to run; `env`
 * is the process environment, whose KCTL_IMAGES names the image catalogue.
 */
export async function settle(cluster: Cluster, env: NodeJS.ProcessEnv): Promise<void> {
  const run = () => reconcile(cluster, { check: cluster.checks }, ROUND);
  await run();
  for (let round = 0; round < MAX_START_ROUNDS && hasPendingStarts(cluster); round++) {
    const { startPendingContainers } = await import('./containers.js');
    await startPendingContainers(cluster, env);
    await run();
  }
}
