// kubectl label and kubectl annotate: key=value to set, key- to remove.

import type { Command } from 'commander';
import { kindPrefix } from '../../api/scheme.js';
import { clone, dict } from '../../util/objects.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { parseResourceArgs } from '../resources.js';
import { select } from './get.js';
import { outputOption, selectorOption } from './flags.js';

function splitArgs(args: string[]): { resources: string[]; set: Map<string, string>; remove: string[] } {
  const resources: string[] = [];
  // Keys are the user's: a Map holds `__proto__` and `constructor` as any other.
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) set.set(a.slice(0, eq), a.slice(eq + 1));
    else if (a.endsWith('-') && a.length > 1 && resources.length) remove.push(a.slice(0, -1));
    else resources.push(a);
  }
  return { resources, set, remove };
}

function metaAction(field: 'labels' | 'annotations'): Action {
  const verb = field === 'labels' ? 'label' : 'annotate';
  return async (session, args, opts) => {
    const { resources, set, remove } = splitArgs(args);
    if (!set.size && !remove.length) throw new CliError(`at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`, verb);
    const { requests } = parseResourceArgs(resources, verb);
    if (requests.some((r) => !r.names.length) && !(opts.selector as string[] | undefined)?.length && !opts.all) {
      throw new CliError('resource(s) were provided, but no name was specified');
    }
    const { lines, missing } = await session.change((api) => {
      const out: string[] = [];
      // kubectl changes the objects it found, then reports the missing ones in the API server's words.
      const missing: string[] = [];
      for (const req of requests) {
        const sel = select(session, api, req, { selector: opts.selector as string[], allNamespaces: opts.allNamespaces as boolean });
        missing.push(...sel.errors);
        for (const live of sel.objects) {
          const obj = clone(live);
          const current = Object.assign(dict<string>(), obj.metadata[field]);
          for (const [k, v] of set) {
            if (Object.hasOwn(current, k) && current[k] !== v && !opts.overwrite) throw new CliError(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
            current[k] = v;
          }
          for (const k of remove) {
            if (field === 'labels' && !Object.hasOwn(current, k)) out.push(`label "${k}" not found.`);
            delete current[k];
          }
          obj.metadata[field] = current;
          const stored = api.update(obj, req.info);
          const name = `${kindPrefix(req.info)}/${obj.metadata.name}`;
          if (field === 'annotations') out.push(`${name} annotated`);
          else if (stored === live) out.push(`${name} not labeled`);
          // kubectl calls a change that shrank the object without --overwrite an unlabeling.
          else out.push(`${name} ${!opts.overwrite && JSON.stringify(stored).length < JSON.stringify(live).length ? 'unlabeled' : 'labeled'}`);
        }
      }
      return { lines: out, missing };
    }, { fieldManager: `kubectl-${verb}` });
    for (const l of lines) session.io.out(l + '\n');
    if (missing.length) {
      session.io.err(missing.join('\n') + '\n');
      throw new ExitCode(1);
    }
  };
}

export function registerLabel(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  for (const field of ['labels', 'annotations'] as const) {
    const verb = field === 'labels' ? 'label' : 'annotate';
    program
      .command(verb)
      .description(field === 'labels' ? 'Update the labels on a resource' : 'Update the annotations on a resource')
      .argument('[args...]')
      .option('--overwrite', 'If true, allow labels to be overwritten, otherwise reject updates that overwrite existing labels.')
      .option('--all', 'Select all resources, in the namespace of the specified resource types')
      .option('-A, --all-namespaces', 'If true, check the specified action in all namespaces.')
      .addOption(selectorOption())
      .addOption(outputOption())
      .addHelpText('after', field === 'labels' ? `
Examples:
  # Give a pod the label release=summer
  kctl label pods echo-summer-2xj8q release=summer

  # Remove the label "release"
  kctl label pods echo-summer-2xj8q release-` : `
Examples:
  # Record why a deployment changed
  kctl annotate deployment echo kubernetes.io/change-cause="image updated to patched"`)
      .action(wrap(metaAction(field)));
  }
}
