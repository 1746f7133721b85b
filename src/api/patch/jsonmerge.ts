// JSON merge patch (RFC 7386) as the API server applies it (evanphx/json-patch v4's MergePatch and
// CreateMergePatch), and the three-way JSON merge patch kubectl apply sends for kinds without Go
// types (k8s.io/apimachinery/pkg/util/jsonmergepatch).

import { ConflictError, PatchError } from './errors.js';
import { copy, deepEqual, goType, has, isObject, put, type Json, type JsonObject } from './values.js';
import { toYaml } from './yaml.js';

export class JsonMergePatchError extends PatchError {
  override name = 'JsonMergePatchError';
}

/**
 * Applies a merge patch. Like the API server's implementation, nulls are also pruned from the
 * arrays of values that are added whole (RFC 7386 keeps them); an array patch replaces the
 * document, and a null document, a null patch or a scalar patch is refused.
 */
export function jsonMergePatch(original: Json, patch: Json): Json {
  if (original === null) throw new JsonMergePatchError('Invalid JSON Document');
  if (patch === null) throw new JsonMergePatchError('Invalid JSON Patch');
  if (Array.isArray(patch)) return pruneArray(copy(patch));
  if (!isObject(patch)) throw new JsonMergePatchError('Invalid JSON Patch');
  if (!isObject(original)) return pruneObject(copy(patch));
  const doc = copy(original);
  mergeDocs(doc, copy(patch));
  return doc;
}

function mergeDocs(doc: JsonObject, patch: JsonObject): void {
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) {
      delete doc[k];
    } else if (!has(doc, k) || doc[k] === null) {
      put(doc, k, prune(v));
    } else {
      put(doc, k, merge(doc[k], v));
    }
  }
}

function merge(cur: Json, patch: Json): Json {
  if (!isObject(cur)) return prune(patch);
  if (!isObject(patch)) return patch;
  mergeDocs(cur, patch);
  return cur;
}

const prune = (v: Json): Json => (isObject(v) ? pruneObject(v) : Array.isArray(v) ? pruneArray(v) : v);

function pruneObject(o: JsonObject): JsonObject {
  for (const k of Object.keys(o)) {
    if (o[k] === null) delete o[k];
    else put(o, k, prune(o[k]));
  }
  return o;
}

const pruneArray = (a: Json[]): Json[] => a.filter((v) => v !== null).map(prune);

/** The merge patch from `original` to `modified`: changed and added values, and nulls for removed keys. */
export function createJsonMergePatch(original: JsonObject, modified: JsonObject): JsonObject {
  const into: JsonObject = {};
  for (const key of Object.keys(modified)) {
    const bv = modified[key];
    if (!has(original, key)) {
      put(into, key, copy(bv));
      continue;
    }
    const av = original[key];
    if (goKind(av) !== goKind(bv)) {
      put(into, key, copy(bv));
    } else if (isObject(av)) {
      const sub = createJsonMergePatch(av, bv as JsonObject);
      if (Object.keys(sub).length > 0) put(into, key, sub);
    } else if (!deepEqual(av, bv)) {
      put(into, key, copy(bv));
    }
  }
  for (const key of Object.keys(original)) if (!has(modified, key)) put(into, key, null);
  return into;
}

// encoding/json decodes every number as float64 there, so 1 and 1.5 are of one type.
const goKind = (v: Json): string => (typeof v === 'number' ? 'float64' : goType(v));

/**
 * kubectl apply's patch for kinds it has no Go types for: additions and changes from `current` to
 * `modified`, plus deletions from `original` to `modified`.
 */
export function createThreeWayJsonMergePatch(original: JsonObject, modified: JsonObject, current: JsonObject): JsonObject {
  const addAndChange = keepOrDeleteNull(createJsonMergePatch(current, modified), false);
  const deletions = keepOrDeleteNull(createJsonMergePatch(original, modified), true);
  if (hasConflicts(addAndChange, deletions)) throw new ConflictError(toYaml(addAndChange), toYaml(deletions));
  return jsonMergePatch(deletions, addAndChange) as JsonObject;
}

/** Keeps only the nulls (deletions) or only the rest; an emptied sub-patch disappears. */
function keepOrDeleteNull(m: JsonObject, keepNull: boolean): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(m)) {
    const val = m[key];
    if (val === null) {
      if (keepNull) put(out, key, null);
    } else if (isObject(val)) {
      // An explicitly empty map is a value, not an empty patch.
      if (Object.keys(val).length === 0) {
        if (!keepNull) put(out, key, val);
        continue;
      }
      const sub = keepOrDeleteNull(val, keepNull);
      if (Object.keys(sub).length > 0) put(out, key, sub);
    } else if (!keepNull) {
      put(out, key, val);
    }
  }
  return out;
}

/** mergepatch.HasConflicts: both sides set a key to different values. */
export function hasConflicts(left: Json, right: Json): boolean {
  if (isObject(left)) {
    if (!isObject(right)) return true;
    return Object.keys(left).some((k) => has(right, k) && hasConflicts(left[k], right[k]));
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return true;
    return left.some((v, i) => hasConflicts(v, right[i]));
  }
  return !deepEqual(left, right);
}
