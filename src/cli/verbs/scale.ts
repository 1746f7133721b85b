// kubectl scale.

import type { Command } from 'commander';
import { kindPrefix } from '../../api/scheme.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { parseResourceArgs, requestsFromManifests } from '../resources.js';
import { readManifests } from './manifests.js';
import { repeatable, selectorOption } from './flags.js';
import { select } from './get.js';

const SCALABLE = ['deployments', 'replicasets', 'statefulsets'];

const scaleAction: Action = async (session, args, opts) => {
  if (opts.replicas === undefined) throw new CliError('required flag(s) "replicas" not set', 'scale');
  const replicas = Number(opts.replicas);
  if (!Number.isInteger(replicas) || replicas < 0) throw new CliError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0', 'scale');
  const requests = opts.filename
    ? requestsFromManifests(await readManifests(session, opts.filename as string[], false))
    : parseResourceArgs(args, 'scale').requests;
  const { lines, errors } = await session.change((api) => {
    // kubectl scales what it found and reports the rest after; with nothing found, the errors
    // come inside its `no objects passed to scale` message.
    const found: { req: (typeof requests)[number]; live: ReturnType<typeof select>['objects'][number] }[] = [];
    const errors: string[] = [];
    for (const req of requests) {
      if (!SCALABLE.includes(req.info.resource)) throw new CliError(`cannot scale ${req.info.kind}`);
      const sel = select(session, api, req, { selector: opts.selector as string[] });
      errors.push(...sel.errors);
      for (const live of sel.objects) found.push({ req, live });
    }
    if (!found.length) {
      const why = errors.map((e) => e.replace(/^(?:error: |Error from server \([^)]*\): )/, ''));
      throw new CliError(`no objects passed to scale${why.length === 1 ? ` ${why[0]}` : why.length ? ` [${why.join(', ')}]` : ''}`);
    }
    const out: string[] = [];
    for (const { req, live } of found) {
      const { namespace, name } = live.metadata;
      const current = api.getScale(req.info, namespace, name).replicas;
      if (opts.currentReplicas !== undefined && Number(opts.currentReplicas) !== current) {
        throw new CliError(`Expected replicas to be ${opts.currentReplicas}, was ${current}`);
      }
      api.updateScale(req.info, namespace, name, replicas);
      out.push(`${kindPrefix(req.info)}/${name} scaled`);
    }
    return { lines: out, errors };
  });
  for (const l of lines) session.io.out(l + '\n');
  if (errors.length) {
    session.io.err(errors.join('\n') + '\n');
    throw new ExitCode(1);
  }
};

export function registerScale(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('scale')
    .description('Set a new size for a deployment, replica set, or stateful set')
    .argument('[args...]')
    .option('--replicas <n>', 'The new desired number of replicas. Required.')
    .option('--current-replicas <n>', 'Precondition for current size.')
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource to set a new size'))
    .addOption(selectorOption())
    .addHelpText('after', `
Examples:
  # Scale a deployment named echo to 4
  kctl scale --replicas=4 deployment/echo

  # Scale a replica set
  kctl scale rs echo-summer --replicas=2`)
    .action(wrap(scaleAction));
}
