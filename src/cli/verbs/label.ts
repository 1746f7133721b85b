// kubectl label and kubectl annotate: key=value to set, key- to remove, --list to show.

import { Command, Option } from 'commander';
import { kindPrefix, type ResourceInfo } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { labelValue } from '../../api/validation.js';
import { ApiReader } from '../../apiserver/reader.js';
import { parseOutput, printEach } from '../../printers/output.js';
import { clone, dict } from '../../util/objects.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { parseResourceArgs, requestsFromManifests, type ResourceRequest } from '../resources.js';
import type { Session } from '../session.js';
import { collect, dryRunMode } from './flags.js';
import { select } from './get.js';
import { LABEL_HELP } from './labelhelp.js';
import { readManifests } from './manifests.js';

type Field = 'labels' | 'annotations';

function splitArgs(args: string[], field: Field): { resources: string[]; set: Map<string, string>; remove: string[] } {
  const resources: string[] = [];
  // Keys are the user's: a Map holds `__proto__` and `constructor` as any other.
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) {
      const value = a.slice(eq + 1);
      const errs = field === 'labels' ? labelValue(value) : [];
      if (errs.length) throw new CliError(`invalid label value: ${JSON.stringify(a)}: ${errs.join('; ')}`);
      set.set(a.slice(0, eq), value);
    } else if (a.endsWith('-') && a.length > 1 && resources.length) remove.push(a.slice(0, -1));
    else resources.push(a);
  }
  return { resources, set, remove };
}

/** What one change did, in kubectl's words (updateDataChangeMsg). */
function changeMessage(field: Field, before: KObject, after: KObject, overwrite: boolean): string {
  if (field === 'annotations') return 'annotated';
  const a = JSON.stringify(before);
  const b = JSON.stringify(after);
  if (a === b) return 'not labeled';
  // kubectl calls a change that shrank the object without --overwrite an unlabeling.
  return !overwrite && b.length < a.length ? 'unlabeled' : 'labeled';
}

interface Change {
  obj: KObject;
  prefix: string;
  message: string;
}

function metaAction(field: Field): Action {
  const verb = field === 'labels' ? 'label' : 'annotate';
  return async (session, args, opts) => {
    const { resources, set, remove } = splitArgs(args, field);
    const files = (opts.filename as string[] | undefined) ?? [];
    const list = !!opts.list;
    const mode = dryRunMode(opts.dryRun);
    if (list && opts.output) throw new CliError('--list and --output may not be specified together');
    // kubectl's Validate, in its order.
    if (opts.all && opts.selector) throw new CliError('cannot set --all and --selector at the same time');
    if (opts.all && opts.fieldSelector) throw new CliError('cannot set --all and --field-selector at the same time');
    if (opts.local) {
      if (mode === 'server') throw new CliError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
      if (resources.length) throw new CliError('can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set');
      if (!files.length) throw new CliError('one or more files must be specified as -f pod.yaml or --filename=pod.json');
    } else if (!resources.length && !files.length) throw new CliError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (!set.size && !remove.length && !list) throw new CliError(`at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
    const format = opts.output ? parseOutput(opts.output as string, verb) : undefined;
    const overwrite = !!opts.overwrite;
    const resourceVersion = opts.resourceVersion as string | undefined;
    const selector = opts.selector as string | undefined;

    const apply = (live: KObject): KObject => {
      const obj = clone(live);
      const current = Object.assign(dict<string>(), obj.metadata[field]);
      for (const [k, v] of set) {
        if (!overwrite && Object.hasOwn(current, k) && current[k] !== v) {
          const what = `'${k}' already has a value (${current[k]})`;
          throw new CliError(field === 'labels' ? `${what}, and --overwrite is false` : `--overwrite is false but found the following declared annotation(s): ${what}`);
        }
        current[k] = v;
      }
      for (const k of remove) {
        if (field === 'labels' && !Object.hasOwn(current, k)) session.io.out(`label "${k}" not found.\n`);
        delete current[k];
      }
      obj.metadata[field] = current;
      if (resourceVersion) obj.metadata.resourceVersion = resourceVersion;
      return obj;
    };

    let requests: ResourceRequest[] = [];
    let local: { obj: KObject; info: ResourceInfo }[] | undefined;
    if (files.length) {
      const manifests = await readManifests(session, files, !!opts.recursive);
      if (opts.local) local = manifests.map((m) => ({ obj: m.obj, info: m.info }));
      else requests = requestsFromManifests(manifests);
    } else {
      requests = parseResourceArgs(resources, verb).requests;
      if (requests.some((r) => !r.names.length) && !selector && !opts.all && !opts.fieldSelector) {
        throw new CliError('resource(s) were provided, but no name was specified');
      }
    }
    const query = { selector: selector ? [selector] : undefined, allNamespaces: !!opts.allNamespaces, fieldSelector: opts.fieldSelector as string | undefined };
    const missing: string[] = [];
    const visit = (api: ApiReader, each: (obj: KObject, info: ResourceInfo) => void) => {
      if (local) return local.forEach((m) => each(m.obj, m.info));
      for (const req of requests) {
        const sel = select(session, api, req, query);
        missing.push(...sel.errors);
        for (const obj of sel.objects) each(obj, req.info);
      }
    };
    const count = () => (local ? local.length : requests.reduce((n, r) => n + (r.names.length || 2), 0));
    if (resourceVersion && count() !== 1) throw new CliError('--resource-version may only be used with a single resource');

    let changes: Change[] = [];
    if (list || local || mode === 'client') {
      // Only shown: kubectl applies the change to its own copy and sends nothing.
      visit(new ApiReader(await session.read()), (obj, info) => {
        const after = apply(obj);
        changes.push({ obj: after, prefix: kindPrefix(info), message: changeMessage(field, obj, after, overwrite) });
      });
    } else {
      changes = await session.change(
        (api) => {
          const out: Change[] = [];
          visit(api, (live, info) => {
            const after = apply(live);
            const stored = clone(api.update(after, info));
            out.push({ obj: stored, prefix: kindPrefix(info), message: changeMessage(field, live, after, overwrite) });
          });
          return out;
        },
        { dryRun: mode === 'server', fieldManager: (opts.fieldManager as string | undefined) ?? `kubectl-${verb}` },
      );
    }

    if (list) {
      const one = changes.length === 1;
      for (const c of changes) {
        if (!one) session.io.err(`Listing ${field} for ${c.obj.kind}.${c.prefix.split('.').slice(1).join('.')}/${c.obj.metadata.name}:\n`);
        const m = c.obj.metadata[field] ?? {};
        for (const k of Object.keys(m).sort()) session.io.out(`${one ? '' : ' '}${k}=${m[k]}\n`);
      }
    } else if (format && format.kind === 'name') session.io.out(changes.map((c) => `${c.prefix}/${c.obj.metadata.name}\n`).join(''));
    else if (format && format.kind !== 'table') session.io.out(await printEach(format, changes.map((c) => c.obj)));
    else {
      const suffix = local ? '' : mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
      for (const c of changes) session.io.out(`${c.prefix}/${c.obj.metadata.name} ${c.message}${suffix}\n`);
    }
    if (missing.length) {
      session.io.err(missing.join('\n') + '\n');
      throw new ExitCode(1);
    }
  };
}

export function registerLabel(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  for (const field of ['labels', 'annotations'] as const) {
    const verb = field === 'labels' ? 'label' : 'annotate';
    const h = LABEL_HELP[verb];
    const o = (flag: string) => h.options[flag] ?? '';
    program
      .command(verb)
      .description(h.long)
      .argument('[args...]')
      .usage(h.usage.slice(verb.length + 1))
      .option('--all', o('all'))
      .option('-A, --all-namespaces', o('all-namespaces'))
      .addOption(new Option('--dry-run [strategy]', o('dry-run')).default('none'))
      .option('--field-manager <name>', o('field-manager'), `kubectl-${verb}`)
      .option('--field-selector <selector>', o('field-selector'))
      .addOption(new Option('-f, --filename <file>', o('filename')).argParser(collect))
      .option('--list', o('list'))
      .option('--local', o('local'))
      .option('-o, --output <format>', o('output'))
      .option('--overwrite', o('overwrite'))
      .option('-R, --recursive', o('recursive'))
      .option('--resource-version <version>', o('resource-version'))
      .option('-l, --selector <selector>', o('selector'))
      .option('--show-managed-fields', o('show-managed-fields'))
      .addHelpText('after', `\nExamples:\n${h.examples}`)
      .action(wrap(metaAction(field)));
  }
}
