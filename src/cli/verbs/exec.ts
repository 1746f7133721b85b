// kubectl exec: run a command in a running container, relaying its output and exit status.
// The old form without `--` (`kctl exec -it simple-echo sh -c nginx`) still works, with the
// deprecation notice kubectl 1.18–1.23 printed.

import type { Command } from 'commander';
import type { ApiServer } from '../../apiserver/server.js';
import { stringInput, type InputStream } from '../../runtime/program.js';
import type { World } from '../../runtime/world.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { lazyStdin, pickContainer, podFor, useTTY } from './podref.js';
import { reopenContainer, runAtTerminal } from './terminal.js';

const execAction: Action = async (session, args, opts, dashArgs) => {
  const [target, ...rest] = args;
  if (!target) {
    throw new CliError("expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command", 'exec');
  }
  let command = dashArgs;
  if (rest.length) {
    session.io.err('kctl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kctl exec [POD] -- [COMMAND] instead.\n');
    command = [...rest, ...dashArgs];
  }
  if (command.length === 0) throw new CliError('you must specify at least one command for the container');
  const stdin = !!opts.stdin;
  const tty = useTTY(session, stdin, !!opts.tty);
  const { loadCatalog } = await import('../../runtime/images/index.js');
  const { ATTACHED_BUDGET_MS } = await import('../../runtime/clock.js');
  const { World } = await import('../../runtime/world.js');
  const { execIn, execFailure } = await import('../../runtime/processes.js');
  const catalog = loadCatalog(session.env);
  const makeWorld = (api: ApiServer) => new World(api.cluster, catalog, ATTACHED_BUDGET_MS);
  const open = (api: ApiServer, world: World) => {
    const pod = podFor(api.cluster, session.namespace, target);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new CliError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const spec = pickContainer(session, pod, opts.container as string | undefined, !!opts.quiet);
    const c = world.container(pod, spec.name)!;
    if (!c.running) throw new CliError(`unable to upgrade connection: container not found ("${spec.name}")`);
    return c;
  };
  const streams = (input: InputStream) => ({ stdin: input, stdout: (t: string) => session.io.out(t), stderr: (t: string) => session.io.err(t), tty });
  const result =
    stdin && session.io.readLine
      ? await runAtTerminal(session, makeWorld, {
          open,
          reopen: reopenContainer,
          body: (c, input) => execIn(c, command, streams(input)),
          close: (api, _c, res) => ({ res, execId: api.cluster.rand.hex(64) }),
        })
      : await session.change(async (api) => {
          const world = makeWorld(api);
          const input = stdin ? lazyStdin(session) : undefined;
          const res = await execIn(open(api, world), command, streams(input ?? stringInput('')));
          input?.refuseIfTooLarge();
          world.commit();
          return { res, execId: api.cluster.rand.hex(64) };
        });
  if (result.res.kind === 'error') {
    throw new CliError(`Internal error occurred: ${execFailure(result.execId, result.res.message)}`);
  }
  if (result.res.code !== 0) {
    session.io.err(`command terminated with exit code ${result.res.code}\n`);
    throw new ExitCode(result.res.code);
  }
};

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
