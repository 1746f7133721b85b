// kubectl attach: to a container's main process. One that waits for a client (started with
// stdin, `run -i --attach=false`) runs now with kctl's stdin; one already running (a server) is
// followed: its new output, until it ends or kctl is stopped. As kubectl, attach itself ends 0.

import type { Command } from 'commander';
import type { Container } from 'kubernetes-types/core/v1';
import type { PodObject } from '../../api/types.js';
import type { ApiServer } from '../../apiserver/server.js';
import type { ContainerHandle } from '../../runtime/container.js';
import type { InputStream } from '../../runtime/program.js';
import type { World } from '../../runtime/world.js';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { lazyStdin, podFor } from './podref.js';
import { reopenContainer, runAtTerminal } from './terminal.js';

/** podcmd.FindOrDefaultContainerByName: -c among all the pod's containers, else the default one. */
export function attachableContainer(session: Session, pod: PodObject, name: string | undefined, quiet: boolean): { spec: Container; ephemeral: boolean } {
  const spec = pod.spec;
  if (name) {
    const regular = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].find((c) => c.name === name);
    if (regular) return { spec: regular, ephemeral: false };
    const eph = spec?.ephemeralContainers?.find((c) => c.name === name);
    if (eph) return { spec: eph as Container, ephemeral: true };
    throw new CliError(`container ${name} not found in pod ${pod.metadata.name}`);
  }
  const containers = spec?.containers ?? [];
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const chosen = containers.find((c) => c.name === annotated) ?? containers[0];
  if (containers.length > 1 && !annotated && !quiet) {
    session.io.err(`Defaulted container "${chosen.name}" out of: ${containers.map((c) => c.name).join(', ')}\n`);
  }
  return { spec: chosen, ephemeral: false };
}

/** The API server's and kubelet's checks of pods/attach: a known container, a node, a running process. */
export function attachTarget(api: ApiServer, world: World, pod: PodObject, name: string): ContainerHandle {
  if (!pod.spec?.nodeName) throw new CliError(`error from server (BadRequest): pod ${pod.metadata.name} does not have a host assigned`);
  const c = world.container(pod, name);
  if (!c || !c.running) throw new CliError(`unable to upgrade connection: container not found ("${name}")`);
  return c;
}

export interface AttachRequest {
  pod: PodObject;
  container: string;
  stdin: boolean;
  quiet: boolean;
}

/** Streams pods/attach for kctl: runs a waiting process with stdin, or follows a running one's output. */
export async function attachTo(session: Session, req: AttachRequest): Promise<void> {
  const { loadCatalog } = await import('../../runtime/images/index.js');
  const { ATTACHED_BUDGET_MS } = await import('../../runtime/clock.js');
  const { World } = await import('../../runtime/world.js');
  const { runContainerMain, recordMainExit, waitsForAttach } = await import('../../kubelet/containers.js');
  const catalog = loadCatalog(session.env);
  const makeWorld = (api: ApiServer) => new World(api.cluster, catalog, ATTACHED_BUDGET_MS);
  const uid = req.pod.metadata.uid;
  const open = (api: ApiServer, world: World) => {
    const pod = api.cluster.store.list('pods').find((p) => p.metadata.uid === uid);
    if (!pod) throw new CliError(`pods "${req.pod.metadata.name}" not found`);
    return attachTarget(api, world, pod, req.container);
  };
  const main = (c: ContainerHandle, stdin: InputStream) =>
    runContainerMain(c, { stdin, stdout: (t) => session.io.out(t), stderr: (t) => session.io.err(t), tty: !!c.spec.tty });
  const { ApiServer } = await import('../../apiserver/server.js');
  const api = new ApiServer(await session.read());
  let waiting = waitsForAttach(open(api, makeWorld(api)));
  if (waiting && req.stdin && session.io.readLine) {
    await runAtTerminal(session, makeWorld, {
      open,
      reopen: reopenContainer,
      body: (c, input) => main(c, input),
      close: (_api, c, result) => recordMainExit(c, result),
    });
    return;
  }
  if (waiting) {
    waiting = await session.change(async (api) => {
      const world = makeWorld(api);
      const c = open(api, world);
      if (!waitsForAttach(c)) return false;
      const input = req.stdin ? lazyStdin(session) : undefined;
      recordMainExit(c, await main(c, input ?? { readLine: async () => null, readAll: async () => '' }));
      input?.refuseIfTooLarge();
      world.commit();
      return true;
    });
    if (waiting) return;
  }
  // A process already running is attached to from now on: its new output, until it ends.
  const { followLog } = await import('../../kubelet/follow.js');
  await followLog(
    { statePath: session.statePath, env: session.env, read: () => session.read() },
    { namespace: req.pod.metadata.namespace ?? session.namespace, pod: req.pod.metadata.name, uid: uid!, container: req.container, fromNow: true, write: (t) => session.io.out(t), closed: new Promise(() => undefined) },
  );
}

const attachAction: Action = async (session, args, opts) => {
  if (args.length === 0) throw new CliError('at least 1 argument is required for attach');
  if (args.length > 2) throw new CliError(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`);
  const timeout = String(opts.podRunningTimeout ?? '1m0s');
  if (/^-|^0+(\D|$)/.test(timeout)) throw new CliError('--pod-running-timeout must be higher than zero');
  const ref = args.length === 2 ? `${args[0]}/${args[1]}` : args[0];
  const quiet = !!opts.quiet;
  const stdin = !!opts.stdin;
  const cluster = await session.read();
  const pod = podFor(cluster, session.namespace, ref);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new CliError(`cannot attach a container in a completed pod; current phase is ${phase}`);
  let container: { spec: Container; ephemeral: boolean };
  try {
    container = attachableContainer(session, pod, opts.container as string | undefined, quiet);
  } catch (e) {
    throw e instanceof CliError ? new CliError(`cannot attach to the container: ${e.message}`) : e;
  }
  let tty = !!opts.tty;
  if (tty && !container.spec.tty) {
    tty = false;
    if (!quiet) session.io.err(`error: Unable to use a TTY - container ${container.spec.name} did not allocate one\n`);
  } else if (!tty && container.spec.tty) tty = true;
  // setupTTY: raw only when stdin is passed from a terminal.
  const raw = tty && stdin && session.io.stdinIsTTY;
  if (tty && stdin && !session.io.stdinIsTTY && !quiet) session.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  if (!quiet) session.io.err("If you don't see a command prompt, try pressing enter.\n");
  await attachTo(session, { pod, container: container.spec.name, stdin, quiet });
  if (!quiet && stdin && raw) {
    const name = container.spec.name;
    // kubectl v1.32 says so for an ephemeral container only (a process that ended leaves nothing to resume).
    if (container.ephemeral) session.io.out(`Session ended, the ephemeral container will not be restarted but may be reattached using 'kctl attach ${pod.metadata.name} -c ${name} -i -t' if it is still running\n`);
  }
};

export function registerAttach(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('attach')
    .description('Attach to a running container')
    .usage('(POD | TYPE/NAME) -c CONTAINER')
    .argument('[args...]')
    .option('-c, --container <name>', 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen')
    .option('--pod-running-timeout <duration>', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', '1m0s')
    .option('-q, --quiet', 'Only print output from the remote session')
    .option('-i, --stdin', 'Pass stdin to the container')
    .option('-t, --tty', 'Stdin is a TTY')
    .addHelpText(
      'after',
      `
Examples:
  # Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' annotation
  # for selecting the container to be attached or the first container in the pod will be chosen
  kctl attach mypod

  # Get output from ruby-container from pod mypod
  kctl attach mypod -c ruby-container

  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kctl attach mypod -c ruby-container -i -t

  # Get output from the first pod of a replica set named nginx
  kctl attach rs/nginx`,
    )
    .action(wrap(attachAction));
}
