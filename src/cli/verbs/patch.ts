// kubectl patch: a strategic merge, JSON merge or JSON patch sent to the server for each object
// named, or applied to the file's own content with --local (and --dry-run=client).

import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { StatusError } from '../../api/errors.js';
import { kindPrefix, resourceForKind } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import type { PatchType } from '../../apiserver/patch.js';
import { parseOutput, printEach } from '../../printers/output.js';
import { deepEqual } from '../../util/objects.js';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { jsonError } from './bodies.js';
import { dryRunMode, dryRunOption, outputOption, repeatable } from './flags.js';
import { resolveTargets, type Target } from './targets.js';
import { RECORD_DEPRECATED, changeCause, throwErrors } from './write.js';

const PATCH_TYPES = ['json', 'merge', 'strategic'];

/** apimachinery's yaml.ToJSON: JSON as it is, anything else converted from YAML. */
async function patchJson(text: string, shown: string): Promise<string> {
  if (/^\s*[{[]/.test(text)) return text;
  const { yamlToJson, YamlError } = await import('./decode.js');
  try {
    return JSON.stringify((await yamlToJson(text)) ?? null);
  } catch (e) {
    if (e instanceof YamlError) throw new CliError(`unable to parse ${JSON.stringify(shown)}: ${e.message}`);
    throw e;
  }
}

/** The patch body as the server decodes it: Go's json errors for one that is not JSON. */
function decodeBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new StatusError('BadRequest', jsonError(text));
  }
}

/**
 * A JSON patch that does not apply: the server's 422 carries no kind, which kubectl prints as
 * `The request is invalid: <field>: <message>`; applied locally, kubectl prints the message itself.
 */
function patchFailure(e: unknown, local: boolean): unknown {
  if (!(e instanceof StatusError)) return e;
  const causes = e.details?.serverCauses;
  if (e.reason === 'Invalid' && causes?.length) {
    if (local) {
      const missing = /doc is missing key: (.*)$/.exec(causes[0].message);
      return new CliError(missing ? `Object to be patched is missing field (${missing[1]})` : causes[0].message);
    }
    return new StatusError('Invalid', `The request is invalid: ${causes.map((c) => `${c.field ?? ''}: ${c.message}`).join('\n')}`);
  }
  return local ? new CliError(e.message) : e;
}

interface Patched {
  obj: KObject;
  changed: boolean;
  prefix: string;
}

const patchAction: Action = async (session, args, opts) => {
  if (opts.record !== undefined) session.io.err(RECORD_DEPRECATED);
  const mode = dryRunMode(opts.dryRun);
  const local = !!opts.local;
  const patchText = (opts.patch as string | undefined) ?? '';
  const patchFile = (opts.patchFile as string | undefined) ?? '';
  if (patchText && patchFile) throw new CliError('cannot specify --patch and --patch-file together');
  if (!patchText && !patchFile) throw new CliError('must specify --patch or --patch-file containing the contents of the patch');
  if (local && args.length) throw new CliError('cannot specify --local and server resources');
  if (local && mode === 'server') throw new CliError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const typeFlag = (opts.type as string | undefined) ?? 'strategic';
  if (typeFlag && !PATCH_TYPES.includes(typeFlag.toLowerCase())) throw new CliError(`--type must be one of [${PATCH_TYPES.join(' ')}], not ${JSON.stringify(typeFlag)}`);
  const type = (typeFlag.toLowerCase() || 'strategic') as PatchType;
  const format = opts.output ? parseOutput(opts.output as string, 'patch') : undefined;
  let raw = patchText;
  if (patchFile) {
    try {
      raw = readFileSync(patchFile, 'utf8');
    } catch (e) {
      throw new CliError(`unable to read patch file: open ${patchFile}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
  }
  const body = await patchJson(raw, patchText);
  const targets = await resolveTargets(session, args, (opts.filename as string[] | undefined) ?? [], !!opts.recursive, 'patch');
  const subresource = (opts.subresource as string | undefined) || undefined;
  const errors: unknown[] = [];
  const done: Patched[] = [];
  const print = async (p: Patched) => {
    if (format?.kind === 'name') session.io.out(`${p.prefix}\n`);
    else if (format) session.io.out(await printEach(format, [p.obj]));
    else session.io.out(`${p.prefix} ${p.changed ? 'patched' : 'patched (no change)'}\n`);
  };
  for (const t of targets) {
    try {
      const p = local || mode === 'client' ? await patchLocally(session, t, type, body, local) : await patchOnServer(session, t, type, body, subresource, mode === 'server', opts);
      done.push(p);
      await print(p);
    } catch (e) {
      errors.push(patchFailure(e, local || mode === 'client'));
    }
  }
  if (!targets.length) throw new CliError('no objects passed to patch');
  throwErrors(session, errors);
};

/** --local and --dry-run=client: the patch applied here, to the file's object or the live one. */
async function patchLocally(session: Session, t: Target, type: PatchType, body: string, local: boolean): Promise<Patched> {
  let obj = t.manifest?.obj;
  if (!local || !obj) {
    const { ApiReader } = await import('../../apiserver/reader.js');
    obj = new ApiReader(await session.read()).get(t.info, t.namespace, t.name);
  }
  const { applyPatch } = await import('../../apiserver/patch.js');
  let patch: unknown;
  try {
    patch = JSON.parse(body);
  } catch {
    throw new CliError(jsonError(body));
  }
  const patched = applyPatch(obj, type, patch);
  return { obj: patched, changed: !deepEqual(obj, patched), prefix: `${kindPrefix(t.info)}/${t.name}` };
}

async function patchOnServer(session: Session, t: Target, type: PatchType, body: string, subresource: string | undefined, dryRun: boolean, opts: Record<string, unknown>): Promise<Patched> {
  const cause = opts.record ? changeCause(session, 'patch', opts) : undefined;
  const { checkSubresource, patchResource } = await import('../../apiserver/patch.js');
  if (subresource) checkSubresource(t.info, subresource);
  const fieldManager = (opts.fieldManager as string | undefined) ?? 'kubectl-patch';
  const { obj, changed, warnings } = await session.change(
    (api) => {
      const live = api.get(t.info, t.namespace, t.name);
      const before = subresource === 'scale' ? undefined : live;
      let obj = patchResource(api, t.info, t.namespace, t.name, subresource, type, decodeBody(body), { fieldValidation: 'Warn', fieldManager });
      const changed = before ? !deepEqual(before, obj) : obj.metadata.resourceVersion !== live.metadata.resourceVersion;
      if (cause && !subresource) obj = api.patch(t.info, t.namespace, t.name, 'merge', { metadata: { annotations: { 'kubernetes.io/change-cause': cause } } }, { fieldManager });
      return { obj, changed, warnings: [...api.warnings] };
    },
    { dryRun, fieldManager },
  );
  for (const w of warnings) session.io.err(`Warning: ${w}\n`);
  const info = resourceForKind(obj.kind);
  const prefix = subresource === 'scale' ? `scale.autoscaling/${t.name}` : `${info ? kindPrefix(info) : kindPrefix(t.info)}/${t.name}`;
  return { obj, changed, prefix };
}

export function registerPatch(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('patch')
    .description('Update fields of a resource')
    .usage('(-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]')
    .argument('[args...]')
    .option('-p, --patch <patch>', 'The patch to be applied to the resource JSON file.')
    .option('--patch-file <file>', 'A file containing a patch to be applied to the resource.')
    .addOption(new Option('--type <type>', 'The type of patch being provided; one of [json merge strategic]').default('strategic'))
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource to update'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.')
    .option('--local', 'If true, patch will operate on the content of the file, not the server-side resource.')
    .option('--subresource <subresource>', 'If specified, patch will operate on the subresource of the requested object. This flag is beta and may change in the future.')
    .addOption(new Option('--field-manager <name>', 'Name of the manager used to track field ownership.').default('kubectl-patch'))
    .option('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.')
    .addOption(new Option('--record', 'Record current kubectl command in the resource annotation. If set to false, do not record the command. If set to true, record the command. If not set, default to updating the existing annotation value only if one already exists.').hideHelp())
    .addOption(dryRunOption())
    .addOption(outputOption('Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).'))
    .addHelpText(
      'after',
      `
Examples:
  # Partially update a node using a strategic merge patch, specifying the patch as JSON
  kctl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'

  # Partially update a node using a strategic merge patch, specifying the patch as YAML
  kctl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'

  # Partially update a node identified by the type and name specified in "node.json" using strategic merge patch
  kctl patch -f node.json -p '{"spec":{"unschedulable":true}}'

  # Update a container's image; spec.containers[*].name is required because it's a merge key
  kctl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'

  # Update a container's image using a JSON patch with positional arrays
  kctl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'

  # Update a deployment's replicas through the 'scale' subresource using a merge patch
  kctl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`,
    )
    .action(wrap(patchAction));
}
