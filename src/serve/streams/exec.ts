// pods/exec and pods/attach: the API server's checks (the pod, its container, its node), then
// the kubelet's stream. The process runs in the simulated container exactly as `kctl exec` and
// `kctl run -i` run it: across transactions while it waits for the client's input.

import { streamLocation } from '../../apiserver/node.js';
import type { ApiServer } from '../../apiserver/server.js';
import type { Cluster } from '../../cluster/cluster.js';
import { runAttached, type Transaction } from '../../kubelet/attached.js';
import type { ContainerHandle } from '../../runtime/container.js';
import { stringInput, type InputStream } from '../../runtime/program.js';
import type { World } from '../../runtime/world.js';
import { type Channels, exitStatus, failureStatus } from './channels.js';
import { followLog } from '../../kubelet/follow.js';

export interface StreamContext {
  statePath: string;
  env: NodeJS.ProcessEnv;
  read(): Promise<Cluster>;
  change: Transaction;
}

export interface StreamTarget {
  namespace: string;
  pod: string;
  query: URLSearchParams;
}

/** Completes the upgrade in the protocol the client asked for; `tty` gives the container's side a terminal. */
export type Accept = (tty: boolean) => Promise<Channels>;

/** Refused before the upgrade: the kubelet answers in plain text, which kubectl prints after `unable to upgrade connection: `. */
export class KubeletRefusal extends Error {}

const flag = (q: URLSearchParams, key: string) => q.get(key) === 'true' || q.get(key) === '1';

async function worlds(env: NodeJS.ProcessEnv): Promise<(api: ApiServer) => World> {
  const [{ loadCatalog }, { ATTACHED_BUDGET_MS }, { World }] = await Promise.all([
    import('../../runtime/images/index.js'),
    import('../../runtime/clock.js'),
    import('../../runtime/world.js'),
  ]);
  const catalog = loadCatalog(env);
  return (api) => new World(api.cluster, catalog, ATTACHED_BUDGET_MS);
}

/** The container in a transaction, still the same one and running, or the kubelet's refusal. */
function runningContainer(api: ApiServer, world: World, uid: string, name: string): ContainerHandle {
  const pod = api.cluster.store.list('pods').find((p) => p.metadata.uid === uid);
  const c = pod && world.container(pod, name);
  if (!c || !c.running) throw new KubeletRefusal(`container not found ("${name}")`);
  return c;
}

function reopen(c: ContainerHandle, api: ApiServer, world: World): void {
  const pod = api.cluster.store.list('pods').find((p) => p.metadata.uid === c.pod.metadata.uid);
  // The process goes on with what it has: a pod deleted meanwhile only ends its writes.
  if (pod) c.rebind(world, pod);
}

/** Checks the request and the container before the upgrade (throws what the client is told). */
export async function precheck(ctx: StreamContext, t: StreamTarget): Promise<{ uid: string; container: string }> {
  const cluster = await ctx.read();
  const { pod, container } = streamLocation(cluster, t.namespace, t.pod, t.query.get('container') ?? '');
  const makeWorld = await worlds(ctx.env);
  const { ApiServer } = await import('../../apiserver/server.js');
  const api = new ApiServer(cluster);
  runningContainer(api, makeWorld(api), pod.metadata.uid!, container);
  return { uid: pod.metadata.uid!, container };
}

/** Runs `fn` with the client's stdin when it sends one, else with none, across transactions. */
async function attached<T>(
  ctx: StreamContext,
  ch: Channels,
  stdin: boolean,
  open: (api: ApiServer, world: World) => ContainerHandle,
  body: (c: ContainerHandle, input: InputStream) => Promise<T>,
  close: (c: ContainerHandle, result: T) => void,
): Promise<T> {
  const makeWorld = await worlds(ctx.env);
  if (stdin) {
    const { result } = await runAttached(ctx.change, ch, makeWorld, {
      open,
      reopen,
      body,
      close: (_api, c, r) => (close(c, r), r),
    });
    return result;
  }
  return ctx.change(async (api) => {
    const world = makeWorld(api);
    const c = open(api, world);
    const r = await body(c, stringInput(''));
    close(c, r);
    world.commit();
    return r;
  });
}

export async function serveExec(ctx: StreamContext, t: StreamTarget, accept: Accept): Promise<void> {
  const argv = t.query.getAll('command');
  const { uid, container } = await precheck(ctx, t);
  const tty = flag(t.query, 'tty');
  const stdin = flag(t.query, 'stdin');
  const ch = await accept(tty);
  const { execIn, execFailure } = await import('../../runtime/processes.js');
  let execId = '';
  try {
    const res = await attached(
      ctx,
      ch,
      stdin,
      (api, world) => {
        execId = api.cluster.rand.hex(64);
        return runningContainer(api, world, uid, container);
      },
      (c, input) => execIn(c, argv, { stdin: input, stdout: (s) => ch.stdout(s), stderr: (s) => ch.stderr(s), tty }),
      () => undefined,
    );
    await ch.finish(res.kind === 'error' ? failureStatus(`Internal error occurred: ${execFailure(execId, res.message)}`) : exitStatus(res.code, argv));
  } catch (e) {
    await ch.finish(failureStatus(e instanceof KubeletRefusal ? e.message : `Internal error occurred: ${(e as Error).message}`));
  }
}

export async function serveAttach(ctx: StreamContext, t: StreamTarget, accept: Accept): Promise<void> {
  const { uid, container } = await precheck(ctx, t);
  const tty = flag(t.query, 'tty');
  const stdin = flag(t.query, 'stdin');
  const ch = await accept(tty);
  const { runContainerMain, recordMainExit, waitsForAttach } = await import('../../kubelet/containers.js');
  try {
    let waiting = false;
    await attached(
      ctx,
      ch,
      stdin,
      (api, world) => {
        const c = runningContainer(api, world, uid, container);
        waiting = waitsForAttach(c);
        return c;
      },
      async (c, input) => (waiting ? runContainerMain(c, { stdin: input, stdout: (s) => ch.stdout(s), stderr: (s) => ch.stderr(s), tty: !!c.spec.tty }) : null),
      (c, r) => {
        if (r) recordMainExit(c, r);
      },
    );
    // A process already running (a server) is attached to from now on: its new output, until it ends.
    if (!waiting) await followLog(ctx, { namespace: t.namespace, pod: t.pod, uid, container, fromNow: true, write: (s) => ch.stdout(s), closed: ch.closed });
    await ch.finish({ metadata: {}, status: 'Success' });
  } catch (e) {
    await ch.finish(failureStatus(e instanceof KubeletRefusal ? e.message : `Internal error occurred: ${(e as Error).message}`));
  }
}
