// kubectl taint: adds, replaces and removes node taints (key=value:Effect, key:Effect-, key-).

import type { Command } from 'commander';
import type { Taint } from 'kubernetes-types/core/v1';
import { keyError } from '../../api/labels/validation.js';
import { resourceInfo } from '../../api/scheme.js';
import type { KObject, ObjectOf } from '../../api/types.js';
import { parseOutput, printEach } from '../../printers/output.js';
import { clone } from '../../util/objects.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { resolveType } from '../resources.js';
import { dryRunMode, dryRunOption, outputOption } from './flags.js';

const NODES = resourceInfo('nodes');
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Taint.ToString(): key=value:effect, key:effect, key=value, key. */
function taintString(t: Taint): string {
  const kv = t.value ? `${t.key}=${t.value}` : t.key;
  return t.effect ? `${kv}:${t.effect}` : kv;
}

/** parseTaint: `key=value:effect`, `key:effect` or `key`; kubectl's messages for the rest. */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new CliError(`invalid taint effect: ${effect}, unsupported taint effect`, 'taint');
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new CliError(`invalid taint spec: ${spec}`, 'taint');
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      if (value.length > 63 || !LABEL_VALUE.test(value)) {
        const errs = [
          ...(value.length > 63 ? ['must be no more than 63 characters'] : []),
          ...(!LABEL_VALUE.test(value) ? ["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"] : []),
        ];
        throw new CliError(`invalid taint spec: ${spec}, ${errs.join('; ')}`, 'taint');
      }
    }
  } else throw new CliError(`invalid taint spec: ${spec}`, 'taint');
  const bad = keyError(key, '');
  if (bad) throw new CliError(`invalid taint spec: ${spec}, ${bad.replace(/^: Invalid value: "[^"]*": /, '')}`, 'taint');
  return { key, ...(value ? { value } : {}), effect } as Taint;
}

function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect } as Taint);
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new CliError(`invalid taint spec: ${spec}`, 'taint');
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) throw new CliError(`duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`, 'taint');
    add.push(t);
  }
  return { add, remove };
}

const matches = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/** reorganizeTaints: the new list and kubectl's word for what happened (its quirks included). */
function reorganize(node: ObjectOf<'nodes'>, overwrite: boolean, add: Taint[], remove: Taint[]): { operation: string; taints: Taint[]; errors: string[] } {
  const old = node.spec?.taints ?? [];
  const taints = [...add];
  for (const o of old) if (!taints.some((t) => matches(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of remove) {
    const before = taints.length;
    const kept = taints.filter((t) => !(r.effect ? matches(t, r) : t.key === r.key));
    removed = kept.length !== before;
    taints.splice(0, taints.length, ...kept);
    if (!removed) errors.push(`taint "${taintString(r)}" not found`);
  }
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}

const taintAction: Action = async (session, args, opts) => {
  const dryRun = dryRunMode(opts.dryRun);
  const resources: string[] = [];
  const specs: string[] = [];
  for (const a of args) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
    if (isTaint) specs.push(a);
    else if (specs.length) throw new CliError(`all resources must be specified before taint changes: ${a}`);
    else resources.push(a);
  }
  if (!resources.length) throw new CliError('one or more resources must be specified as <resource> <name>');
  if (!specs.length) throw new CliError('at least one taint update is required');
  const { add, remove } = parseTaints(specs);
  const type = resources[0].toLowerCase();
  if (resolveType(type).resource !== 'nodes') throw new CliError(`invalid resource type ${type}, only node types are supported`);
  const conflicts = add.flatMap((a) => remove.filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect)).map((r) => `${r.key}=${r.effect ?? ''}`));
  if (conflicts.length) throw new CliError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const selector = (opts.selector as string | undefined) ?? '';
  if (opts.all && selector) throw new CliError("setting 'all' parameter with a non empty selector is prohibited");
  if (!opts.all && !selector && resources.length < 2) throw new CliError("at least one resource name must be specified since 'all' parameter is not set");
  const output = opts.output as string | undefined;
  const format = output === undefined || output === 'name' ? undefined : parseOutput(output, 'taint');
  const overwrite = !!opts.overwrite;
  const { lines, errors, objects } = await session.change(
    (api) => {
      const out: string[] = [];
      const objects: KObject[] = [];
      const errs: string[] = [];
      const nodes = opts.all || selector ? api.list(NODES, { labelSelector: selector || undefined }) : [];
      if (!opts.all && !selector) {
        for (const name of resources.slice(1)) {
          const n = api.find(NODES, undefined, name);
          if (n) nodes.push(n);
          else errs.push(`Error from server (NotFound): nodes "${name}" not found`);
        }
      }
      for (const node of nodes) {
        const name = node.metadata.name;
        if (!overwrite) {
          const exists = add.filter((t) => (node.spec?.taints ?? []).some((o) => matches(t, o))).map((t) => t.key);
          if (exists.length) {
            errs.push(`error: node ${name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
            continue;
          }
        }
        const r = reorganize(node, overwrite, add, remove);
        if (r.errors.length) {
          errs.push(`error: ${r.errors.length === 1 ? r.errors[0] : `[${r.errors.join(', ')}]`}`);
          continue;
        }
        const change = (draft: ObjectOf<'nodes'>) => {
          const { taints: _, ...spec } = draft.spec ?? {};
          draft.spec = r.taints.length ? { ...spec, taints: r.taints } : spec;
        };
        if (dryRun !== 'client') objects.push(api.modify(NODES, undefined, name, change));
        else {
          const draft = clone(node);
          change(draft);
          objects.push(draft);
        }
        out.push(output === 'name' ? `node/${name}` : `node/${name} ${r.operation}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`);
      }
      return { lines: out, errors: errs, objects };
    },
    { dryRun: dryRun !== 'none', fieldManager: (opts.fieldManager as string | undefined) ?? 'kubectl-taint' },
  );
  if (format) session.io.out(await printEach(format, objects));
  else for (const l of lines) session.io.out(l + '\n');
  if (errors.length) {
    session.io.err(errors.join('\n') + '\n');
    throw new ExitCode(1);
  }
};

export function registerTaint(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('taint')
    .description('Update the taints on one or more nodes')
    .usage('NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N')
    .argument('[args...]')
    .option('--all', 'Select all nodes in the cluster')
    .option('--overwrite', 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.')
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)")
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-taint')
    .option('--allow-missing-template-keys', 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.')
    .option('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.')
    .addOption(outputOption('Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).'))
    .addOption(dryRunOption())
    .addHelpText('after', `
Examples:
  # Update node 'kctl-worker' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
  # If a taint with that key and effect already exists, its value is replaced as specified
  kctl taint nodes kctl-worker dedicated=special-user:NoSchedule

  # Remove from node 'kctl-worker' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
  kctl taint nodes kctl-worker dedicated:NoSchedule-

  # Remove from node 'kctl-worker' all the taints with key 'dedicated'
  kctl taint nodes kctl-worker dedicated-

  # Add a taint with key 'dedicated' on nodes having label myLabel=X
  kctl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule

  # Add to node 'kctl-worker' a taint with key 'bar' and no value
  kctl taint nodes kctl-worker bar:NoSchedule`)
    .action(wrap(taintAction));
}
