// kubectl edit: the objects in an editor as one file (a List for several), then a strategic merge
// patch from what was shown to what was saved, for each object that changed. Invalid changes
// reopen the editor with the server's reasons at the top. The state is read, then left alone
// while the editor runs; each patch is a transaction of its own.

import { Option, type Command } from 'commander';
import { rmSync } from 'node:fs';
import { StatusError, formatFieldError } from '../../api/errors.js';
import { kindPrefix, qualifiedResource } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { deepEqual } from '../../util/objects.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { editHeader, hasLines, launchTempFile, manualStrip, stripComments, type EditReason } from './editor.js';
import { outputOption, repeatable } from './flags.js';
import { resolveTargets, type Target } from './targets.js';
import { RECORD_DEPRECATED, validation } from './write.js';

export interface Shown {
  target: Target;
  obj: KObject;
}

/** The file's body: one object, or a List of several, without managedFields. */
async function render(objects: KObject[], json: boolean): Promise<string> {
  const { printObjects } = await import('../../printers/output.js');
  const format = { kind: json ? 'json' : 'yaml' } as const;
  if (objects.length === 1) return printObjects(format, objects, true);
  const list = { apiVersion: 'v1', kind: 'List', metadata: {}, items: objects.map(withoutManagedFields) };
  const { toJson, toYaml } = await import('../../printers/output.js');
  return json ? toJson(list) : toYaml(list);
}

function withoutManagedFields(o: KObject): KObject {
  const { managedFields: _, ...metadata } = o.metadata;
  return { ...o, metadata } as KObject;
}

/** The saved file's objects (a List's items); a syntax error as kubectl's builder words it for a stream. */
async function parseEdited(text: string): Promise<KObject[]> {
  const { decodeStream } = await import('./decode.js');
  const out: KObject[] = [];
  const add = (doc: unknown) => {
    const o = doc as KObject & { items?: unknown[] };
    if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error('unable to decode "edited-file": json: cannot unmarshal array into Go value of type unstructured.detector');
    if (typeof o.kind !== 'string' || !o.kind) throw new Error(`unable to decode "edited-file": Object 'Kind' is missing in '${JSON.stringify(o)}'`);
    if (o.kind.endsWith('List') && Array.isArray(o.items)) o.items.forEach(add);
    else out.push({ ...o, metadata: o.metadata ?? {} } as KObject);
  };
  (await decodeStream(text, 'edited-file')).forEach(add);
  return out;
}

/** Why kubectl's validator refuses the file without its comment lines (not YAML, or empty), if it does. */
async function yamlError(edited: string): Promise<string | undefined> {
  const { yamlToJson, YamlError } = await import('./decode.js');
  try {
    // An empty file is no object to validate, so it is an invalid edit rather than an empty one.
    return (await yamlToJson(manualStrip(edited))) == null ? 'invalid object to validate' : undefined;
  } catch (e) {
    if (e instanceof YamlError) return e.message;
    throw e;
  }
}

interface Outcome {
  /** Objects the server found invalid: the editor opens again with the reasons. */
  reasons: EditReason[];
  retryable: number;
  notFound: number;
}

export interface EditOptions {
  json: boolean;
  outputPatch: boolean;
  saveConfig: boolean;
  subresource?: string;
  fieldManager: string;
  fieldValidation: 'Strict' | 'Warn' | 'Ignore';
}

/** The resource as edit's messages name it: `deployments.apps`. */
const resourceString = (t: Target) => qualifiedResource(t.info);

/**
 * Sends each changed object's patch; prints `edited`, `skipped` or the error (invalid ones are
 * kept for the next round).
 */
async function patchEdited(session: Session, shown: Shown[], edited: KObject[], o: EditOptions): Promise<Outcome> {
  const out: Outcome = { reasons: [], retryable: 0, notFound: 0 };
  const { createTwoWayMergePatch, patchMetaFor } = await import('../../api/patch/index.js');
  const { LAST_APPLIED, lastAppliedConfiguration } = await import('../../api/lastapplied.js');
  for (const updated of edited) {
    const original = shown.find((s) => s.obj.metadata.uid === updated.metadata.uid);
    if (!original) throw new CliError(`no original object found for ${updated.kind}/${updated.metadata.name ?? ''}`);
    const t = original.target;
    const ns = updated.metadata.namespace;
    if (t.info.namespaced && ns && ns !== session.namespace) {
      throw new CliError(`the namespace from the provided object "${ns}" does not match the namespace "${session.namespace}". You must pass '--namespace=${ns}' to perform this operation.`);
    }
    if (o.saveConfig) updated.metadata.annotations = { ...updated.metadata.annotations, [LAST_APPLIED]: lastAppliedConfiguration(updated) };
    const name = `${o.subresource === 'scale' ? 'scale.autoscaling' : kindPrefix(t.info)}/${t.name}`;
    const before = withoutManagedFields(original.obj);
    if (deepEqual(before, updated)) {
      session.io.out(`${name} skipped\n`);
      continue;
    }
    const patch = createTwoWayMergePatch(before as never, updated as never, patchMetaFor(before.apiVersion, before.kind));
    const meta = patch.metadata as Record<string, unknown> | undefined;
    if ('apiVersion' in patch || 'kind' in patch || (meta && 'name' in meta)) throw new CliError('At least one of apiVersion, kind and name was changed');
    if (o.outputPatch) session.io.out(`Patch: ${JSON.stringify(patch)}\n`);
    try {
      const { patchResource } = await import('../../apiserver/patch.js');
      const warnings = await session.change(
        (api) => {
          patchResource(api, t.info, t.namespace, t.name, o.subresource, 'strategic', patch, { fieldValidation: o.fieldValidation, fieldManager: o.fieldManager });
          return [...api.warnings];
        },
        { fieldManager: o.fieldManager },
      );
      for (const w of warnings) session.io.err(`Warning: ${w}\n`);
      session.io.out(`${name} edited\n`);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      const what = `${resourceString(t)} "${t.name}"`;
      if (e.reason === 'Invalid') {
        out.reasons.push({ head: `${what} was not valid`, other: (e.details?.causes ?? []).map(formatFieldError) });
        session.io.err(`error: ${what} is invalid\n`);
      } else if (e.reason === 'NotFound') {
        out.notFound++;
        session.io.err(`error: ${what} could not be found on the server\n`);
      } else {
        out.retryable++;
        session.io.err(`error: ${what} could not be patched: ${e.message}\n`);
      }
    }
  }
  return out;
}

/** The editing loop over objects already read; returns when done or cancelled. */
export async function editLoop(session: Session, shown: Shown[], o: EditOptions, lastApplied = false, apply?: (edited: KObject[]) => Promise<Outcome>): Promise<void> {
  const body = await render(shown.map((s) => s.obj), o.json);
  let reasons: EditReason[] = [];
  let containsError = false;
  let edited = '';
  let previousFile = '';
  for (;;) {
    const header = o.json ? '' : editHeader(reasons, lastApplied);
    const content = containsError ? header + manualStrip(edited) : header + body;
    const editedBefore = edited;
    const launched = await launchTempFile(session, 'kctl-edit-', o.json ? '.json' : '.yaml', content);
    edited = launched.edited;
    const file = launched.file;
    if (containsError && (await stripComments(editedBefore)) === (await stripComments(edited))) {
      session.io.err(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
      throw new CliError('Edit cancelled, no valid changes were saved.');
    }
    if (previousFile) rmSync(previousFile, { force: true });
    previousFile = file;
    // kubectl's validator reads the file without its comments before anything else does.
    const invalid = await yamlError(edited);
    if (invalid) {
      const what = `${qualifiedResource(shown[0].target.info)} "${shown[0].target.name}"`;
      session.io.err(`error: ${what} is invalid\n`);
      reasons = [{ head: `${what} was not valid`, other: [`<nil>: Invalid value: "The edited file failed validation": ${invalid}`] }];
      containsError = true;
      continue;
    }
    if ((await stripComments(header + body)) === (await stripComments(edited))) {
      rmSync(file, { force: true });
      session.io.err('Edit cancelled, no changes made.\n');
      return;
    }
    if (!hasLines(edited)) {
      rmSync(file, { force: true });
      session.io.err('Edit cancelled, saved file was empty.\n');
      return;
    }
    let objects: KObject[];
    try {
      objects = await parseEdited(edited);
    } catch (e) {
      containsError = true;
      reasons = [{ head: `The edited file had a syntax error: ${(e as Error).message}`, other: [] }];
      continue;
    }
    containsError = false;
    let outcome: Outcome;
    try {
      outcome = apply ? await apply(objects) : await patchEdited(session, shown, objects, o);
    } catch (e) {
      session.io.err(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
      throw e;
    }
    if (outcome.retryable > 0) {
      session.io.err(`You can run \`kctl replace -f ${file}\` to try this update again.\n`);
      throw new ExitCode(1);
    }
    if (outcome.notFound > 0) {
      session.io.err(`The edits you made on deleted resources have been saved to ${JSON.stringify(file)}\n`);
      throw new ExitCode(1);
    }
    if (!outcome.reasons.length) {
      rmSync(file, { force: true });
      return;
    }
    reasons = outcome.reasons;
    containsError = true;
  }
}

const editAction: Action = async (session, args, opts) => {
  if (opts.record !== undefined) session.io.err(RECORD_DEPRECATED);
  const output = (opts.output as string | undefined) ?? '';
  if (output && output !== 'yaml' && output !== 'json') {
    throw new CliError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
  }
  const subresource = (opts.subresource as string | undefined) || undefined;
  const { ApiReader } = await import('../../apiserver/reader.js');
  const api = new ApiReader(await session.read());
  const every = (info: Target['info']) => api.list(info, { namespace: session.namespace }).map((o) => o.metadata.name);
  const targets = await resolveTargets(session, args, (opts.filename as string[] | undefined) ?? [], !!opts.recursive, 'edit', every);
  const shown: Shown[] = [];
  const errors: string[] = [];
  const { checkSubresource, scaleObject } = await import('../../apiserver/patch.js');
  if (subresource) for (const t of targets) checkSubresource(t.info, subresource);
  for (const t of targets) {
    let obj = api.find(t.info, t.namespace, t.name);
    // The scale subresource is edited as the Scale the server answers with.
    if (obj && subresource === 'scale') obj = await session.change((server) => scaleObject(server, t.info, t.namespace, t.name), { dryRun: true });
    if (obj) shown.push({ target: t, obj });
    else errors.push(`Error from server (NotFound): ${qualifiedResource(t.info)} "${t.name}" not found`);
  }
  if (errors.length) {
    session.io.err(errors.join('\n') + '\n');
    throw new ExitCode(1);
  }
  if (!shown.length) throw new CliError('edit cancelled, no objects found');
  await editLoop(session, shown, {
    json: output === 'json',
    outputPatch: !!opts.outputPatch,
    saveConfig: !!opts.saveConfig,
    subresource,
    fieldManager: (opts.fieldManager as string | undefined) ?? 'kubectl-edit',
    fieldValidation: validation(opts.validate),
  });
};

export function registerEdit(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('edit')
    .description('Edit a resource on the server')
    .usage('(RESOURCE/NAME | -f FILENAME)')
    .argument('[args...]')
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files to use to edit the resource'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.')
    .addOption(outputOption('Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).'))
    .option('--output-patch', 'Output the patch if the resource is edited.')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.')
    .option('--subresource <subresource>', 'If specified, edit will operate on the subresource of the requested object. Must be one of [status]. This flag is beta and may change in the future.')
    .addOption(new Option('--field-manager <name>', 'Name of the manager used to track field ownership.').default('kubectl-edit'))
    .option('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.')
    .addOption(new Option('--validate [mode]', 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.').default('strict'))
    .option('--windows-line-endings', 'Defaults to the line ending native to your platform.')
    .addOption(new Option('--record', 'Record current kubectl command in the resource annotation.').hideHelp())
    .addHelpText(
      'after',
      `
Examples:
  # Edit the service named 'registry'
  kctl edit svc/registry

  # Use an alternative editor
  KUBE_EDITOR="nano" kctl edit svc/registry

  # Edit the job 'myjob' in JSON using the v1 API format
  kctl edit job.v1.batch/myjob -o json

  # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
  kctl edit deployment/mydeployment -o yaml --save-config

  # Edit the 'status' subresource for the 'mydeployment' deployment
  kctl edit deployment mydeployment --subresource='status'`,
    )
    .action(wrap(editAction));
}
