// kubectl apply: create what does not exist, three-way merge what does.

import type { Command } from 'commander';
import { StatusError } from '../../api/errors.js';
import { LAST_APPLIED, lastAppliedConfiguration } from '../../api/lastapplied.js';
import { kindPrefix } from '../../api/scheme.js';
import { createThreeWayMergePatch, patchMetaFor, type JsonObject } from '../../api/patch/index.js';
import type { ApiServer } from '../../apiserver/server.js';
import type { KObject } from '../../api/types.js';
import { parseOutput, printObjects } from '../../printers/output.js';
import { clone } from '../../util/objects.js';
import { CliError, withSource } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { registerLastApplied } from './applylastapplied.js';
import { pruneNulls } from './applypatch.js';
import { dryRunMode, dryRunOption, kustomizeOption, outputOption, repeatable, selectorOption } from './flags.js';
import { readInputFiles, type Manifest } from './manifests.js';
import { RECORD_DEPRECATED, admitManifest, changeCause, checkManifests, invalidAt, throwErrors } from './write.js';

export type ApplyResult = 'created' | 'configured' | 'unchanged' | 'serverside-applied';

/**
 * The object apply sends: the manifest as the server decodes it (strictly; an older version
 * converted, with its warning), with --record's cause and its own last-applied annotation.
 */
export function modified(session: Session, api: ApiServer, m: Manifest, cause: string | undefined, annotate = true): KObject {
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
  if (annotate) obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: lastAppliedConfiguration(obj) };
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

/** kubectl's advice after the server's conflict error of a server-side apply. */
const CONFLICT_HINT = `
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/** --server-side: the manifest as it is, merged by the server under the field manager's name. */
function serverSideApplyOne(session: Session, api: ApiServer, m: Manifest, fieldManager: string, force: boolean): { obj: KObject; result: ApplyResult } {
  const obj = admitManifest(session, m);
  try {
    return { obj: clone(api.apply(m.info, obj.metadata.namespace, obj.metadata.name, obj, { fieldManager, force })), result: 'serverside-applied' };
  } catch (e) {
    if (e instanceof StatusError && e.reason === 'Conflict' && e.details?.serverCauses) throw new CliError(`${e.message}${CONFLICT_HINT}`);
    throw withSource(e, 'patching', m.source);
  }
}

const applyAction: Action = async (session, args, opts) => {
  // pflag warns of a deprecated flag while parsing, whatever its value, before anything fails.
  if (opts.record !== undefined) session.io.err(RECORD_DEPRECATED);
  const filenames = (opts.filename as string[] | undefined) ?? [];
  // A plain error in kubectl (RequireFilenameOrKustomize), without the usage hint.
  if (!filenames.length && opts.kustomize === undefined) throw new CliError('must specify one of -f and -k');
  if (args.length) throw new CliError(`Unexpected args: [${args.join(' ')}]`, 'apply');
  const mode = dryRunMode(opts.dryRun);
  const serverSide = !!opts.serverSide;
  if (serverSide && mode === 'client') throw new CliError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
  if (opts.forceConflicts && !serverSide) throw new CliError('--force-conflicts only works with --server-side');
  const selectors = (opts.selector as string[] | undefined) ?? [];
  const selector = selectors.length ? selectors[selectors.length - 1] : undefined;
  if (opts.prune && !selector && !opts.all) {
    throw new CliError('all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector');
  }
  const { pruneResources } = opts.prune ? await import('./applyprune.js') : { pruneResources: undefined };
  const pruneOf = pruneResources?.(opts.pruneAllowlist as string[] | undefined);
  if (pruneOf && !(opts.pruneAllowlist as string[] | undefined)?.length) {
    // klog's warning line (prune.go:71), at the command's clock.
    const t = new Date(session.nowMs).toISOString();
    session.io.err(
      `W${t.slice(5, 7)}${t.slice(8, 10)} ${t.slice(11, 23)}000 ${String(process.pid).padStart(7)} prune.go:71] Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.\n`,
    );
  }
  const format = opts.output ? parseOutput(opts.output as string, 'apply') : undefined;
  // Server-side apply's manager is `kubectl` unless the flag names one.
  const named = session.argv.some((a) => a === '--field-manager' || a.startsWith('--field-manager='));
  const fieldManager = serverSide && !named ? 'kubectl' : ((opts.fieldManager as string | undefined) ?? 'kubectl-client-side-apply');
  const wanted = selector ? (await import('../../api/labels/index.js')).parseSelector(selector) : undefined;
  // Files are independent, as kubectl applies what it could read and reports the rest; the
  // documents of one file are applied together or not at all.
  const errors: unknown[] = [];
  const files: Manifest[][] = [];
  for (const f of await readInputFiles(session, opts)) {
    try {
      if (f.error !== undefined) throw f.error;
      await checkManifests(f.manifests);
      // -l chooses among the files' objects too.
      const chosen = wanted ? f.manifests.filter((m) => wanted.matches(m.obj.metadata.labels)) : f.manifests;
      if (chosen.length) files.push(chosen);
    } catch (e) {
      errors.push(e);
    }
  }
  if (!files.length && !errors.length) throw new CliError('no objects passed to apply');
  const cause = opts.record ? changeCause(session, 'apply', opts) : undefined;
  const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
  const applied: KObject[] = [];
  const visited = new Set<string>();
  // Server-side, each object is a request of its own: one conflict leaves the others applied.
  const batches = serverSide ? files.flat().map((m) => [m]) : files;
  for (const manifests of batches) {
    const warnings: string[] = [];
    try {
      const results = await session.change(
        (api) => {
          if (serverSide) {
            const out = manifests.map((m) => serverSideApplyOne(session, api, m, fieldManager, !!opts.forceConflicts));
            warnings.push(...api.warnings.map((w) => `Warning: ${w}`));
            return out;
          }
          // The server decodes every object of the file before any is applied.
          const objects = manifests.map((m) => modified(session, api, m, cause));
          const out = manifests.map((m, i) => (mode === 'client' ? dryRunOne(api, m, objects[i]) : applyOne(api, m, objects[i], warnings)));
          warnings.unshift(...api.warnings.map((w) => `Warning: ${w}`));
          return out;
        },
        { dryRun: mode !== 'none', fieldManager },
      );
      if (warnings.length) session.io.err(warnings.join('\n') + '\n');
      applied.push(...results.map((r) => r.obj));
      results.forEach((r, i) => manifests[i].info.namespaced && visited.add(r.obj.metadata.namespace ?? session.namespace));
      if (!format || format.kind === 'table') results.forEach((r, i) => session.io.out(`${kindPrefix(manifests[i].info)}/${r.obj.metadata.name} ${r.result}${suffix}\n`));
    } catch (e) {
      errors.push(e);
    }
  }
  if (format && format.kind !== 'table' && applied.length) session.io.out(await printObjects(format, applied, applied.length === 1));
  if (pruneOf && !errors.length) {
    const { prune, prunedName } = await import('./applyprune.js');
    const uids = new Set(applied.map((o) => o.metadata.uid ?? ''));
    const pruned = await session.change((api) => prune(api, pruneOf, visited, uids, selector), { dryRun: mode !== 'none' });
    for (const p of pruned) session.io.out(format?.kind === 'name' ? `${prunedName(p)}\n` : `${prunedName(p)} pruned${suffix}\n`);
  }
  throwErrors(session, errors);
};

export function registerApply(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  const apply = program
    .command('apply')
    .description('Apply a configuration to a resource by file name or stdin')
    .argument('[args...]')
    .addOption(repeatable('-f, --filename <file>', 'The files that contain the configurations to apply.'))
    .addOption(kustomizeOption('a'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--record', 'Record current kctl command in the resource annotation. (deprecated)')
    .option('--prune', 'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.')
    .addOption(repeatable('--prune-allowlist <gvk>', 'Overwrite the default allowlist with <group/version/kind> for --prune'))
    .option('--all', 'Select all resources in the namespace of the specified resource types.')
    .addOption(selectorOption())
    .option('--server-side', 'If true, apply runs in the server instead of the client.')
    .option('--force-conflicts', 'If true, server-side apply will force the changes against conflicts.')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-client-side-apply')
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
  registerLastApplied(apply, wrap);
}
