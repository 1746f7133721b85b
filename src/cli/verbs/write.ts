// What every writing verb does with a manifest before it reaches the API server: the
// namespace kubectl sends it to, the name check, its own decoding of metadata, and --record.

import { serverMessage, StatusError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { clone } from '../../util/objects.js';
import { CliError, ExitCode, serverPrefix } from '../errors.js';
import type { Session } from '../session.js';
import type { Manifest } from './manifests.js';

/** The object to send for a manifest: namespaced into -n (or default), checked like kubectl does. */
export function admitManifest(session: Session, m: Manifest): KObject {
  const obj = namespaced(session, m);
  const meta = obj.metadata;
  if (!meta.name && !meta.generateName) {
    const gv = m.info.group ? `${m.info.group}/${m.info.version}` : `/${m.info.version}`;
    throw new CliError(
      `error when retrieving current configuration of:\nResource: "${gv}, Resource=${m.info.resource}", GroupVersionKind: "${gv}, Kind=${m.info.kind}"\nName: "", Namespace: "${meta.namespace ?? ''}"\nfrom server for: "${m.source}": resource name may not be empty`,
    );
  }
  return obj;
}

/** A copy of the manifest's object in the namespace kubectl's builder gives it: its own, -n's, or the default. */
export function namespaced(session: Session, m: Manifest): KObject {
  const obj = clone(m.obj);
  const meta = obj.metadata;
  if (m.info.namespaced) {
    if (meta.namespace && session.flags.namespace && meta.namespace !== session.flags.namespace) {
      throw new CliError(
        `the namespace from the provided object "${meta.namespace}" does not match the namespace "${session.flags.namespace}". You must pass '--namespace=${meta.namespace}' to perform this operation.`,
      );
    }
    meta.namespace ??= session.namespace;
  }
  return obj;
}

/**
 * kubectl decodes every manifest's top-level metadata itself, so those type errors never reach a
 * server; everything else the server's strict decoding reports (ApiServer.decode).
 */
export async function checkManifests(manifests: Manifest[]): Promise<void> {
  if (!manifests.length) return;
  const { strictDecodeError } = await import('../../api/strict/index.js');
  for (const m of manifests) {
    // Only the metadata: a type error there is kubectl's even when the body has an earlier one.
    const { apiVersion, kind, metadata } = m.obj;
    const client = /json: cannot unmarshal .* into Go struct field ObjectMeta\.metadata\..*$/.exec(strictDecodeError({ apiVersion, kind, metadata } as KObject) ?? '');
    if (client) throw new CliError(`unable to decode "${m.source}": ${client[0]}`);
  }
}

const SHORT: Record<string, string> = { f: 'filename', n: 'namespace', o: 'output', l: 'selector', R: 'recursive', c: 'container', i: 'stdin', t: 'tty' };
const BOOLEAN = new Set(['record', 'recursive', 'overwrite', 'all', 'stdin', 'tty', 'rm', 'force', 'local']);

export const RECORD_DEPRECATED = 'Flag --record has been deprecated, --record will be removed in the future\n';

/** The change cause --record writes: `kctl <args> --<flag>=<value>…` in command-line order. */
export function changeCause(session: Session, _verb: string, _opts: Record<string, unknown>): string {
  const args: string[] = [];
  const flags: string[] = [];
  const argv = session.argv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') {
      args.push(a);
      continue;
    }
    const long = a.startsWith('--');
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    let name = eq < 0 ? body : body.slice(0, eq);
    let value: string | undefined = eq < 0 ? undefined : body.slice(eq + 1);
    if (!long) {
      if (name.length > 1 && value === undefined) {
        value = name.slice(1);
        name = name[0];
      }
      name = SHORT[name] ?? name;
    }
    if (value === undefined) value = BOOLEAN.has(name) ? 'true' : argv[++i] ?? '';
    flags.push(` --${name}=${value}`);
  }
  return `kctl ${args.join(' ')}${flags.join('')}`;
}

/** Where an Invalid error happened: kubectl shows it when it lists several errors. */
export const invalidAt = new WeakMap<object, string>();

/** One line of kubectl's list of several errors (MultipleErrors): the server's words, no `error: `. */
function listedError(e: unknown): string {
  if (e instanceof StatusError) {
    if (e.reason !== 'Invalid' || !e.details) return `${serverPrefix(e)}${e.message}\n`;
    const message = serverMessage(e);
    return `Error from server (Invalid): ${invalidAt.get(e) ?? ''}${message}\n`;
  }
  return `${e instanceof Error ? e.message : String(e)}\n`;
}

/** The errors a verb met on its way through its objects: one as itself, several listed (exit 1). */
export function throwErrors(session: Session, errors: unknown[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length) {
    session.io.err(errors.map(listedError).join(''));
    throw new ExitCode(1);
  }
}

/** --validate: what the server is asked for (kubectl's default is strict). */
export function validation(v: unknown): 'Strict' | 'Warn' | 'Ignore' {
  if (v === undefined || v === true || v === 'true' || v === 'strict') return 'Strict';
  if (v === 'warn') return 'Warn';
  if (v === false || v === 'false' || v === 'ignore') return 'Ignore';
  throw new CliError(`invalid - validate option "${String(v)}"; must be one of: strict (or true), warn, ignore (or false)`);
}
