// kubectl delete.

import type { Command } from 'commander';
import { Option } from 'commander';
import { StatusError } from '../../api/errors.js';
import { kindPrefix } from '../../api/scheme.js';
import type { DeletePropagation } from '../../apiserver/server.js';
import type { KObject } from '../../api/types.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { parseResourceArgs, type ResourceRequest } from '../resources.js';
import { select } from './get.js';
import { dryRunMode, dryRunOption, kustomizeOption, outputOption, repeatable, selectorOption } from './flags.js';
import { readInput, type Manifest } from './manifests.js';

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

/** The last -l / --field-selector, as pflag keeps a string flag, trimmed as the builder trims it. */
function lastSelector(v: unknown): string {
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return String(all[all.length - 1] ?? '').trim();
}

const deleteAction: Action = async (session, args, opts) => {
  const cascade = propagation(opts.cascade);
  const dryRun = dryRunMode(opts.dryRun);
  const grace = gracePeriod(opts);
  const force = grace === 0;
  const selector = lastSelector(opts.selector);
  const fieldSelector = lastSelector(opts.fieldSelector);
  if (opts.all && (selector || fieldSelector)) throw new CliError("setting 'all' parameter but found a non empty selector. ");
  let requests: ResourceRequest[] = [];
  let manifests: Manifest[] = [];
  if (opts.filename || opts.kustomize !== undefined) {
    manifests = await readInput(session, opts);
  } else {
    requests = parseResourceArgs(args, 'delete').requests;
    if (requests.some((r) => !r.names.length) && !selector && !opts.all && !fieldSelector) {
      throw new CliError('resource(s) were provided, but no name was specified');
    }
  }
  const kinds = [...requests.map((r) => r.info), ...manifests.map((m) => m.info)];
  if (force) session.io.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  if (session.flags.namespace && kinds.some((k) => !k.namespaced)) {
    session.io.err('Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n');
  }
  const ignoreNotFound = !!opts.ignoreNotFound;
  const errors: string[] = [];
  const deleted = await session.change((api) => {
    const out: { info: ResourceRequest['info']; obj: KObject }[] = [];
    const remove = (info: ResourceRequest['info'], namespace: string | undefined, name: string, source?: string) => {
      try {
        out.push({ info, obj: api.delete(info, namespace, name, cascade) });
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        if (e.reason === 'NotFound' && ignoreNotFound) return;
        errors.push(`Error from server (${e.reason}): ${source ? `error when deleting "${source}": ` : ''}${e.message}`);
      }
    };
    // Each object of a file, in the file's order; what is missing is reported with the file.
    for (const m of manifests) remove(m.info, m.info.namespaced ? m.obj.metadata.namespace ?? session.namespace : undefined, m.obj.metadata.name, m.source);
    for (const req of requests) {
      const sel = select(session, api, req, {
        allNamespaces: opts.allNamespaces as boolean,
        selector: opts.selector as string[],
        fieldSelector: opts.fieldSelector as string,
        ignoreNotFound,
      });
      errors.push(...sel.errors);
      for (const obj of sel.objects) remove(req.info, obj.metadata.namespace, obj.metadata.name);
    }
    return out;
  }, { dryRun: dryRun !== 'none' });
  const operation = `${force ? 'force deleted' : 'deleted'}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`;
  for (const d of deleted) {
    session.io.out(opts.output === 'name' ? `${kindPrefix(d.info)}/${d.obj.metadata.name}\n` : `${deletedName(d.info, d.obj.metadata.name)} ${operation}\n`);
  }
  // kubectl counts every object it was asked for by name, found or not: only an empty selection is "No resources found".
  const named = manifests.length > 0 || requests.some((r) => r.names.length);
  if (!deleted.length && !errors.length && !named) session.io.out('No resources found\n');
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
    .addOption(kustomizeOption('a'))
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
