// kctl host: run a command on a machine outside the cluster, on the nodes' network — where the
// books curl node ports, external IPs and load balancers from. ClusterIPs and pod IPs are not
// reachable from there; localhost publishes node ports as Docker Desktop does.

import type { Command } from 'commander';
import { stringInput } from '../../runtime/program.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { lazyStdin } from './podref.js';

const hostAction: Action = async (session, args, _opts, dashArgs) => {
  const command = [...args, ...dashArgs];
  const argv = command.length ? command : ['bash'];
  const { loadCatalog } = await import('../../runtime/images/index.js');
  const { ATTACHED_BUDGET_MS } = await import('../../runtime/clock.js');
  const { World } = await import('../../runtime/world.js');
  const { HostMachine } = await import('../../runtime/host.js');
  const { findExecutable, runProgram } = await import('../../runtime/process.js');
  const { toolbox } = await import('../../runtime/programs/index.js');
  const result = await session.change(async (api) => {
    const world = new World(api.cluster, loadCatalog(session.env), ATTACHED_BUDGET_MS);
    const host = new HostMachine(world);
    const box = toolbox(host, host.image);
    const env = host.env();
    const found = findExecutable(host, box, argv, env, '/root');
    if (!found.ok) return { error: found.message };
    const code = await runProgram(host, box, found, { argv: found.argv, env, cwd: '/root', signal: world.clock.signal }, {
      stdin: command.length ? stringInput('') : lazyStdin(session),
      stdout: (t) => session.io.out(t),
      stderr: (t) => session.io.err(t),
    });
    world.commit();
    return { code };
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
