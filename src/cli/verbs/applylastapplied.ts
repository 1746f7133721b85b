// kubectl apply view-last-applied, set-last-applied and edit-last-applied: the
// kubectl.kubernetes.io/last-applied-configuration annotation read, written from files, or edited.

import { Option, type Command } from 'commander';
import { LAST_APPLIED, lastAppliedConfiguration } from '../../api/lastapplied.js';
import { kindPrefix } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { deepEqual } from '../../util/objects.js';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { dryRunMode, dryRunOption, outputOption, repeatable, selectorOption } from './flags.js';
import { resolveTargets, type Target } from './targets.js';
import { throwErrors } from './write.js';

/** The objects named, read as they are; a type alone is all of it with -l or --all. */
async function liveObjects(session: Session, args: string[], opts: Record<string, unknown>, verb: string): Promise<{ target: Target; obj: KObject }[]> {
  const { ApiReader } = await import('../../apiserver/reader.js');
  const api = new ApiReader(await session.read());
  const selectors = (opts.selector as string[] | undefined) ?? [];
  const selector = selectors.length ? selectors[selectors.length - 1] : undefined;
  const every = selector || opts.all ? (info: Target['info']) => api.list(info, { namespace: session.namespace, labelSelector: selector }).map((o) => o.metadata.name) : undefined;
  const targets = await resolveTargets(session, args, (opts.filename as string[] | undefined) ?? [], !!opts.recursive, verb, every);
  return targets.map((t) => ({ target: t, obj: api.get(t.info, t.namespace, t.name) }));
}

const viewAction: Action = async (session, args, opts) => {
  const output = (opts.output as string | undefined) ?? 'yaml';
  if (output !== 'yaml' && output !== 'json') throw new CliError(`Unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json`, 'apply view-last-applied');
  const found = await liveObjects(session, args, opts, 'view-last-applied');
  for (const { obj } of found) {
    const text = obj.metadata.annotations?.[LAST_APPLIED];
    if (text === undefined) continue;
    if (output === 'json') {
      session.io.out(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    } else {
      const { yamlToJson } = await import('./decode.js');
      const { toYaml } = await import('../../printers/output.js');
      session.io.out(await toYaml(await yamlToJson(text)));
    }
  }
};

const setAction: Action = async (session, args, opts) => {
  const filenames = (opts.filename as string[] | undefined) ?? [];
  if (!filenames.length) throw new CliError('must specify one of -f and -k');
  const mode = dryRunMode(opts.dryRun);
  const format = opts.output ? (await import('../../printers/output.js')).parseOutput(opts.output as string, 'apply') : undefined;
  const targets = await resolveTargets(session, [], filenames, !!opts.recursive, 'set-last-applied');
  // Every object is read and checked before any is written, as kubectl validates first.
  const { ApiReader } = await import('../../apiserver/reader.js');
  const reader = new ApiReader(await session.read());
  const configs = targets.map((t) => {
    const live = reader.get(t.info, t.namespace, t.name);
    if (live.metadata.annotations?.[LAST_APPLIED] === undefined && !opts.createAnnotation) {
      throw new CliError(`no last-applied-configuration annotation found on resource: ${t.name}, to create the annotation, run the command with --create-annotation`);
    }
    return lastAppliedConfiguration(t.manifest!.obj, false);
  });
  const errors: unknown[] = [];
  for (const [i, t] of targets.entries()) {
    try {
      const config = configs[i];
      const result = await session.change(
        (api) => {
          const live = api.get(t.info, t.namespace, t.name);
          if (live.metadata.annotations?.[LAST_APPLIED] === config) return undefined;
          if (mode === 'client') return live;
          return api.patch(t.info, t.namespace, t.name, 'merge', { metadata: { annotations: { [LAST_APPLIED]: config } } });
        },
        { dryRun: mode !== 'none', fieldManager: 'kubectl-client-side-apply' },
      );
      if (!result) session.io.out(`set-last-applied ${t.name}: no changes required.\n`);
      else if (format) session.io.out(await (await import('../../printers/output.js')).printEach(format, [result]));
      else session.io.out(`${kindPrefix(t.info)}/${t.name} configured${mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : ''}\n`);
    } catch (e) {
      errors.push(e);
    }
  }
  throwErrors(session, errors);
};

const editLastAppliedAction: Action = async (session, args, opts) => {
  const output = (opts.output as string | undefined) ?? 'yaml';
  if (output !== 'yaml' && output !== 'json') throw new CliError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
  const found = await liveObjects(session, args, opts, 'edit-last-applied');
  const shown = found
    .filter(({ obj }) => obj.metadata.annotations?.[LAST_APPLIED] !== undefined)
    .map(({ target, obj }) => ({ target, obj: JSON.parse(obj.metadata.annotations![LAST_APPLIED]) as KObject }));
  if (!shown.length) {
    throw new CliError('no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`');
  }
  const { editLoop } = await import('./edit.js');
  const fieldManager = (opts.fieldManager as string | undefined) ?? 'kubectl-client-side-apply';
  await editLoop(session, shown, { json: output === 'json', outputPatch: false, saveConfig: false, fieldManager, fieldValidation: 'Strict' }, true, async (edited) => {
    for (const e of edited) {
      const s = shown.find((x) => x.obj.kind === e.kind && x.obj.metadata.name === e.metadata.name);
      if (!s) throw new CliError(`no original object found for ${e.kind}/${e.metadata.name ?? ''}`);
      const name = `${kindPrefix(s.target.info)}/${s.target.name}`;
      if (deepEqual(s.obj, e)) {
        session.io.out(`${name} skipped\n`);
        continue;
      }
      await session.change(
        (api) => api.patch(s.target.info, s.target.namespace, s.target.name, 'merge', { metadata: { annotations: { [LAST_APPLIED]: JSON.stringify(e) } } }, { fieldManager }),
        { fieldManager },
      );
      session.io.out(`${name} edited\n`);
    }
    return { reasons: [], retryable: 0, notFound: 0 };
  });
};

/** The three subcommands, under `apply`. */
export function registerLastApplied(apply: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  // In kubectl's (alphabetical) order.
  apply
    .command('edit-last-applied')
    .description('Edit latest last-applied-configuration annotations of a resource/object')
    .usage('(RESOURCE/NAME | -f FILENAME)')
    .argument('[args...]')
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files to use to edit the resource'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .addOption(new Option('-o, --output <format>', 'Output format. One of: (json, yaml).'))
    .addOption(new Option('--field-manager <name>', 'Name of the manager used to track field ownership.').default('kubectl-client-side-apply'))
    .option('--windows-line-endings', 'Add Windows line endings (CRLF) to the file.')
    .addHelpText(
      'after',
      `
Examples:
  # Edit the last-applied-configuration annotations by type/name in YAML
  kctl apply edit-last-applied deployment/nginx

  # Edit the last-applied-configuration annotations by file in JSON
  kctl apply edit-last-applied -f deploy.yaml -o json`,
    )
    .action(wrap(editLastAppliedAction));
  apply
    .command('set-last-applied')
    .description('Set the last-applied-configuration annotation on a live object to match the contents of a file')
    .usage('-f FILENAME')
    .argument('[args...]')
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files that contains the last-applied-configuration annotations'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--create-annotation', "Will create 'last-applied-configuration' annotations if current objects doesn't have one")
    .addOption(dryRunOption())
    .addOption(outputOption('Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).'))
    .addHelpText(
      'after',
      `
Examples:
  # Set the last-applied-configuration of a resource to match the contents of a file
  kctl apply set-last-applied -f deploy.yaml

  # Execute set-last-applied against each configuration file in a directory
  kctl apply set-last-applied -f path/

  # Set the last-applied-configuration of a resource to match the contents of a file; will create the annotation if it does not already exist
  kctl apply set-last-applied -f deploy.yaml --create-annotation=true`,
    )
    .action(wrap(setAction));
  apply
    .command('view-last-applied')
    .description('View the latest last-applied-configuration annotations of a resource/object')
    .usage('(TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)')
    .argument('[args...]')
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files that contains the last-applied-configuration annotations'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.')
    .option('--all', 'Select all resources in the namespace of the specified resource types')
    .addOption(selectorOption())
    .addOption(new Option('-o, --output <format>', 'Output format. Must be one of (yaml, json)').default('yaml'))
    .addHelpText(
      'after',
      `
Examples:
  # View the last-applied-configuration annotations by type/name in YAML
  kctl apply view-last-applied deployment/nginx

  # View the last-applied-configuration annotations by file in JSON
  kctl apply view-last-applied -f deploy.yaml -o json`,
    )
    .action(wrap(viewAction));
}
