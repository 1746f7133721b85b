// JSON patch (RFC 6902) as the API server applies it: evanphx/json-patch v4, whose error texts the
// server returns with 422. Its departures from the RFC are kept: negative array indices count from
// the end, `replace` of a missing object key adds it, `add` cannot target the whole document, and
// a path without a leading slash addresses the root's keys.

import { PatchError } from './errors.js';
import { copy, deepEqual, has, isObject, put, type Json, type JsonObject } from './values.js';

export interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

export class JsonPatchError extends PatchError {
  override name = 'JsonPatchError';
  /** 400 when the patch is not a list of operations (it cannot be decoded), 422 when it does not apply. */
  constructor(
    message: string,
    readonly status: 400 | 422 = 422,
  ) {
    super(message);
  }
}

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';
const TEST_FAILED = 'test failed';

type Container = JsonObject | Json[];
const fail = (message: string) => new JsonPatchError(message);

/** encoding/json's text for a value of the wrong JSON type. */
const jsonTypeName = (v: unknown): string =>
  typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : Array.isArray(v) ? 'array' : 'object';
const unmarshalError = (v: unknown, into: string) => `json: cannot unmarshal ${jsonTypeName(v)} into Go value of type ${into}`;

/** strconv.Atoi, with its error text. */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw fail(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw fail(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

const decodeKey = (k: string) => k.replace(/~1|~0/g, (m) => (m === '~1' ? '/' : '~'));

/** The element at an existing index; negative indices count from the end. */
function arrayIndex(a: Json[], key: string, size = a.length): number {
  let idx = atoi(key);
  if (idx < 0) {
    if (idx < -size) throw fail(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
    idx += size;
  }
  if (idx >= size) throw fail(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  return idx;
}

/** A value, undefined when the key is missing or holds null (a nil node upstream). */
function getIn(con: Container, key: string): Json | undefined {
  if (Array.isArray(con)) return con[arrayIndex(con, key)] ?? undefined;
  return has(con, key) && con[key] !== null ? con[key] : undefined;
}

function addIn(con: Container, key: string, val: Json): void {
  if (!Array.isArray(con)) return put(con, key, val);
  if (key === '-') {
    con.push(val);
    return;
  }
  let idx: number;
  try {
    idx = atoi(key);
  } catch (e) {
    throw fail(`value was not a proper array index: '${key}': ${(e as Error).message}`);
  }
  const size = con.length + 1;
  if (idx >= size) throw fail(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
  if (idx < 0) {
    if (idx < -size) throw fail(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
    idx += size;
  }
  con.splice(idx, 0, val);
}

function removeIn(con: Container, key: string): void {
  if (Array.isArray(con)) {
    con.splice(arrayIndex(con, key), 1);
    return;
  }
  if (!has(con, key)) throw fail(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
  delete con[key];
}

function setIn(con: Container, key: string, val: Json): void {
  if (Array.isArray(con)) con[arrayIndex(con, key)] = val;
  else put(con, key, val);
}

/** The container holding the path's last token, and that token; undefined when a step is missing. */
function findObject(root: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let doc: Container = root;
  for (const part of split.slice(1, -1)) {
    let next: Json | undefined;
    try {
      next = getIn(doc, decodeKey(part));
    } catch {
      return undefined;
    }
    if (!isObject(next) && !Array.isArray(next)) return undefined;
    doc = next;
  }
  return [doc, decodeKey(split[split.length - 1])];
}

type Op = Record<string, unknown>;

/** An operation's string field: [value] or [undefined, error text] as upstream reads it. */
function field(op: Op, name: 'path' | 'from', missing: string): [string] | [undefined, string] {
  const v = Object.hasOwn(op, name) ? op[name] : null;
  if (v === null || v === undefined) return [undefined, missing];
  return typeof v === 'string' ? [v] : [undefined, unmarshalError(v, 'string')];
}

const valueOf = (op: Op): Json | undefined => (Object.hasOwn(op, 'value') ? copy((op.value ?? null) as Json) : undefined);

/** Applies RFC 6902 operations to a copy of `doc` (an object or an array). */
export function applyJsonPatch(doc: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw new JsonPatchError(unmarshalError(ops, 'jsonpatch.Patch'), 400);
  for (const op of ops) {
    if (op !== null && (typeof op !== 'object' || Array.isArray(op))) throw new JsonPatchError(unmarshalError(op, 'jsonpatch.Operation'), 400);
  }
  if (!isObject(doc) && !Array.isArray(doc)) throw new JsonPatchError(unmarshalError(doc, 'jsonpatch.partialDoc'), 400);
  const state = { root: copy(doc) as Container };
  for (const raw of ops as (Op | null)[]) {
    const op = raw ?? {};
    const kind = typeof op.op === 'string' ? op.op : 'unknown';
    switch (kind) {
      case 'add':
        add(state.root, op);
        break;
      case 'remove':
        remove(state.root, op);
        break;
      case 'replace':
        replace(state, op);
        break;
      case 'move':
        move(state.root, op);
        break;
      case 'copy':
        copyOp(state.root, op);
        break;
      case 'test':
        test(state.root, op);
        break;
      default:
        throw fail(`Unexpected kind: ${kind}`);
    }
  }
  return state.root;
}

function wrap(message: string, e: unknown): JsonPatchError {
  return fail(`${message}: ${(e as Error).message}`);
}

function add(root: Container, op: Op): void {
  const [path] = field(op, 'path', '');
  if (path === undefined) throw fail(`add operation failed to decode path: ${MISSING}`);
  const found = findObject(root, path);
  if (!found) throw fail(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  try {
    addIn(found[0], found[1], valueOf(op) ?? null);
  } catch (e) {
    throw wrap(`error in add for path: '${path}'`, e);
  }
}

function remove(root: Container, op: Op): void {
  const [path] = field(op, 'path', '');
  if (path === undefined) throw fail(`remove operation failed to decode path: ${MISSING}`);
  const found = findObject(root, path);
  if (!found) throw fail(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  try {
    removeIn(found[0], found[1]);
  } catch (e) {
    throw wrap(`error in remove for path: '${path}'`, e);
  }
}

function replace(state: { root: Container }, op: Op): void {
  const [path, err] = field(op, 'path', `operation missing path field: ${MISSING}`);
  if (path === undefined) throw fail(`replace operation failed to decode path: ${err}`);
  if (path === '') {
    const val = valueOf(op);
    if (!isObject(val) && !Array.isArray(val)) throw fail('replace operation value must be object or array: %!w(<nil>)');
    state.root = val;
    return;
  }
  const found = findObject(state.root, path);
  if (!found) throw fail(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
  try {
    getIn(found[0], found[1]);
  } catch {
    throw fail(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
  }
  try {
    setIn(found[0], found[1], valueOf(op) ?? null);
  } catch (e) {
    throw wrap(`error in remove for path: '${path}'`, e);
  }
}

function move(root: Container, op: Op): void {
  const [from, fromErr] = field(op, 'from', `operation, missing from field: ${MISSING}`);
  if (from === undefined) throw fail(`move operation failed to decode from: ${fromErr}`);
  const source = findObject(root, from);
  if (!source) throw fail(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  let val: Json | undefined;
  try {
    val = getIn(source[0], source[1]);
    removeIn(source[0], source[1]);
  } catch (e) {
    throw wrap(`error in move for path: '${source[1]}'`, e);
  }
  const [path, pathErr] = field(op, 'path', `operation missing path field: ${MISSING}`);
  if (path === undefined) throw fail(`move operation failed to decode path: ${pathErr}`);
  const target = findObject(root, path);
  if (!target) throw fail(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  try {
    addIn(target[0], target[1], val ?? null);
  } catch (e) {
    throw wrap(`error in move for path: '${path}'`, e);
  }
}

function copyOp(root: Container, op: Op): void {
  const [from, fromErr] = field(op, 'from', `operation, missing from field: ${MISSING}`);
  if (from === undefined) throw fail(`copy operation failed to decode from: ${fromErr}`);
  const source = findObject(root, from);
  if (!source) throw fail(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  let val: Json | undefined;
  try {
    val = getIn(source[0], source[1]);
  } catch (e) {
    throw wrap(`error in copy for from: '${from}'`, e);
  }
  const [path] = field(op, 'path', '');
  if (path === undefined) throw fail(`copy operation failed to decode path: ${MISSING}`);
  const target = findObject(root, path);
  if (!target) throw fail(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  try {
    addIn(target[0], target[1], val === undefined ? null : copy(val));
  } catch (e) {
    throw wrap('error while adding value during copy', e);
  }
}

function test(root: Container, op: Op): void {
  const [path, err] = field(op, 'path', `operation missing path field: ${MISSING}`);
  if (path === undefined) throw fail(`test operation failed to decode path: ${err}`);
  const value = valueOf(op);
  if (path === '') {
    if (value !== undefined && deepEqual(root, value)) return;
    throw fail(`testing value ${path} failed: ${TEST_FAILED}`);
  }
  const found = findObject(root, path);
  if (!found) throw fail(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
  let val: Json | undefined;
  try {
    val = getIn(found[0], found[1]);
  } catch (e) {
    throw wrap(`error in test for path: '${path}'`, e);
  }
  // A missing or null target matches an absent or null value, and nothing else.
  if (val === undefined ? value === undefined || value === null : value !== undefined && value !== null && deepEqual(val, value)) return;
  throw fail(`testing value ${path} failed: ${TEST_FAILED}`);
}

/** Escapes a key for a JSON pointer. */
export const pointerToken = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Operations that turn `from` into `to`: removals, additions and replacements, key by key. */
export function createJsonPatch(from: Json, to: Json, path = ''): JsonPatchOperation[] {
  if (isObject(from) && isObject(to)) {
    const ops: JsonPatchOperation[] = [];
    for (const k of Object.keys(from)) if (!has(to, k)) ops.push({ op: 'remove', path: `${path}/${pointerToken(k)}` });
    for (const k of Object.keys(to)) {
      const p = `${path}/${pointerToken(k)}`;
      if (!has(from, k)) ops.push({ op: 'add', path: p, value: copy(to[k]) });
      else ops.push(...createJsonPatch(from[k], to[k], p));
    }
    return ops;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    return from.flatMap((x, i) => createJsonPatch(x, to[i], `${path}/${i}`));
  }
  return deepEqual(from, to) ? [] : [{ op: 'replace', path, value: copy(to) }];
}
