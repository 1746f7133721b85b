// kubectl delete.

import type { Command } from 'commander';
import { Option } from 'commander';
import { StatusError } from '../../api/errors.js';
import { kindPrefix } from '../../api/scheme.js';
import type { DeletePropagation } from '../../apiserver/server.js';
import type { KObject } from '../../api/types.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { parseResourceArgs, requestsFromManifests, type ResourceRequest } from '../resources.js';
import { select } from './get.js';
import { dryRunMode, dryRunOption, outputOption, repeatable, selectorOption } from './flags.js';
import { readManifests } from './manifests.js';

/** The short form of a kind for delete messages: `pod`, `deployment.apps`. */
export function deletedName(info: ResourceRequest['info'], name: string): string {
  return `${kindPrefix(info)} "${name}"`;
}

function propagation(v: unknown): DeletePropagation {
  if (v === undefined || v === 'background' || v === 'true' || v === true) return 'background';
  if (v === 'orphan' || v === 'false') return 'orphan';
  if (v === 'foreground') return 'foreground';
  throw new CliError(`invalid cascade value (${String(v)}). Must be "background", "foreground", or "orphan"`);
}

/**
 * The grace period kubectl sends: --now is 1; a bare --grace-period=0 becomes 1 to prevent
 * accidents, and --force makes it 0 (a force deletion).
 */
function gracePeriod(opts: Record<string, unknown>): number {
  let grace = opts.gracePeriod === undefined ? -1 : Number(opts.gracePeriod);
  if (!Number.isInteger(grace)) throw new CliError(`invalid argument "${String(opts.gracePeriod)}" for "--grace-period" flag: strconv.ParseInt: parsing "${String(opts.gracePeriod)}": invalid syntax`);
  if (opts.now) {
    if (grace !== -1) throw new CliError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !opts.force) grace = 1;
  if (opts.force && grace < 0) grace = 0;
  return grace;
}

const deleteAction: Action = async (session, args, opts) => {
  const cascade = propagation(opts.cascade);
  const dryRun = dryRunMode(opts.dryRun);
  const grace = gracePeriod(opts);
  const force = grace === 0;
  let requests: ResourceRequest[];
  if (opts.filename) {
    requests = requestsFromManifests(await readManifests(session, opts.filename as string[], !!opts.recursive));
  } else {
    requests = parseResourceArgs(args, 'delete').requests;
    const selector = (opts.selector as string[] | undefined)?.length;
    if (requests.some((r) => !r.names.length) && !selector && !opts.all && !opts.fieldSelector) {
      throw new CliError('resource(s) were provided, but no name was specified');
    }
  }
  if (force) session.io.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  if (session.flags.namespace && requests.some((r) => !r.info.namespaced)) {
    session.io.err('Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n');
  }
  const errors: string[] = [];
  const deleted = await session.change((api) => {
    const out: { info: ResourceRequest['info']; obj: KObject }[] = [];
    for (const req of requests) {
      const sel = select(session, api.cluster, req, {
        allNamespaces: opts.allNamespaces as boolean,
        selector: opts.selector as string[],
        fieldSelector: opts.fieldSelector as string,
        ignoreNotFound: opts.ignoreNotFound as boolean,
      });
      errors.push(...sel.errors);
      for (const obj of sel.objects) {
        try {
          out.push({ info: req.info, obj: api.delete(req.info, obj.metadata.namespace, obj.metadata.name, cascade) });
        } catch (e) {
          if (e instanceof StatusError) errors.push(`Error from server (${e.reason}): ${e.message}`);
          else throw e;
        }
      }
    }
    return out;
  }, { dryRun: dryRun !== 'none' });
  const operation = `${force ? 'force deleted' : 'deleted'}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`;
  for (const d of deleted) {
    session.io.out(opts.output === 'name' ? `${kindPrefix(d.info)}/${d.obj.metadata.name}\n` : `${deletedName(d.info, d.obj.metadata.name)} ${operation}\n`);
  }
  if (!deleted.length && !errors.length) session.io.out('No resources found\n');
  if (errors.length) {
    session.io.err(errors.join('\n') + '\n');
    throw new ExitCode(1);
  }
};

export function registerDelete(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('delete')
    .description('Delete resources by file names, stdin, resources and names, or by resources and label selector')
    .argument('[args...]')
    .addOption(repeatable('-f, --filename <file>', 'containing the resource to delete.'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .addOption(selectorOption())
    .option('--field-selector <selector>', 'Selector (field query) to filter on.')
    .option('--all', 'Delete all resources, in the namespace of the specified resource types.')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.')
    .option('--ignore-not-found', 'Treat "resource not found" as a successful delete.')
    .option('--cascade <mode>', 'Must be "background", "orphan", or "foreground".')
    .option('--force', 'If true, immediately remove resources from API and bypass graceful deletion.')
    .option('--grace-period <seconds>', 'Period of time in seconds given to the resource to terminate gracefully.')
    .option('--now', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).')
    .addOption(new Option('--wait [bool]', 'If true, wait for resources to be gone before returning.').hideHelp())
    .addOption(outputOption('Output mode. Use "-o name" for shorter output (resource/name).'))
    .addOption(dryRunOption())
    .addHelpText(
      'after',
      `
Examples:
  # Delete a pod by name
  kctl delete pod simple-echo

  # Delete what a manifest created
  kctl delete -f simple-deployment.yaml

  # Delete pods by label
  kctl delete pods -l app=sample-app`,
    )
    .action(wrap(deleteAction));
}
