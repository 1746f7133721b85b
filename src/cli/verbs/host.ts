// kctl host: run a command on a machine outside the cluster, on the nodes' network — where the
// books curl node ports, external IPs and load balancers from. ClusterIPs and pod IPs are not
// reachable from there; localhost publishes node ports as Docker Desktop does.

import type { Command } from 'commander';
import type { ApiServer } from '../../apiserver/server.js';
import { stringInput, type InputStream } from '../../runtime/program.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { lazyStdin } from './podref.js';
import { runAtTerminal } from './terminal.js';

const hostAction: Action = async (session, args, _opts, dashArgs) => {
  const command = [...args, ...dashArgs];
  const terminal = !command.length && session.io.stdinIsTTY && !!session.io.readLine;
  const { loadCatalog } = await import('../../runtime/images/index.js');
  const { ATTACHED_BUDGET_MS } = await import('../../runtime/clock.js');
  const { World } = await import('../../runtime/world.js');
  const { HostMachine } = await import('../../runtime/host.js');
  const { findExecutable, runProgram, withoutTerminal } = await import('../../runtime/process.js');
  const argv = withoutTerminal(command.length ? command : ['bash'], terminal);
  const { toolbox } = await import('../../runtime/programs/index.js');
  const catalog = loadCatalog(session.env);
  const makeWorld = (api: ApiServer) => new World(api.cluster, catalog, ATTACHED_BUDGET_MS);
  const execute = async (host: InstanceType<typeof HostMachine>, stdin: InputStream) => {
    const box = toolbox(host, host.image);
    // The machine's output is kctl's: a terminal for its programs when kctl writes to one, as
    // exec -t gives a container's processes one.
    const env = host.env(session.io.stdoutIsTTY ? session.env.TERM || 'xterm' : undefined);
    const found = findExecutable(host, box, argv, env, '/root');
    if (!found.ok) return { error: found.message };
    const streams = { stdin, stdout: (t: string) => session.io.out(t), stderr: (t: string) => session.io.err(t) };
    return { code: await runProgram(host, box, found, { argv: found.argv, env, cwd: '/root', signal: host.world.clock.signal }, streams) };
  };
  const result =
    terminal
      ? await runAtTerminal(session, makeWorld, {
          open: (_api, world) => new HostMachine(world),
          reopen: (host, _api, world) => void (host.world = world),
          body: execute,
          close: (_api, _host, r) => r,
        })
      : await session.change(async (api) => {
          const world = makeWorld(api);
          const input = command.length ? undefined : lazyStdin(session);
          const r = await execute(new HostMachine(world), input ?? stringInput(''));
          input?.refuseIfTooLarge();
          world.commit();
          return r;
        });
  if ('error' in result) throw new CliError(`${argv[0]}: command not found`);
  if (result.code !== 0) throw new ExitCode(result.code);
};

export function registerHost(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('host')
    .description('Run a command on a machine outside the cluster, on the nodes\' network (kctl only)')
    .argument('[args...]')
    .addHelpText(
      'after',
      `
The machine (kctl-host, 10.240.0.1) reaches node addresses, node ports, external IPs that are
node addresses, and load balancers; ClusterIPs and pod IPs are not routed to it. Its localhost
publishes node ports and load-balancer ports, as Docker Desktop does. Without a command, bash
reads commands from stdin.

Examples:
  # A NodePort Service from outside the cluster
  kctl host -- curl -s http://10.240.0.7:30080

  # Docker Desktop's localhost
  kctl host -- curl http://127.0.0.1:30026`,
    )
    .action(wrap(hostAction));
}
