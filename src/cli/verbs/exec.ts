// kubectl exec: run a command in a running container, relaying its output and exit status.

import type { Command } from 'commander';
import { streamLocation } from '../../apiserver/node.js';
import type { ApiServer } from '../../apiserver/server.js';
import type { ContainerHandle } from '../../runtime/container.js';
import { stringInput, type InputStream } from '../../runtime/program.js';
import type { World } from '../../runtime/world.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { lazyStdin, pickContainer, podFor, useTTY } from './podref.js';
import { reopenContainer, runAtTerminal } from './terminal.js';

const execAction: Action = async (session, args, opts, dashArgs) => {
  const [target, ...rest] = args;
  if (!target) {
    throw new CliError("expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command", 'exec');
  }
  // The books' old form (`exec -it simple-echo sh -c nginx`) is refused as v1.32 refuses it, so a
  // script that works here works with kubectl.
  if (rest.length) throw new CliError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead', 'exec');
  const command = dashArgs;
  if (command.length === 0) throw new CliError('you must specify at least one command for the container');
  const stdin = !!opts.stdin;
  const tty = useTTY(session, stdin, !!opts.tty);
  const streams = (input: InputStream) => ({ stdin: input, stdout: (t: string) => session.io.out(t), stderr: (t: string) => session.io.err(t), tty });
  const req = { ref: target, container: opts.container as string | undefined, quiet: !!opts.quiet, notice: (t: string) => session.io.err(t) };
  const { makeWorld } = await execWorlds(session);
  const result =
    stdin && session.io.readLine
      ? await runAtTerminal(session, makeWorld, {
          open: (api, world) => execTarget(session, api, world, req),
          reopen: reopenContainer,
          body: (c, input) => execInContainer(c, command, streams(input)),
          close: (api, _c, res) => ({ res, execId: api.cluster.rand.hex(64) }),
        })
      : await execOnce(session, req, (c) => {
          const input = stdin ? lazyStdin(session) : undefined;
          return execInContainer(c, command, streams(input ?? stringInput(''))).finally(() => input?.refuseIfTooLarge());
        });
  await throwUnlessZero(result, (t) => session.io.err(t));
};

export interface ExecTarget {
  /** POD or TYPE/NAME in the session's namespace, or namespace/pod given apart. */
  ref: string;
  namespace?: string;
  container?: string;
  quiet?: boolean;
  /** Where `Defaulted container` goes (kubectl exec's ErrOut). */
  notice(text: string): void;
}

export type ExecOutcome = { res: Awaited<ReturnType<typeof import('../../runtime/processes.js').execIn>>; execId: string };

async function execWorlds(session: Session) {
  const { loadCatalog } = await import('../../runtime/images/index.js');
  const { ATTACHED_BUDGET_MS } = await import('../../runtime/clock.js');
  const { World } = await import('../../runtime/world.js');
  const catalog = loadCatalog(session.env);
  return { makeWorld: (api: ApiServer) => new World(api.cluster, catalog, ATTACHED_BUDGET_MS) };
}

async function execInContainer(c: ContainerHandle, command: string[], streams: Parameters<typeof import('../../runtime/processes.js').execIn>[2]) {
  const { execIn } = await import('../../runtime/processes.js');
  return execIn(c, command, streams);
}

/** kubectl exec's checks, then the API server's streamLocation and the kubelet's: the running container. */
export function execTarget(session: Session, api: ApiServer, world: World, t: ExecTarget): ContainerHandle {
  const namespace = t.namespace ?? session.namespace;
  const pod = podFor(api.cluster, namespace, t.ref);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new CliError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  // Only a container not named is picked here; a named one is the API server's to check.
  const name = t.container || pickContainer(session, pod, undefined, t.quiet, t.notice).name;
  const { container } = streamLocation(api.cluster, namespace, pod.metadata.name, name);
  const c = world.container(pod, container);
  if (!c || !c.running) throw new CliError(`unable to upgrade connection: container not found ("${container}")`);
  return c;
}

/** One exec whose stdin is at hand, in one transaction. */
export async function execOnce(session: Session, t: ExecTarget, body: (c: ContainerHandle) => Promise<ExecOutcome['res']>): Promise<ExecOutcome> {
  const { makeWorld } = await execWorlds(session);
  return session.change(async (api) => {
    const world = makeWorld(api);
    const res = await body(execTarget(session, api, world, t));
    world.commit();
    return { res, execId: api.cluster.rand.hex(64) };
  });
}

/** How kubectl ends after an exec: the runtime's failure, or the command's exit code. */
export async function throwUnlessZero(result: ExecOutcome, err?: (t: string) => void): Promise<void> {
  const { execFailure } = await import('../../runtime/processes.js');
  if (result.res.kind === 'error') {
    throw new CliError(`Internal error occurred: ${execFailure(result.execId, result.res.message)}`);
  }
  if (result.res.code !== 0) {
    err?.(`command terminated with exit code ${result.res.code}\n`);
    throw new ExitCode(result.res.code);
  }
}

export function registerExec(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('exec')
    .description('Execute a command in a container')
    .argument('[args...]')
    .option('-c, --container <name>', 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen')
    .option('-i, --stdin', 'Pass stdin to the container')
    .option('-t, --tty', 'Stdin is a TTY')
    .option('-q, --quiet', 'Only print output from the remote session')
    .addHelpText(
      'after',
      `
Examples:
  # Get output from running the 'date' command from pod mypod, using the first container by default
  kctl exec mypod -- date

  # Write the pod name into the page nginx serves
  kctl exec sample-pod -- cp /etc/hostname /usr/share/nginx/html/index.html

  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  kctl exec mypod -c ruby-container -i -t -- bash -il`,
    )
    .action(wrap(execAction));
}
