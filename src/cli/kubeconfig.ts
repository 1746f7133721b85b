// The kubeconfig as clientcmd's api package models it: clusters, users and contexts keyed by
// name, each remembering the file it came from; decoded from and encoded to the v1 file form
// with the fields, order and omitempty rules of kubectl's structs.

import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeAtomically } from '../store/statefile.js';
import { makeDirectory } from '../store/statepath.js';

type Obj = Record<string, unknown>;

/** One named stanza: its v1 body and the file it was read from. */
export interface Entry {
  body: Obj;
  origin: string;
}

export interface Config {
  preferences: Obj;
  clusters: Map<string, Entry>;
  users: Map<string, Entry>;
  contexts: Map<string, Entry>;
  currentContext: string;
  extensions?: unknown[];
}

export class KubeconfigError extends Error {}

export function newConfig(): Config {
  return { preferences: {}, clusters: new Map(), users: new Map(), contexts: new Map(), currentContext: '' };
}

/** Field order and omitempty of each v1 struct: [json name, kind]; `!` marks a field always written. */
type Kind = 'string' | 'bool' | 'bytes' | 'list' | 'map' | 'raw' | 'string!' | 'bool!' | 'list!';
const CLUSTER: [string, Kind][] = [
  ['server', 'string!'],
  ['tls-server-name', 'string'],
  ['insecure-skip-tls-verify', 'bool'],
  ['certificate-authority', 'string'],
  ['certificate-authority-data', 'bytes'],
  ['proxy-url', 'string'],
  ['disable-compression', 'bool'],
  ['extensions', 'list'],
];
const USER: [string, Kind][] = [
  ['client-certificate', 'string'],
  ['client-certificate-data', 'bytes'],
  ['client-key', 'string'],
  ['client-key-data', 'bytes'],
  ['token', 'string'],
  ['tokenFile', 'string'],
  ['as', 'string'],
  ['as-uid', 'string'],
  ['as-groups', 'list'],
  ['as-user-extra', 'map'],
  ['username', 'string'],
  ['password', 'string'],
  ['auth-provider', 'raw'],
  ['exec', 'raw'],
  ['extensions', 'list'],
];
const CONTEXT: [string, Kind][] = [
  ['cluster', 'string!'],
  ['user', 'string!'],
  ['namespace', 'string'],
  ['extensions', 'list'],
];
const EXEC: [string, Kind][] = [
  ['command', 'string!'],
  ['args', 'list!'],
  ['env', 'list!'],
  ['apiVersion', 'string'],
  ['installHint', 'string'],
  ['provideClusterInfo', 'bool!'],
  ['interactiveMode', 'string'],
];

export const FIELDS = { clusters: CLUSTER, users: USER, contexts: CONTEXT } as const;
export type Section = keyof typeof FIELDS;

/** Go's name for a JSON value's type, as its decoder reports a mismatch. */
const goType = (v: unknown) => (typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : 'string');

/** A string field holding something else (YAML 1.1 reads `y` and `no` as booleans): Go's decode error. */
function mustBeString(v: unknown, where: string): void {
  if (v !== undefined && v !== null && typeof v !== 'string') throw new KubeconfigError(`json: cannot unmarshal ${goType(v)} into Go struct field ${where} of type string`);
}

/** A v1 struct as Go re-encodes it: known fields only, in order, empty ones left out. */
function shape(raw: unknown, fields: [string, Kind][], where = ''): Obj {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Obj;
  const out: Obj = {};
  for (const [name, kind] of fields) {
    const v = o[name];
    if (where && kind.startsWith('string')) mustBeString(v, `${where}.${name}`);
    const always = kind.endsWith('!');
    switch (kind.replace('!', '')) {
      case 'string':
      case 'bytes':
        if (v !== undefined && v !== null && v !== '') out[name] = String(v);
        else if (always) out[name] = '';
        break;
      case 'bool':
        if (v === true) out[name] = true;
        else if (always) out[name] = false;
        break;
      case 'list':
        if (Array.isArray(v) && v.length) out[name] = name === 'extensions' ? v.map(extension) : v;
        else if (always) out[name] = null;
        break;
      case 'map':
        if (v && typeof v === 'object' && Object.keys(v).length) out[name] = v;
        break;
      case 'raw':
        if (v && typeof v === 'object') out[name] = name === 'exec' ? shape(v, EXEC) : { name: (v as Obj).name ?? '', config: (v as Obj).config ?? null };
        break;
    }
  }
  return out;
}

/** Keys sorted all the way down, as the extension's JSON comes out of Go's YAML decoding. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Obj)[k])]));
}

function extension(e: unknown): Obj {
  const o = (e ?? {}) as Obj;
  return { name: String(o.name ?? ''), extension: sorted(o.extension ?? null) };
}

export function shapeEntry(section: Section, raw: unknown): Obj {
  return shape(raw, FIELDS[section]);
}

const V1_KEY: Record<Section, string> = { clusters: 'cluster', users: 'user', contexts: 'context' };
const GO_NAME: Record<Section, string> = { clusters: 'Cluster', users: 'AuthInfo', contexts: 'Context' };

/** Decodes one file's v1 document (already parsed from YAML). */
export function fromV1(raw: unknown, origin: string): Config {
  const config = newConfig();
  if (raw === null || raw === undefined) return config;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new KubeconfigError(`error loading config file "${origin}": couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(raw) ? 'array' : typeof raw} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  const o = raw as Obj;
  for (const section of ['clusters', 'users', 'contexts'] as Section[]) {
    const list = o[section];
    if (!Array.isArray(list)) continue;
    try {
      for (const item of list) {
        const named = (item ?? {}) as Obj;
        mustBeString(named.name, `Named${GO_NAME[section]}.${section}.name`);
        const name = String(named.name ?? '');
        // Within one file the later stanza of a name wins, as Go's map conversion has it.
        config[section].set(name, { body: shape(named[V1_KEY[section]], FIELDS[section], `${GO_NAME[section]}.${section}.${V1_KEY[section]}`), origin });
      }
    } catch (e) {
      if (e instanceof KubeconfigError) throw new KubeconfigError(`error loading config file "${origin}": ${e.message}`);
      throw e;
    }
  }
  if (o['current-context'] !== undefined && o['current-context'] !== null && typeof o['current-context'] !== 'string')
    throw new KubeconfigError(`error loading config file "${origin}": json: cannot unmarshal ${goType(o['current-context'])} into Go struct field Config.current-context of type string`);
  if (o.preferences && typeof o.preferences === 'object') config.preferences = shapePreferences(o.preferences);
  config.currentContext = o['current-context'] ? String(o['current-context']) : '';
  if (Array.isArray(o.extensions) && o.extensions.length) config.extensions = o.extensions.map(extension);
  return config;
}

function shapePreferences(p: unknown): Obj {
  const o = p as Obj;
  const out: Obj = {};
  if (o.colors === true) out.colors = true;
  if (Array.isArray(o.extensions) && o.extensions.length) out.extensions = o.extensions.map(extension);
  return out;
}

function byName(m: Map<string, Entry>, key: string): Obj[] | null {
  if (!m.size) return null;
  return [...m.keys()].sort().map((name) => ({ name, [key]: m.get(name)!.body }));
}

/** The v1 document in Go's field order (YAML output sorts it; JSON keeps it). */
export function toV1(c: Config): Obj {
  const out: Obj = {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: c.preferences,
    clusters: byName(c.clusters, 'cluster'),
    users: byName(c.users, 'user'),
    contexts: byName(c.contexts, 'context'),
    'current-context': c.currentContext,
  };
  if (c.extensions?.length) out.extensions = c.extensions;
  return out;
}

/** The file's text parsed: JSON directly, anything else through the YAML library. */
async function parseText(text: string, file: string): Promise<unknown> {
  if (!text.trim()) return null;
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {}
  }
  const { loadYaml } = await import('../util/yaml.js');
  const yaml = await loadYaml();
  try {
    return yaml.parse(text, { version: '1.1' });
  } catch (e) {
    // go-yaml's form, `yaml: line N: …`; the wording is the YAML library's.
    const err = e as Error & { linePos?: { line: number }[] };
    const what = String(err.message).split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const line = err.linePos?.[0]?.line;
    throw new KubeconfigError(`error loading config file "${file}": yaml: ${line ? `line ${line}: ` : ''}${what.charAt(0).toLowerCase()}${what.slice(1)}`);
  }
}

/** The parsed v1 document of a file, or undefined when there is none. */
export async function readV1(file: string): Promise<unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new KubeconfigError(`error loading config file "${file}": open ${file}: ${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
  return parseText(text, file);
}

/** clientcmd.LoadFromFile, with missing files as empty configs (getConfigFromFile). */
export async function loadFile(file: string): Promise<Config> {
  const raw = await readV1(file);
  return fromV1(raw ?? null, file);
}

/** The text kubectl writes: YAML, keys sorted. */
export async function encodeYaml(c: Config): Promise<string> {
  const { toYaml } = await import('../printers/output.js');
  return toYaml(toV1(c));
}

/** clientcmd.WriteToFile: the directory made if need be, the file replaced atomically, 0600 when new. */
export async function writeFile(c: Config, file: string): Promise<void> {
  const text = await encodeYaml(c);
  try {
    makeDirectory(dirname(file));
  } catch (e) {
    throw new KubeconfigError(`mkdir ${dirname(file)}: ${(e as Error).message.replace(/^E[A-Z]+: ([^,]+).*$/s, '$1')}`);
  }
  let target = file;
  let mode = 0o600;
  try {
    // A kubeconfig that is a link (to a dotfiles repository) stays one: its target is replaced.
    target = realpathSync(file);
    mode = statSync(target).mode & 0o7777;
  } catch {}
  writeAtomically(target, [text], { mode });
}
