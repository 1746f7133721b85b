// The kubelet's side of containers' main processes: the pod sync marks a container with a command
// `pending`; once the controllers settle, it is run here (detached, with a bounded simulated time),
// or, when it keeps stdin open, left waiting for a client to attach (`run -i`). How a process
// ended becomes the container's status.

import { ApiServer } from '../apiserver/server.js';
import type { Cluster } from '../cluster/cluster.js';
import { BACKGROUND_BUDGET_MS } from '../runtime/clock.js';
import type { ContainerHandle } from '../runtime/container.js';
import { loadCatalog } from '../runtime/images/index.js';
import { runMain, type MainResult, type Streams } from '../runtime/processes.js';
import { stringInput } from '../runtime/program.js';
import { World } from '../runtime/world.js';
import { expand } from './environment.js';
import { takePending } from './pending.js';
import { containerExited } from './status.js';
import { own } from '../util/objects.js';

/** Whether the container waits for a client to attach to its stdin before its process runs. */
export function waitsForAttach(c: ContainerHandle): boolean {
  return c.state?.start === 'attach';
}

/** Runs the container's main process, its command's $(VAR) references expanded as the kubelet does. */
export function runContainerMain(c: ContainerHandle, streams: Streams): Promise<MainResult> {
  if (c.state) delete c.state.start;
  const env = c.processEnv(streams.tty);
  return runMain(c, c.mainArgv().map((a) => expand(a, (n) => env.get(n))), streams);
}

/** Records how a main process ended (nothing while it still runs). */
export function recordMainExit(c: ContainerHandle, result: MainResult): void {
  if (result.kind === 'running') return;
  const outcome = result.kind === 'exited' ? { kind: 'exited' as const, code: result.code } : result;
  containerExited(new ApiServer(c.cluster), c.pod, c.name, outcome, c.world.clock.now());
}

/**
 * Runs every main process the pod sync left pending, each with its own bounded time. Containers
 * that keep stdin open wait for a client to attach instead.
 */
export async function startPendingContainers(cluster: Cluster, env: NodeJS.ProcessEnv): Promise<void> {
  const catalog = loadCatalog(env);
  const pods = new Map(cluster.store.list('pods').map((p) => [p.metadata.uid, p]));
  for (const [uid, names] of takePending(cluster)) {
    for (const name of names) {
      const state = own(cluster.data.containers[uid], name);
      if (state?.start !== 'pending') continue;
      const world = new World(cluster, catalog, BACKGROUND_BUDGET_MS);
      world.touch();
      const pod = pods.get(uid);
      const c = pod && world.container(pod, name);
      if (!c || !c.running) delete state.start;
      else if (c.spec.stdin) state.start = 'attach';
      else recordMainExit(c, await runContainerMain(c, { stdin: stringInput(''), tty: !!c.spec.tty }));
      world.commit();
    }
  }
}
