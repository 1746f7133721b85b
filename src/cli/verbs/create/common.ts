// What every `kctl create <generator>` shares: its flags, the checks on its arguments, and how
// the generated object is sent (or, with --dry-run=client, only printed).

import { Command, Option } from 'commander';
import { kindPrefix, resourceForKind } from '../../../api/scheme.js';
import type { KObject } from '../../../api/types.js';
import { serverMessage, StatusError } from '../../../api/errors.js';
import { LAST_APPLIED, lastAppliedConfiguration } from '../../../api/lastapplied.js';
import { parseOutput, printEach } from '../../../printers/output.js';
import { CliError, ExitCode, withSource } from '../../errors.js';
import type { Action } from '../../root.js';
import type { Session } from '../../session.js';
import { clone } from '../../../util/objects.js';
import { dryRunMode } from '../flags.js';
import { admitManifest, changeCause, namespaced } from '../write.js';

export type Wrap = (a: Action) => (...p: unknown[]) => Promise<void>;

const DRY_RUN = 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.';
const OUTPUT = 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).';
const SAVE_CONFIG = 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.';
const VALIDATE =
  'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.';

/** The flags kubectl gives every create subcommand that sends an object. */
export function commonFlags(c: Command, o: { validate?: boolean; saveConfig?: boolean } = {}): Command {
  c.addOption(new Option('--dry-run [strategy]', DRY_RUN).default('none'))
    .addOption(new Option('--field-manager <name>', 'Name of the manager used to track field ownership.').default('kubectl-create'))
    .addOption(new Option('-o, --output <format>', OUTPUT))
    .option('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.');
  if (o.saveConfig !== false) c.option('--save-config', SAVE_CONFIG);
  if (o.validate !== false) c.addOption(new Option('--validate [mode]', VALIDATE).default('strict'));
  return c;
}

/** --validate as the fieldValidation the request carries. */
function fieldValidation(v: unknown): 'Strict' | 'Warn' | 'Ignore' {
  const s = v === undefined || v === true ? 'strict' : String(v);
  if (s === 'strict' || s === 'true') return 'Strict';
  if (s === 'warn') return 'Warn';
  if (s === 'ignore' || s === 'false') return 'Ignore';
  throw new CliError(`invalid - validate option "${s}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/** `role.rbac.authorization.k8s.io`: from the scheme when kctl serves the kind, else from the object. */
export function prefixOf(obj: KObject): string {
  const info = resourceForKind(obj.kind);
  if (info) return kindPrefix(info);
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return group ? `${obj.kind.toLowerCase()}.${group}` : obj.kind.toLowerCase();
}

/** kubectl's CreateOrUpdateAnnotation: the object as sent, in Go's field order, before the annotation. */
function withLastApplied(obj: KObject): KObject {
  return withAnnotation(obj, JSON.stringify(obj) + '\n');
}

function withAnnotation(obj: KObject, lastApplied: string): KObject {
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...obj.metadata.annotations, [LAST_APPLIED]: lastApplied } } };
}

/**
 * Sends objects; prints `kind/name created` or the objects in -o format. generated: built by a
 * subcommand (typed on kubectl's side, printed in Go order, namespaced only by an explicit -n);
 * otherwise read from files. operation: the word printed once the server answered (autoscale's
 * `autoscaled`); a client dry run always says `created`, as kubectl's does.
 */
export async function send(session: Session, objects: { obj: KObject; source?: string }[], opts: Record<string, unknown>, generated = false, operation = 'created'): Promise<void> {
  const mode = dryRunMode(opts.dryRun);
  const format = opts.output ? parseOutput(opts.output as string, 'create') : undefined;
  const validation = fieldValidation(opts.validate);
  if (generated && opts.saveConfig) objects = objects.map((o) => ({ ...o, obj: withLastApplied(o.obj) }));
  const print = async (list: KObject[], suffix: string, done = operation) => {
    if (format && format.kind === 'name' && generated) session.io.out(list.map((o) => `${prefixOf(o)}/${o.metadata.name}\n`).join(''));
    else if (format && format.kind !== 'table') session.io.out(await printEach(format, list, { keepOrder: generated && mode === 'client', showManagedFields: !!opts.showManagedFields }));
    else for (const o of list) session.io.out(`${prefixOf(o)}/${o.metadata.name} ${done}${suffix}\n`);
  };
  if (mode === 'client') {
    // Read objects go through kubectl's builder, which namespaces them; generated ones do not.
    if (!generated) objects = objects.map((o) => ({ ...o, obj: namespaced(session, { obj: o.obj, info: resourceForKind(o.obj.kind)!, source: o.source ?? '' }) }));
    if (!generated && opts.saveConfig) objects = objects.map((o) => ({ ...o, obj: withAnnotation(o.obj, lastAppliedConfiguration(o.obj)) }));
    await print(objects.map((o) => o.obj), ' (dry run)', 'created');
    return;
  }
  const missing = objects.find((o) => !resourceForKind(o.obj.kind));
  // A kind this cluster does not serve: the typed client's POST finds no such path.
  if (missing) throw new StatusError('NotFound', 'the server could not find the requested resource');
  const cause = opts.record ? changeCause(session, 'create', opts) : undefined;
  let warnings: string[] = [];
  const created = await session.change(
    (api) => {
      const out = objects.map(({ obj, source }) => {
        const info = resourceForKind(obj.kind)!;
        const m = admitManifest(session, { obj, info, source: source ?? '' });
        if (cause) m.metadata.annotations = { ...m.metadata.annotations, 'kubernetes.io/change-cause': cause };
        if (opts.saveConfig && !generated) m.metadata.annotations = { ...m.metadata.annotations, [LAST_APPLIED]: lastAppliedConfiguration(m) };
        try {
          // What the server answered, before controllers touch the object.
          return clone(api.create(m, info, { fieldValidation: validation }));
        } catch (e) {
          throw withSource(e, 'creating', source);
        }
      });
      warnings = api.warnings;
      return out;
    },
    { dryRun: mode === 'server', fieldManager: (opts.fieldManager as string | undefined) ?? 'kubectl-create' },
  );
  for (const w of warnings) session.io.err(`Warning: ${w}\n`);
  await print(created, mode === 'server' ? ' (server dry run)' : '');
}

/**
 * Subcommands that put the server's error in their own words (fmt.Errorf with %v: no longer an
 * API error, so printed `error: failed to create …`).
 */
export async function failing(prefix: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    throw e instanceof StatusError ? new CliError(prefix + serverMessage(e)) : e;
  }
}

export function requireName(args: string[], verb: string): string {
  if (args.length !== 1) throw new CliError(`exactly one NAME is required, got ${args.length}`, `create ${verb}`);
  return args[0];
}

/** The namespace a generator writes into its object: only an explicit -n. */
export function explicitNamespace(session: Session): string | undefined {
  return session.flags.namespace || undefined;
}

const camel = (f: string) => f.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** cobra's MarkFlagRequired, checked before anything else runs. */
export function required(opts: Record<string, unknown>, ...flags: string[]): void {
  const missing = flags.filter((f) => {
    const v = opts[camel(f)];
    return v === undefined || (Array.isArray(v) && !v.length);
  });
  if (missing.length) throw new CliError(`required flag(s) ${missing.map((f) => `"${f}"`).join(', ')} not set`);
}

/** A flag parsed as pflag parses ints, with cobra's error for what is not one. */
export function integer(v: unknown, flag: string, cmdPath: string, bits = 32): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  const syntax = !/^[+-]?\d+$/.test(s);
  const range = !syntax && Math.abs(Number(s)) >= 2 ** (bits - 1) + (Number(s) < 0 ? 1 : 0);
  if (syntax || range) {
    throw new CliError(`invalid argument "${s}" for "${flag}" flag: strconv.ParseInt: parsing "${s}": ${syntax ? 'invalid syntax' : 'value out of range'}\nSee 'kctl ${cmdPath} --help' for usage.`);
  }
  return Number(s);
}

/** A Go bool flag's value (`--flag`, `--flag=false`). */
export function bool(v: unknown, flag: string, cmdPath: string): boolean {
  if (v === undefined || v === false) return false;
  if (v === true) return true;
  const s = String(v);
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(s)) return false;
  throw new CliError(`invalid argument "${s}" for "${flag}" flag: strconv.ParseBool: parsing "${s}": invalid syntax\nSee 'kctl ${cmdPath} --help' for usage.`);
}

/** An error kubectl prints bare, without `error: ` (the RESTMapper's no-match). */
export function bare(session: Session, message: string): never {
  session.io.err(message + '\n');
  throw new ExitCode(1);
}

/** cliflag's MapStringString (`--aggregation-rule=a=b,c=d`, repeatable). */
export function mapStringString(flag: string, cmdPath: string) {
  return (v: string, prev: Record<string, string> = {}) => {
    const out = { ...prev };
    for (const pair of v.split(',')) {
      if (!pair) continue;
      const i = pair.indexOf('=');
      if (i < 0) throw new CliError(`invalid argument "${v}" for "${flag}" flag: malformed pair, expect string=string\nSee 'kctl ${cmdPath} --help' for usage.`);
      out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
    }
    return out;
  };
}

/**
 * A create subcommand with kubectl's description, usage line and examples (CREATE_HELP), and the
 * flags every one of them has.
 */
export function subcommand(parent: Command, key: string, help: { long: string; examples: string; usage: string }, aliases: string[] = []): Command {
  const name = key.split(' ').pop()!;
  const c = parent.command(name).description(help.long.split(/\n\s*\n/)[0]).argument('[args...]');
  for (const a of aliases) c.alias(a);
  c.usage(help.usage.slice(key.length + 1));
  if (help.examples) c.addHelpText('after', `\nExamples:\n${help.examples}`);
  return c;
}
