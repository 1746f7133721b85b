// kubectl replace: each object of the files PUT in place of the live one; with --force, deleted
// and created again.

import { Option, type Command } from 'commander';
import { StatusError } from '../../api/errors.js';
import { LAST_APPLIED, lastAppliedConfiguration } from '../../api/lastapplied.js';
import { kindPrefix } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { parseOutput, printEach } from '../../printers/output.js';
import { CliError, withSource } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { deletedName } from './delete.js';
import { dryRunMode, dryRunOption, kustomizeOption, outputOption, repeatable } from './flags.js';
import { readInputFiles, type Manifest } from './manifests.js';
import { admitManifest, checkManifests, invalidAt, throwErrors, validation } from './write.js';

/** The object replace sends: the manifest, with its last-applied annotation (re)written when asked or already there. */
function toSend(session: Session, m: Manifest, saveConfig: boolean): KObject {
  const obj = admitManifest(session, m);
  if (saveConfig || obj.metadata.annotations?.[LAST_APPLIED] !== undefined) {
    obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: lastAppliedConfiguration(obj) };
  }
  return obj;
}

const replaceAction: Action = async (session, args, opts) => {
  const filenames = (opts.filename as string[] | undefined) ?? [];
  if (!filenames.length && opts.kustomize === undefined) throw new CliError('must specify one of -f and -k');
  if (args.length) throw new CliError(`Unexpected args: [${args.join(' ')}]`, 'replace');
  const force = !!opts.force;
  const grace = opts.gracePeriod === undefined ? -1 : Number(opts.gracePeriod);
  if (!force && grace >= 0) throw new CliError('--grace-period must have --force specified');
  const mode = dryRunMode(opts.dryRun);
  if (force && mode !== 'none') throw new CliError('--dry-run can not be used when --force is set');
  const format = opts.output ? parseOutput(opts.output as string, 'replace') : undefined;
  const fieldValidation = validation(opts.validate);
  const fieldManager = (opts.fieldManager as string | undefined) ?? 'kubectl-replace';
  const saveConfig = !!opts.saveConfig;
  const errors: unknown[] = [];
  const manifests: Manifest[] = [];
  for (const f of await readInputFiles(session, opts)) {
    try {
      if (f.error !== undefined) throw f.error;
      await checkManifests(f.manifests);
      manifests.push(...f.manifests);
    } catch (e) {
      errors.push(e);
    }
  }
  if (!manifests.length && !errors.length) throw new CliError('no objects passed to replace');
  const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
  const print = async (m: Manifest, obj: KObject) => {
    if (format) session.io.out(await printEach(format, [obj]));
    else session.io.out(`${kindPrefix(m.info)}/${obj.metadata.name} replaced${suffix}\n`);
  };
  if (force) {
    // Everything is deleted first, then everything created, as kubectl's forceReplace does.
    for (const m of manifests) {
      try {
        const obj = toSend(session, m, saveConfig);
        const gone = await session.change((api) => (api.find(m.info, obj.metadata.namespace, obj.metadata.name) ? api.delete(m.info, obj.metadata.namespace, obj.metadata.name) : undefined));
        if (gone) session.io.out(`${deletedName(m.info, obj.metadata.name)} deleted\n`);
      } catch (e) {
        errors.push(withSource(e, 'deleting', m.source));
      }
    }
  }
  for (const m of manifests) {
    try {
      const sent = toSend(session, m, saveConfig);
      const { obj, warnings } = await session.change(
        (api) => {
          let obj: KObject;
          try {
            if (mode === 'client') obj = api.decode(sent, m.info, { fieldValidation });
            else if (force) obj = api.create(sent, m.info, { fieldValidation, fieldManager });
            else obj = api.update(sent, m.info, { fieldValidation, fieldManager });
          } catch (e) {
            const verb = force ? 'creating' : 'replacing';
            if (e instanceof StatusError && e.reason === 'Invalid') invalidAt.set(e, `error when ${verb} "${m.source}": `);
            throw withSource(e, verb, m.source);
          }
          return { obj, warnings: [...api.warnings] };
        },
        { dryRun: mode !== 'none', fieldManager },
      );
      for (const w of warnings) session.io.err(`Warning: ${w}\n`);
      await print(m, obj);
    } catch (e) {
      errors.push(e);
    }
  }
  throwErrors(session, errors);
};

export function registerReplace(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('replace')
    .description('Replace a resource by file name or stdin')
    .usage('-f FILENAME')
    .argument('[args...]')
    .addOption(repeatable('-f, --filename <file>', 'The files that contain the configurations to replace.'))
    .addOption(kustomizeOption('a'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.')
    .option('--force', 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.')
    .addOption(new Option('--grace-period <seconds>', 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).').default('-1'))
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.')
    .addOption(new Option('--field-manager <name>', 'Name of the manager used to track field ownership.').default('kubectl-replace'))
    .addOption(
      new Option(
        '--validate [mode]',
        'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      ).default('strict'),
    )
    .option('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.')
    .addOption(dryRunOption())
    .addOption(outputOption('Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).'))
    .addHelpText(
      'after',
      `
Examples:
  # Replace a pod using the data in pod.json
  kctl replace -f ./pod.json

  # Replace a pod based on the JSON passed into stdin
  cat pod.json | kctl replace -f -

  # Update a single-container pod's image version (tag) to v4
  kctl get pod mypod -o yaml | sed 's/\\(image: myimage\\):.*$/\\1:v4/' | kctl replace -f -

  # Force replace, delete and then re-create the resource
  kctl replace --force -f ./pod.json`,
    )
    .action(wrap(replaceAction));
}
