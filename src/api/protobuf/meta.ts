// The field table of every message kctl reads or writes as protobuf (protometa.json, written by
// scripts/gen-protometa.mjs from kubectl v1.32's Go types), with the envelope messages added.

import data from './protometa.json';

/** [jsonName, fieldNumber, type, flags?, goName?]: see scripts/gen-protometa.mjs. */
export type FieldTuple = [string, number, string, string?, string?];

export interface Field {
  json: string;
  number: number;
  type: string;
  omitempty: boolean;
  inline: boolean;
  /** The Go field name, as gogo's errors print it. */
  go: string;
}

export interface Struct {
  /** The Go type name, as gogo's errors print it. */
  name: string;
  /** In the order encoding/json prints them. */
  fields: Field[];
  /** In field-number order, as gogo writes them. */
  byNumber: Field[];
  number: Map<number, Field>;
}

interface ProtoMeta {
  generator: string;
  source: string;
  /** `apiVersion/Kind` → struct key. */
  kinds: Record<string, string>;
  structs: Record<string, FieldTuple[]>;
}

const meta = data as unknown as ProtoMeta;

/** runtime.Unknown and runtime.TypeMeta, the envelope of every body. */
const ENVELOPE: Record<string, FieldTuple[]> = {
  'Unknown@runtime': [
    ['typeMeta', 1, 'TypeMeta@runtime', '', 'TypeMeta'],
    ['raw', 2, 'bytes', 'o'],
    ['contentEncoding', 3, 'string'],
    ['contentType', 4, 'string'],
  ],
  'TypeMeta@runtime': [
    ['apiVersion', 1, 'string', 'o', 'APIVersion'],
    ['kind', 2, 'string', 'o'],
  ],
};

const cache = new Map<string, Struct>();

export function struct(key: string): Struct {
  let s = cache.get(key);
  if (s) return s;
  const tuples = ENVELOPE[key] ?? meta.structs[key];
  if (!tuples) throw new Error(`protobuf: no message ${key}`);
  const fields = tuples.map(([json, number, type, flags = '', go]): Field => ({
    json,
    number,
    type,
    omitempty: flags.includes('o'),
    inline: flags.includes('i'),
    go: go ?? json.charAt(0).toUpperCase() + json.slice(1),
  }));
  s = {
    name: key.replace(/@.*/, ''),
    fields,
    byNumber: [...fields].sort((a, b) => a.number - b.number),
    number: new Map(fields.map((f) => [f.number, f])),
  };
  cache.set(key, s);
  return s;
}

/** The struct key of a kind, or undefined when kctl does not read or write it as protobuf. */
/** Kinds metav1.AddToGroupVersion registers in every served group version (typed clients send `v1` DeleteOptions). */
const IN_EVERY_VERSION = new Set(['DeleteOptions']);

export function kindStruct(apiVersion: string, kind: string): string | undefined {
  const key = `${apiVersion}/${kind}`;
  if (Object.hasOwn(meta.kinds, key)) return meta.kinds[key];
  return IN_EVERY_VERSION.has(kind) ? meta.kinds[`meta.k8s.io/v1/${kind}`] : undefined;
}

export const UNKNOWN = 'Unknown@runtime';
export const TYPE_META = 'TypeMeta@runtime';

/** Types with a message and a JSON form of their own. */
export const SPECIAL = new Set(['Time', 'MicroTime', 'Duration', 'Quantity', 'IntOrString', 'RawExtension', 'FieldsV1']);
export const SCALAR = new Set(['string', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'float32', 'float64', 'bytes']);

/** Go's order of strings (their UTF-8 bytes), in which it prints and writes map keys. */
export const byUTF8 = (a: string, b: string): number =>
  // UTF-16 order is code point order, hence UTF-8 order, until a surrogate pair meets U+E000–U+FFFF.
  /[\ud800-\uffff]/.test(a + b) ? Buffer.compare(Buffer.from(a), Buffer.from(b)) : a < b ? -1 : a > b ? 1 : 0;
