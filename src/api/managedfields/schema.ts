// The shape server-side apply sees in a kind: structs, maps, scalars, and lists that are atomic,
// sets, or associative (keyed by some of their items' fields), as the v1.32 types' +listType,
// +listMapKey and +structType markers make them. Fields and omitempty come from the Go types'
// protobuf table (protometa.json); list keys from the patch merge keys, with the markers that
// differ from them below.

import patchmeta from '../patch/patchmeta.json';
import protometa from '../protobuf/protometa.json';

type Tuple = [string, number, string, string?, string?];
const STRUCTS = (protometa as unknown as { structs: Record<string, Tuple[]> }).structs;
const KINDS = (protometa as unknown as { kinds: Record<string, string> }).kinds;
const PATCH = (patchmeta as unknown as { structs: Record<string, Record<string, string | [string, string, string]>> }).structs;

/** Lists whose +listMapKey markers name more than the patch merge key, or that have none. */
const LIST_KEYS: Record<string, string[]> = {
  'Container.ports': ['containerPort', 'protocol'],
  'EphemeralContainer.ports': ['containerPort', 'protocol'],
  'ServiceSpec.ports': ['port', 'protocol'],
  'PodSpec.topologySpreadConstraints': ['topologyKey', 'whenUnsatisfiable'],
};
/** Defaults of key fields an item may leave out (the schema's default). */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };
/** +structType=atomic: owned as a whole. */
const ATOMIC_STRUCTS = new Set(['LabelSelector', 'LocalObjectReference', 'ObjectReference', 'NodeSelector', 'TypedLocalObjectReference']);

export type Shape =
  | { kind: 'scalar' }
  | { kind: 'struct'; name: string; atomic: boolean }
  | { kind: 'map'; elem: Shape }
  | { kind: 'list'; elem: Shape; relation: 'atomic' | 'set' | { keys: string[] } };

export interface FieldShape {
  shape: Shape;
  /** Whether the field is in the Go zero value's JSON (no omitempty, or a struct value). */
  inZero: boolean;
  pointer: boolean;
}

const SCALAR: Shape = { kind: 'scalar' };

/** The root shape of a kind, or undefined for a kind without Go types. */
export function kindShape(apiVersion: string, kind: string): Shape | undefined {
  const key = KINDS[`${apiVersion}/${kind}`];
  return key ? { kind: 'struct', name: key, atomic: false } : undefined;
}

function shapeOf(type: string, owner?: { struct: string; field: string }): Shape {
  const t = type.startsWith('*') ? type.slice(1) : type;
  if (t.startsWith('{}')) return { kind: 'map', elem: shapeOf(t.slice(2)) };
  if (t.startsWith('[]')) {
    const elemType = t.slice(2);
    const elem = shapeOf(elemType);
    const name = owner && `${owner.struct.replace(/@.*/, '')}.${owner.field}`;
    if (name && LIST_KEYS[name]) return { kind: 'list', elem, relation: { keys: LIST_KEYS[name] } };
    const entry = owner && PATCH[owner.struct]?.[owner.field];
    const [, strategy = '', mergeKey = ''] = Array.isArray(entry) ? entry : [];
    if (strategy.split(',').includes('merge')) return { kind: 'list', elem, relation: elem.kind === 'scalar' ? 'set' : { keys: [mergeKey] } };
    return { kind: 'list', elem, relation: 'atomic' };
  }
  if (Object.hasOwn(STRUCTS, t) && STRUCTS[t].length) return { kind: 'struct', name: t, atomic: ATOMIC_STRUCTS.has(t) };
  return SCALAR;
}

const cache = new Map<string, Map<string, FieldShape>>();

/** The fields of a struct shape by JSON name. */
export function fieldsOf(struct: string): Map<string, FieldShape> {
  let fields = cache.get(struct);
  if (fields) return fields;
  fields = new Map();
  for (const [json, , type, flags = ''] of STRUCTS[struct] ?? []) {
    const shape = shapeOf(type, { struct, field: json });
    const pointer = type.startsWith('*');
    fields.set(json, { shape, pointer, inZero: !flags.includes('o') || (shape.kind === 'struct' && !pointer) });
  }
  cache.set(struct, fields);
  return fields;
}

/** The key of an associative list's item: its key fields (defaulted where left out), sorted by name. */
export function itemKey(item: unknown, keys: string[]): Record<string, unknown> {
  const obj = (item ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of [...keys].sort()) {
    const v = obj[k] ?? KEY_DEFAULTS[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** The path element of a list item: `k:{…}` for an associative list, `v:…` for a set. */
export function itemElement(item: unknown, relation: 'set' | { keys: string[] }): string {
  return relation === 'set' ? `v:${JSON.stringify(item)}` : `k:${JSON.stringify(itemKey(item, relation.keys))}`;
}
