// kubectl delete.

import type { Command } from 'commander';
import { Option } from 'commander';
import { StatusError } from '../../api/errors.js';
import { kindPrefix } from '../../api/scheme.js';
import type { DeletePropagation } from '../../api/server.js';
import type { KObject } from '../../api/types.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { parseResourceArgs, type ResourceRequest } from '../resources.js';
import { select } from './get.js';
import { outputOption, repeatable, selectorOption } from './flags.js';
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

const deleteAction: Action = async (session, args, opts) => {
  const cascade = propagation(opts.cascade);
  const force = !!opts.force && String(opts.gracePeriod ?? '') === '0';
  let requests: ResourceRequest[];
  if (opts.filename) {
    const docs = await readManifests(session, opts.filename as string[], !!opts.recursive);
    requests = docs.map((d) => ({ info: d.info, names: [d.obj.metadata.name] }));
    for (const d of docs) if (d.obj.metadata.namespace && !session.flags.namespace) session.flags.namespace = d.obj.metadata.namespace;
  } else {
    requests = parseResourceArgs(args, 'delete').requests;
    const selector = (opts.selector as string[] | undefined)?.length;
    if (requests.some((r) => !r.names.length) && !selector && !opts.all && !opts.fieldSelector) {
      throw new CliError('resource(s) were provided, but no name was specified');
    }
  }
  if (force) session.io.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
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
  });
  for (const d of deleted) {
    session.io.out(opts.output === 'name' ? `${kindPrefix(d.info)}/${d.obj.metadata.name}\n` : `${deletedName(d.info, d.obj.metadata.name)} ${force ? 'force deleted' : 'deleted'}\n`);
  }
  if (!deleted.length && !errors.length && !opts.ignoreNotFound) session.io.err('No resources found\n');
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
