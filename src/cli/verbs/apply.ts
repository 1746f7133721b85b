// kubectl apply: create what does not exist, three-way merge what does.

import type { Command } from 'commander';
import { serverMessage, StatusError } from '../../api/errors.js';
import { LAST_APPLIED, lastAppliedConfiguration } from '../../api/lastapplied.js';
import { kindPrefix } from '../../api/scheme.js';
import { createThreeWayMergePatch, patchMetaFor, type JsonObject } from '../../api/patch/index.js';
import type { ApiServer } from '../../apiserver/server.js';
import type { KObject } from '../../api/types.js';
import { parseOutput, printObjects } from '../../printers/output.js';
import { clone } from '../../util/objects.js';
import { CliError, ExitCode, serverPrefix, withSource } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { pruneNulls } from './applypatch.js';
import { dryRunMode, dryRunOption, kustomizeOption, outputOption, repeatable } from './flags.js';
import { readInputFiles, type Manifest } from './manifests.js';
import { RECORD_DEPRECATED, admitManifest, changeCause, checkManifests } from './write.js';

export type ApplyResult = 'created' | 'configured' | 'unchanged';

/**
 * The object apply sends: the manifest as the server decodes it (strictly; an older version
 * converted, with its warning), with --record's cause and its own last-applied annotation.
 */
function modified(session: Session, api: ApiServer, m: Manifest, cause: string | undefined): KObject {
  const sent = admitManifest(session, m);
  // apply finds objects by name: a generated one could never be found again.
  if (!sent.metadata.name && sent.metadata.generateName) throw new CliError(`from ${sent.metadata.generateName}: cannot use generate name with apply`);
  let obj: KObject;
  try {
    obj = clone(api.decode(sent, m.info, { fieldValidation: 'Strict' }));
  } catch (e) {
    throw withSource(e, 'creating', m.source);
  }
  if (cause) obj.metadata.annotations = { ...obj.metadata.annotations, 'kubernetes.io/change-cause': cause };
  obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: lastAppliedConfiguration(obj) };
  return obj;
}

/**
 * --dry-run=client still asks the server whether the object exists: a new one is printed as it
 * would be created, an existing one as it is (kubectl computes no patch), and is `configured`.
 */
function dryRunOne(api: ApiServer, m: Manifest, obj: KObject): { obj: KObject; result: ApplyResult } {
  const live = api.find(m.info, obj.metadata.namespace, obj.metadata.name);
  if (live) return { obj: clone(live), result: 'configured' };
  pruneNulls(obj);
  return { obj, result: 'created' };
}

/**
 * Creates what does not exist; for what does, sends the strategic merge patch kubectl computes
 * from the last applied configuration, the manifest and the live object. An empty patch is
 * never sent (`unchanged`); any other is `configured`, even when the server then finds nothing
 * to change (a manifest with `creationTimestamp: null`).
 */
export function applyOne(api: ApiServer, m: Manifest, obj: KObject, warnings: string[]): { obj: KObject; result: ApplyResult } {
  const live = api.find(m.info, obj.metadata.namespace, obj.metadata.name);
  try {
    if (!live) {
      pruneNulls(obj);
      return { obj: clone(api.create(obj, m.info)), result: 'created' };
    }
    const prev = live.metadata.annotations?.[LAST_APPLIED];
    if (prev === undefined) {
      warnings.push(
        `Warning: resource ${m.info.resource}/${obj.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kctl apply. kctl apply should only be used on resources created declaratively by either kctl create --save-config or kctl apply. The missing annotation will be patched automatically.`,
      );
    }
    let original: JsonObject = {};
    try {
      original = prev ? (JSON.parse(prev) as JsonObject) : {};
    } catch {
      original = {};
    }
    const patch = createThreeWayMergePatch(original, obj as unknown as JsonObject, asServed(live), patchMetaFor(obj.apiVersion, obj.kind));
    if (Object.keys(patch).length === 0) return { obj: clone(live), result: 'unchanged' };
    return { obj: clone(api.patch(m.info, obj.metadata.namespace, obj.metadata.name, 'strategic', patch)), result: 'configured' };
  } catch (e) {
    const verb = live ? 'patching' : 'creating';
    if (e instanceof StatusError && e.reason === 'Invalid') invalidAt.set(e, `error when ${verb} "${m.source}": `);
    throw withSource(e, verb, m.source);
  }
}

/**
 * The live object as a v1.32 server returns it to kubectl: a pod template's metadata always has
 * `creationTimestamp: null` (Go writes the zero time so), which the manifests of `create
 * --dry-run=client -o yaml` carry too, so applying one again is no change there.
 */
function asServed(live: KObject): JsonObject {
  const out = clone(live) as unknown as JsonObject & { spec?: { template?: { metadata?: Record<string, unknown> } } };
  const template = out.spec?.template;
  if (template && !('creationTimestamp' in (template.metadata ??= {}))) template.metadata.creationTimestamp = null;
  return out;
}

/** Where an Invalid error happened: kubectl shows it when it lists several errors. */
const invalidAt = new WeakMap<object, string>();

/** One line of kubectl's list of several errors (MultipleErrors): the server's words, no `error: `. */
function listedError(e: unknown): string {
  if (e instanceof StatusError) {
    if (e.reason !== 'Invalid' || !e.details) return `${serverPrefix(e)}${e.message}\n`;
    const message = serverMessage(e);
    return `Error from server (Invalid): ${invalidAt.get(e) ?? ''}${message}\n`;
  }
  return `${e instanceof Error ? e.message : String(e)}\n`;
}

const applyAction: Action = async (session, args, opts) => {
  // pflag warns of a deprecated flag while parsing, whatever its value, before anything fails.
  if (opts.record !== undefined) session.io.err(RECORD_DEPRECATED);
  const filenames = (opts.filename as string[] | undefined) ?? [];
  // A plain error in kubectl (RequireFilenameOrKustomize), without the usage hint.
  if (!filenames.length && opts.kustomize === undefined) throw new CliError('must specify one of -f and -k');
  if (args.length) throw new CliError(`Unexpected args: [${args.join(' ')}]`, 'apply');
  const mode = dryRunMode(opts.dryRun);
  const format = opts.output ? parseOutput(opts.output as string, 'apply') : undefined;
  // Files are independent, as kubectl applies what it could read and reports the rest; the
  // documents of one file are applied together or not at all.
  const errors: unknown[] = [];
  const files: Manifest[][] = [];
  for (const f of await readInputFiles(session, opts)) {
    try {
      if (f.error !== undefined) throw f.error;
      await checkManifests(f.manifests);
      if (f.manifests.length) files.push(f.manifests);
    } catch (e) {
      errors.push(e);
    }
  }
  if (!files.length && !errors.length) throw new CliError('no objects passed to apply');
  const cause = opts.record ? changeCause(session, 'apply', opts) : undefined;
  const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
  const applied: KObject[] = [];
  for (const manifests of files) {
    const warnings: string[] = [];
    try {
      const results = await session.change(
        (api) => {
          // The server decodes every object of the file before any is applied.
          const objects = manifests.map((m) => modified(session, api, m, cause));
          const out = manifests.map((m, i) => (mode === 'client' ? dryRunOne(api, m, objects[i]) : applyOne(api, m, objects[i], warnings)));
          warnings.unshift(...api.warnings.map((w) => `Warning: ${w}`));
          return out;
        },
        { dryRun: mode !== 'none', fieldManager: 'kubectl-client-side-apply' },
      );
      if (warnings.length) session.io.err(warnings.join('\n') + '\n');
      applied.push(...results.map((r) => r.obj));
      if (!format || format.kind === 'table') results.forEach((r, i) => session.io.out(`${kindPrefix(manifests[i].info)}/${r.obj.metadata.name} ${r.result}${suffix}\n`));
    } catch (e) {
      errors.push(e);
    }
  }
  if (format && format.kind !== 'table' && applied.length) session.io.out(await printObjects(format, applied, applied.length === 1));
  if (errors.length === 1) throw errors[0];
  if (errors.length) {
    session.io.err(errors.map(listedError).join(''));
    throw new ExitCode(1);
  }
};

export function registerApply(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('apply')
    .description('Apply a configuration to a resource by file name or stdin')
    .argument('[args...]')
    .addOption(repeatable('-f, --filename <file>', 'The files that contain the configurations to apply.'))
    .addOption(kustomizeOption('a'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--record', 'Record current kctl command in the resource annotation. (deprecated)')
    .addOption(dryRunOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  # Apply the configuration in a file to the cluster
  kctl apply -f samples/kubernetes-perfect-guide/ch06/sample-deployment.yaml

  # Apply a whole directory, and record the command as the rollout's change cause
  kctl apply -f samples/jissen/ch05/simple-deployment.yaml --record

  # Apply the JSON or YAML passed into stdin
  cat pod.yaml | kctl apply -f -`,
    )
    .action(wrap(applyAction));
}
