// kubectl create: -f, and the subcommands that generate an object (src/cli/verbs/create/).

import type { Command } from 'commander';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';
import { dryRunOption, kustomizeOption, outputOption, repeatable } from './flags.js';
import { readInput } from './manifests.js';
import { RECORD_DEPRECATED, checkManifests } from './write.js';
import { send } from './create/common.js';
import { registerCluster } from './create/cluster.js';
import { registerData } from './create/data.js';
import { registerNetwork } from './create/network.js';
import { registerRbac } from './create/rbac.js';
import { registerWorkloads } from './create/workloads.js';

const createFromFiles: Action = async (session, args, opts) => {
  if (opts.record !== undefined) session.io.err(RECORD_DEPRECATED);
  const files = (opts.filename as string[] | undefined) ?? [];
  if (!files.length && opts.kustomize === undefined) throw new CliError('must specify one of -f and -k');
  if (args.length) throw new CliError(`Unexpected args: [${args.join(' ')}]`, 'create');
  const manifests = await readInput(session, opts);
  if (!manifests.length) throw new CliError('no objects passed to create');
  await checkManifests(manifests);
  await send(session, manifests.map((m) => ({ obj: m.obj, source: m.source })), opts);
};

export function registerCreate(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  const create = program
    .command('create')
    .description('Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.')
    .argument('[args...]')
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files to use to create the resource'))
    .addOption(kustomizeOption())
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.')
    .option('--record', 'Record current kubectl command in the resource annotation. If set to false, do not record the command. If set to true, record the command. If not set, default to updating the existing annotation value only if one already exists.')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-create')
    .addOption(dryRunOption())
    .addOption(outputOption())
    .addHelpText('after', `
Examples:
  # Create a pod using the data in pod.json
  kctl create -f ./pod.json

  # Create a pod based on the JSON passed into stdin
  cat pod.json | kctl create -f -

  # Create the Pod of the jissen book's chapter 5
  kctl create -f samples/jissen/ch05/simple-pod.yaml`)
    .action(wrap(createFromFiles));

  // kubectl's order of the subcommands: alphabetical.
  registerRbac(create, wrap);
  registerData(create, wrap);
  registerWorkloads(create, wrap);
  registerNetwork(create, wrap);
  registerCluster(create, wrap);
  for (const c of [create, ...create.commands]) (c.commands as Command[]).sort((a, b) => a.name().localeCompare(b.name()));
}
