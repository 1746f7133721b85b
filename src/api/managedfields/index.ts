// Field ownership (metadata.managedFields) as a v1.32 API server keeps it, after
// structured-merge-diff's Updater: an update makes its manager own what it changed and takes
// those fields from the others; a server-side apply merges the applied configuration into the
// object, removes what the manager applied before and no longer does (unless another manager
// owns it), and fails with a conflict where it would change a field another manager owns,
// unless forced.
//
// Load with `await import()` from the writes that track ownership.

import { StatusError } from '../errors.js';
import type { KObject } from '../types.js';
import { FieldSet, pathString, type Path } from './fieldset.js';
import { fieldsOf, itemElement, kindShape, type Shape } from './schema.js';

export { FieldSet, pathString } from './fieldset.js';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

interface Manager {
  entry: Omit<ManagedFieldsEntry, 'fieldsV1' | 'fieldsType'>;
  set: FieldSet;
}

/** Managers by identity: name, operation, and (for updates) the apiVersion, as the server keys them. */
type Managers = Map<string, Manager>;

const identity = (e: { manager: string; operation: string; apiVersion: string; subresource?: string }) =>
  JSON.stringify([e.manager, e.operation, e.operation === 'Update' ? e.apiVersion : '', e.subresource ?? '']);

/** What no manager owns: the type, the server's metadata fields, and the status. */
const STRIPPED = FieldSet.of(
  [['f:apiVersion'], ['f:kind'], ['f:status']].concat(
    ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'generation', 'managedFields', 'resourceVersion'].map((f) => ['f:metadata', `f:${f}`]),
  ),
);

export function decodeManagers(entries: ManagedFieldsEntry[] | undefined): Managers {
  const out: Managers = new Map();
  for (const e of entries ?? []) {
    const { fieldsV1, fieldsType: _, ...entry } = e;
    out.set(identity(e), { entry, set: FieldSet.fromFieldsV1(fieldsV1) });
  }
  return out;
}

/** The managedFields list, sorted as the server sorts it (operation, time, manager, apiVersion). */
export function encodeManagers(managers: Managers): ManagedFieldsEntry[] | undefined {
  const entries = [...managers.values()]
    .filter((m) => !m.set.empty)
    .map(({ entry, set }) => ({ ...entry, fieldsType: 'FieldsV1' as const, fieldsV1: set.toFieldsV1() }));
  const seconds = (t?: string) => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  entries.sort(
    (p, q) =>
      cmp(p.operation, q.operation) || seconds(p.time) - seconds(q.time) || cmp(p.manager, q.manager) || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource ?? '', q.subresource ?? ''),
  );
  return entries.length ? entries.map(order) : undefined;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The JSON field order of metav1.ManagedFieldsEntry. */
const order = (e: ManagedFieldsEntry): ManagedFieldsEntry => ({
  manager: e.manager,
  operation: e.operation,
  apiVersion: e.apiVersion,
  ...(e.time ? { time: e.time } : {}),
  fieldsType: e.fieldsType,
  fieldsV1: e.fieldsV1,
  ...(e.subresource ? { subresource: e.subresource } : {}),
});

// ---- Walking objects by their shape ----

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);

function childShape(shape: Shape, key: string): { shape: Shape; inZero: boolean } | undefined {
  if (shape.kind === 'map') return { shape: shape.elem, inZero: false };
  if (shape.kind === 'struct') return fieldsOf(shape.name).get(key);
  return undefined;
}

const leaf = (shape: Shape) => shape.kind === 'scalar' || (shape.kind === 'struct' && shape.atomic) || (shape.kind === 'list' && shape.relation === 'atomic');

/** toFieldSet: what an applied configuration sets (leaves and the items of associative lists). */
function configSet(value: Json, shape: Shape, path: string[], out: FieldSet, unknown: string[]): void {
  if (leaf(shape) || value === null) return out.insert(path);
  if (shape.kind === 'list') {
    if (!Array.isArray(value)) return out.insert(path);
    for (const item of value) {
      const at = [...path, itemElement(item, shape.relation as 'set' | { keys: string[] })];
      out.insert(at);
      if (shape.relation !== 'set') configSet(item, shape.elem, at, out, unknown);
    }
    return;
  }
  if (!isObject(value)) return out.insert(path);
  for (const [k, v] of Object.entries(value)) {
    const child = childShape(shape, k);
    if (!child) {
      if (!(path.length === 0 && (k === 'apiVersion' || k === 'kind'))) unknown.push(pathString([...path, `f:${k}`]));
      continue;
    }
    configSet(v, child.shape, [...path, `f:${k}`], out, unknown);
  }
}

/** Every node of a value that is new: itself, and everything below it. */
function addAll(value: Json, shape: Shape | undefined, path: string[], out: FieldSet): void {
  out.insert(path);
  if (!shape || leaf(shape)) return;
  if (shape.kind === 'list' && Array.isArray(value)) {
    for (const item of value) {
      const at = [...path, itemElement(item, shape.relation as 'set' | { keys: string[] })];
      if (shape.relation === 'set') out.insert(at);
      else addAll(item, shape.elem, at, out);
    }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) addAll(v, childShape(shape, k)?.shape, [...path, `f:${k}`], out);
  }
}

interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * typed.Compare: what changed from `old` to `neu`. `implicit`: the node exists in the Go zero value
 * (a struct, or a field without omitempty), so appearing is no addition of the node itself.
 */
function compare(old: Json, neu: Json, shape: Shape | undefined, path: string[], c: Comparison, implicit: boolean): void {
  if (old === undefined && neu === undefined) return;
  if (neu === undefined) return addAll(old, shape, path, c.removed);
  if (old === undefined && !implicit) return addAll(neu, shape, path, c.added);
  if (!shape || leaf(shape) || old === null || neu === null || (shape.kind === 'list' && (!Array.isArray(old ?? []) || !Array.isArray(neu)))) {
    if (JSON.stringify(old ?? null) !== JSON.stringify(neu)) (old === undefined ? c.added : c.modified).insert(path);
    return;
  }
  if (shape.kind === 'list') {
    const rel = shape.relation as 'set' | { keys: string[] };
    const olds = new Map(((old ?? []) as Json[]).map((i) => [itemElement(i, rel), i]));
    const news = new Map((neu as Json[]).map((i) => [itemElement(i, rel), i]));
    for (const [pe, item] of news) {
      if (rel === 'set') {
        if (!olds.has(pe)) c.added.insert([...path, pe]);
      } else compare(olds.get(pe), item, shape.elem, [...path, pe], c, false);
    }
    for (const [pe, item] of olds) if (!news.has(pe)) addAll(item, rel === 'set' ? undefined : shape.elem, [...path, pe], c.removed);
    return;
  }
  const o = isObject(old) ? old : {};
  const n = isObject(neu) ? neu : {};
  for (const k of new Set([...Object.keys(o), ...Object.keys(n)])) {
    const child = childShape(shape, k);
    compare(o[k], n[k], child?.shape, [...path, `f:${k}`], c, !!child?.inZero);
  }
}

function comparison(old: Json, neu: Json, shape: Shape | undefined): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compare(old, neu, shape, [], c, true);
  return { added: c.added.recursiveDifference(STRIPPED), modified: c.modified.recursiveDifference(STRIPPED), removed: c.removed.recursiveDifference(STRIPPED) };
}

export interface UpdateRequest {
  manager: string;
  apiVersion: string;
  /** RFC 3339, the entry's time. */
  now: string;
  subresource?: string;
}

/**
 * The managedFields after an update from `old` (undefined: a create) to `neu` by a manager. If the
 * request set managedFields itself (they differ from the old object's), they are taken as given.
 */
export function managedFieldsAfterUpdate(old: KObject | undefined, neu: KObject, req: UpdateRequest): ManagedFieldsEntry[] | undefined {
  const sent = neu.metadata.managedFields as ManagedFieldsEntry[] | undefined;
  const previous = old?.metadata.managedFields as ManagedFieldsEntry[] | undefined;
  const userSet = sent !== undefined && JSON.stringify(sent) !== JSON.stringify(previous);
  const managers = decodeManagers(userSet ? sent : previous);
  const c = comparison(old ?? {}, neu, kindShape(neu.apiVersion, neu.kind));
  const changed = c.modified.union(c.added);
  for (const [id, m] of managers) {
    if (id === identity({ ...req, operation: 'Update' })) continue;
    m.set = m.set.difference(changed).recursiveDifference(c.removed);
  }
  const id = identity({ ...req, operation: 'Update' });
  const mine = managers.get(id);
  const set = (mine?.set ?? new FieldSet()).recursiveDifference(c.removed).union(changed);
  const time = mine && JSON.stringify([...mine.set.paths()]) === JSON.stringify([...set.paths()]) ? mine.entry.time : req.now;
  managers.set(id, { entry: { manager: req.manager, operation: 'Update', apiVersion: req.apiVersion, time, ...(req.subresource ? { subresource: req.subresource } : {}) }, set });
  return encodeManagers(managers);
}

// ---- Server-side apply ----

/** merge: the applied configuration over the live object, lists merged by their shape. */
function merge(live: Json, config: Json, shape: Shape | undefined): Json {
  if (config === undefined) return live;
  if (!shape || leaf(shape) || config === null || live === null || live === undefined) return config;
  if (shape.kind === 'list') {
    if (!Array.isArray(config) || !Array.isArray(live)) return config;
    const rel = shape.relation as 'set' | { keys: string[] };
    const incoming = new Map(config.map((i) => [itemElement(i, rel), i]));
    const out = live.map((i) => {
      const pe = itemElement(i, rel);
      const c = incoming.get(pe);
      incoming.delete(pe);
      return c === undefined || rel === 'set' ? i : merge(i, c, shape.elem);
    });
    return [...out, ...incoming.values()];
  }
  if (!isObject(config) || !isObject(live)) return config;
  const out: Record<string, Json> = { ...live };
  for (const [k, v] of Object.entries(config)) out[k] = merge(live[k], v, childShape(shape, k)?.shape);
  return out;
}

/** Removes one path from a value (a copy where it changes). */
function remove(value: Json, path: Path): Json {
  if (!path.length) return undefined;
  const [pe, ...rest] = path;
  if (Array.isArray(value)) {
    const items = value as Json[];
    const at = items.findIndex((i) => (pe.startsWith('v:') ? `v:${JSON.stringify(i)}` === pe : isObject(i) && pe === `k:${JSON.stringify(keyLike(i, pe))}`));
    if (at < 0) return value;
    const next = rest.length ? remove(items[at], rest) : undefined;
    return next === undefined ? items.filter((_, i) => i !== at) : items.map((v, i) => (i === at ? next : v));
  }
  if (!isObject(value) || !pe.startsWith('f:')) return value;
  const k = pe.slice(2);
  if (!(k in value)) return value;
  const out = { ...value };
  const next = rest.length ? remove(value[k], rest) : undefined;
  if (next === undefined) delete out[k];
  else out[k] = next;
  return out;
}

/** An item's key in the form of the path element `pe` names it (its fields, defaults included). */
function keyLike(item: Record<string, Json>, pe: string): Record<string, Json> {
  const keys = Object.keys(JSON.parse(pe.slice(2)) as object);
  const out: Record<string, Json> = {};
  for (const k of keys) out[k] = item[k] ?? (k === 'protocol' ? 'TCP' : undefined);
  return out;
}

export interface ApplyRequest {
  manager: string;
  now: string;
  force: boolean;
}

/** An apply's outcome: the object to store (before admission) and its managedFields. */
export interface Applied {
  object: KObject;
  managedFields: ManagedFieldsEntry[] | undefined;
}

/**
 * Server-side apply of `config` to `live` (undefined: the object does not exist yet). Throws the
 * API server's BadRequest for a field the kind does not have, and its Conflict (409, a
 * FieldManagerConflict cause per field) for fields other managers own.
 */
export function serverSideApply(live: KObject | undefined, config: KObject, req: ApplyRequest): Applied {
  const shape = kindShape(config.apiVersion, config.kind);
  const unknown: string[] = [];
  const applied = new FieldSet();
  if (shape) configSet(config, shape, [], applied, unknown);
  if (unknown.length) {
    const gv = config.apiVersion.includes('/') ? config.apiVersion : `/${config.apiVersion}`;
    const errors = unknown.map((p) => `${p}: field not declared in schema`).join('\n');
    throw new StatusError('BadRequest', `failed to create typed patch object (${gv}, Kind=${config.kind}): ${errors}`);
  }
  const newSet = applied.recursiveDifference(STRIPPED);
  const managers = decodeManagers(live?.metadata.managedFields as ManagedFieldsEntry[] | undefined);
  const id = identity({ manager: req.manager, operation: 'Apply', apiVersion: config.apiVersion });
  const lastSet = managers.get(id)?.set;
  let merged = merge(live ?? {}, config, shape) as KObject;
  if (lastSet) {
    const others = [...managers].filter(([k]) => k !== id).reduce((acc, [, m]) => acc.union(m.set), new FieldSet());
    const stale = [...lastSet.difference(newSet).paths()].filter((p) => !others.covers(p) && !newSet.covers(p));
    // Shallowest first: removing a node removes what is below it (an item emptied of its key fields could no longer be found).
    const removed: Path[] = [];
    for (const p of stale.sort((a, b) => a.length - b.length)) {
      if (removed.some((r) => r.every((pe, i) => p[i] === pe))) continue;
      merged = remove(merged, p) as KObject;
      removed.push(p);
    }
  }
  const c = comparison(live ?? {}, merged, shape);
  const changed = c.modified.union(c.added);
  const conflicts: { manager: Manager; path: Path }[] = [];
  for (const [k, m] of managers) {
    if (k === id) continue;
    for (const p of m.set.intersection(changed).paths()) conflicts.push({ manager: m, path: p });
  }
  if (conflicts.length && !req.force) throw conflictError(conflicts);
  for (const [k, m] of managers) if (k !== id) m.set = m.set.difference(changed).recursiveDifference(c.removed);
  managers.set(id, { entry: { manager: req.manager, operation: 'Apply', apiVersion: config.apiVersion, time: req.now }, set: newSet });
  return { object: merged, managedFields: encodeManagers(managers) };
}

/** printManager: `"name"`, with `using <apiVersion>` for an update. */
function printManager(m: Manager): string {
  const name = JSON.stringify(m.entry.manager) + (m.entry.subresource ? ` with subresource ${JSON.stringify(m.entry.subresource)}` : '');
  return m.entry.operation === 'Update' ? `${name} using ${m.entry.apiVersion}` : name;
}

function conflictError(conflicts: { manager: Manager; path: Path }[]): StatusError {
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${pathString(conflicts[0].path)}`;
  } else {
    const byManager = new Map<string, Path[]>();
    for (const c of conflicts) byManager.set(printManager(c.manager), [...(byManager.get(printManager(c.manager)) ?? []), c.path]);
    const lines: string[] = [];
    for (const m of [...byManager.keys()].sort()) lines.push(`conflicts with ${m}`, ...byManager.get(m)!.map((p) => `- ${pathString(p)}`));
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError('Conflict', message, {
    serverCauses: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: pathString(c.path) })),
  });
}
