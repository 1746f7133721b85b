// kubectl config set/unset: a dotted property path walked through the kubeconfig's types (map
// keys may hold dots while the next token is no field of the value), with kubectl's errors.

import { CliError } from './errors.js';
import { type Config, type Section, shapeEntry } from './kubeconfig.js';

type Type = { struct: string; fields: Record<string, Type | Leaf> } | { map: Type | Leaf; name: string };
type Leaf = 'string' | 'bool' | 'bytes' | 'strings' | 'stringmap';

const struct = (name: string, fields: Record<string, Type | Leaf>): Type => ({ struct: name, fields });
const EXTENSIONS: Type = { map: 'string', name: 'map[string]runtime.Object' };
const CLUSTER = struct('Cluster', {
  server: 'string',
  'tls-server-name': 'string',
  'insecure-skip-tls-verify': 'bool',
  'certificate-authority': 'string',
  'certificate-authority-data': 'bytes',
  'proxy-url': 'string',
  'disable-compression': 'bool',
  extensions: EXTENSIONS,
});
const USER = struct('AuthInfo', {
  'client-certificate': 'string',
  'client-certificate-data': 'bytes',
  'client-key': 'string',
  'client-key-data': 'bytes',
  token: 'string',
  tokenFile: 'string',
  as: 'string',
  'as-uid': 'string',
  'as-groups': 'strings',
  'as-user-extra': 'stringmap',
  username: 'string',
  password: 'string',
  'auth-provider': struct('AuthProviderConfig', { name: 'string', config: { map: 'string', name: 'map[string]string' } }),
  extensions: EXTENSIONS,
});
const CONTEXT = struct('Context', { cluster: 'string', user: 'string', namespace: 'string', extensions: EXTENSIONS });
const SECTIONS: Record<string, [Section, Type]> = { clusters: ['clusters', CLUSTER], users: ['users', USER], contexts: ['contexts', CONTEXT] };

function boolOf(v: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  throw new CliError(`strconv.ParseBool: parsing "${v}": invalid syntax`);
}

/** Go's base64.StdEncoding.DecodeString, as far as its verdict goes. */
function base64Check(v: string): void {
  const bad = /[^A-Za-z0-9+/=]/.exec(v);
  let at = bad ? bad.index : -1;
  if (at < 0 && v.length % 4) at = v.length - (v.length % 4);
  if (at < 0 && /=[^=]/.test(v)) at = v.indexOf('=');
  if (at >= 0) throw new CliError(`error decoding input value: illegal base64 data at input byte ${at}`);
}

/** A leaf set or unset on an object holding v1 fields. */
function setLeaf(target: Record<string, unknown>, key: string, leaf: Leaf, value: string | undefined, rawBytes: boolean): void {
  if (value === undefined) {
    delete target[key];
    return;
  }
  switch (leaf) {
    case 'string':
      target[key] = value;
      return;
    case 'bool':
      if (boolOf(value)) target[key] = true;
      else delete target[key];
      return;
    case 'bytes':
      if (rawBytes) target[key] = Buffer.from(value).toString('base64');
      else {
        base64Check(value);
        target[key] = value;
      }
      return;
    default:
      throw new CliError(`unrecognized slice type. string`);
  }
}

/** Walks `parts` below a stanza body or a nested struct. */
function walk(obj: Record<string, unknown>, type: Type, parts: string[], done: string[], value: string | undefined, rawBytes: boolean): void {
  if ('map' in type) {
    if (!parts.length) throw new CliError(`can't set a map to a value: map[${Object.keys(obj).sort().join(' ')}]`);
    const key = parts[0];
    if (parts.length === 1) {
      if (value === undefined) delete obj[key];
      else if (type.map === 'string') obj[key] = value;
      else throw new CliError(`can't set a map to a value`);
      return;
    }
    throw new CliError(`can't have more steps after a string. [${parts.slice(1).join(' ')}]`);
  }
  const [field, ...rest] = parts;
  const ft = type.fields[field];
  if (ft === undefined) throw new CliError(`unable to parse ${parts.join('.')} after [${done.join(' ')}] at api.${type.struct}`);
  if (typeof ft === 'string') {
    if (rest.length) throw new CliError(`can't have more steps after a ${ft === 'bool' ? 'bool' : ft === 'bytes' ? 'bytes' : 'string'}. [${rest.join(' ')}]`);
    setLeaf(obj, field, ft, value, rawBytes);
    return;
  }
  if (!rest.length && value === undefined) {
    delete obj[field];
    return;
  }
  const inner = ((obj[field] as Record<string, unknown>) ??= {});
  walk(inner, ft, rest, [...done, field], value, rawBytes);
}

/** A map key: the tokens up to one that names a field of the value's type (keys may hold dots). */
function mapKey(parts: string[], valueType: Type): [string, string[]] {
  const fields = 'struct' in valueType ? valueType.fields : {};
  for (let i = 1; i < parts.length; i++) if (Object.hasOwn(fields, parts[i])) return [parts.slice(0, i).join('.'), parts.slice(i)];
  return [parts.join('.'), []];
}

/** Sets (or, with value undefined, unsets) the property; the config is changed in place. */
export function setProperty(config: Config, property: string, value: string | undefined, rawBytes = false): void {
  const parts = property.split('.');
  const [head, ...rest] = parts;
  if (head === 'current-context' && !rest.length) {
    config.currentContext = value ?? '';
    return;
  }
  if (head === 'preferences') {
    if (!rest.length && value === undefined) {
      config.preferences = {};
      return;
    }
    walk(config.preferences, struct('Preferences', { colors: 'bool', extensions: EXTENSIONS }), rest, [head], value, rawBytes);
    return;
  }
  const section = SECTIONS[head];
  if (!section) throw new CliError(`unable to parse ${property} after [] at api.Config`);
  const [name, type] = section;
  const entries = config[name];
  if (!rest.length) {
    if (value !== undefined) throw new CliError(`can't set a map to a value: map[${[...entries.keys()].sort().map((k) => `${k}:0xc000000000`).join(' ')}]`);
    entries.clear();
    return;
  }
  const [key, more] = mapKey(rest, type);
  let entry = entries.get(key);
  if (!more.length) {
    if (value !== undefined) throw new CliError(`can't set a map to a value: map[]`);
    entries.delete(key);
    return;
  }
  if (!entry) {
    if (value === undefined) throw new CliError(`current map key \`${key}\` is invalid`);
    entry = { body: {}, origin: '' };
    entries.set(key, entry);
  }
  const body = structuredClone(entry.body);
  walk(body, type, more, [head, key], value, rawBytes);
  entries.set(key, { body: shapeEntry(name, body), origin: entry.origin });
}
