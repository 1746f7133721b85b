// Creating strategic merge patches: strategicpatch.CreateTwoWayMergePatch and the
// CreateThreeWayMergePatch kubectl apply sends (v0.32, called with overwrite, so without the
// conflict check), function for function.

import { errBadArgType, errNoListOfLists, errNoMergeKey, PatchError } from './errors.js';
import {
  DELETE_FROM_PRIMITIVE_LIST,
  DIRECTIVE,
  deduplicateScalars,
  normalizeSliceOrder,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
  sliceElementType,
  sortMapsByField,
  sortScalars,
} from './lists.js';
import { mergeKeyValueEqual, mergeMap } from './merge.js';
import { splitStrategies, type LookupPatchMeta } from './meta.js';
import { deepEqual, get, goType, has, isObject, put, type Json, type JsonObject } from './values.js';
import { goSprint } from '../../util/goformat.js';

export interface DiffOptions {
  /** Emit `$setElementOrder/<list>` beside merged lists. */
  setElementOrder?: boolean;
  /** Leave out additions and changes (the deletions half of a three-way patch). */
  ignoreChangesAndAdditions?: boolean;
  /** Leave out deletions (the additions half). */
  ignoreDeletions?: boolean;
  /** Emit `$retainKeys` (set for the fields tagged retainKeys). */
  buildRetainKeysDirective?: boolean;
}

/** The patch that turns `original` into `modified` for the fields `opts` selects. */
export function diffMaps(original: JsonObject, modified: JsonObject, meta: LookupPatchMeta, opts: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: string[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key];
    if (opts.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key);
    if (!has(original, key)) {
      if (!opts.ignoreChangesAndAdditions) put(patch, key, modifiedValue);
      continue;
    }
    const originalValue = original[key];
    if (key === DIRECTIVE) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') throw new PatchError(`invalid value for special key: ${DIRECTIVE}`);
      if (originalValue !== modifiedValue) put(patch, DIRECTIVE, modifiedValue);
      continue;
    }
    if (goType(originalValue) !== goType(modifiedValue)) {
      if (!opts.ignoreChangesAndAdditions) put(patch, key, modifiedValue);
      continue;
    }
    if (isObject(originalValue)) handleMapDiff(key, originalValue, modifiedValue as JsonObject, patch, meta, opts);
    else if (Array.isArray(originalValue)) handleSliceDiff(key, originalValue, modifiedValue as Json[], patch, meta, opts);
    else replaceIfNotEqual(key, originalValue, modifiedValue, patch, opts);
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!has(modified, key)) put(patch, key, null);
  }
  // A retained-keys list goes out when something changes or an original key must be cleared.
  const clears = Object.keys(original).some((k) => original[k] !== null && !has(modified, k));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || clears)) put(patch, RETAIN_KEYS, sortScalars(retainKeys));
  return patch;
}

function handleMapDiff(key: string, original: JsonObject, modified: JsonObject, patch: JsonObject, meta: LookupPatchMeta, opts: DiffOptions): void {
  let sub: LookupPatchMeta;
  let strategies: readonly string[];
  try {
    [sub, { strategies }] = meta.lookupForStruct(key);
  } catch (e) {
    // Unknown to the schema: only an error when it changed.
    if (deepEqual(original, modified)) return;
    throw e;
  }
  const [retainKeys, strategy] = splitStrategies(strategies);
  if (strategy === 'replace') {
    if (!opts.ignoreChangesAndAdditions) put(patch, key, modified);
    return;
  }
  const value = diffMaps(original, modified, sub, { ...opts, buildRetainKeysDirective: retainKeys });
  if (Object.keys(value).length > 0) put(patch, key, value);
}

function handleSliceDiff(key: string, original: Json[], modified: Json[], patch: JsonObject, meta: LookupPatchMeta, opts: DiffOptions): void {
  let sub: LookupPatchMeta;
  let strategies: readonly string[];
  let mergeKey: string;
  try {
    [sub, { strategies, mergeKey }] = meta.lookupForSlice(key);
  } catch (e) {
    if (deepEqual(original, modified)) return;
    throw e;
  }
  const [retainKeys, strategy] = splitStrategies(strategies);
  if (strategy !== 'merge') {
    replaceIfNotEqual(key, original, modified, patch, opts);
    return;
  }
  const [add, deletions, order] = diffLists(original, modified, sub, mergeKey, { ...opts, buildRetainKeysDirective: retainKeys });
  if (add.length > 0) put(patch, key, add);
  if (deletions.length > 0) put(patch, `${DELETE_FROM_PRIMITIVE_LIST}/${key}`, deletions);
  if (order.length > 0) put(patch, `${SET_ELEMENT_ORDER}/${key}`, order);
}

function replaceIfNotEqual(key: string, original: Json, modified: Json, patch: JsonObject, opts: DiffOptions): void {
  if (opts.ignoreChangesAndAdditions || deepEqual(original, modified)) return;
  put(patch, key, modified);
}

/** A merged list's patch items, its parallel deletion list (scalars), and its $setElementOrder list. */
function diffLists(original: Json[], modified: Json[], meta: LookupPatchMeta, mergeKey: string, opts: DiffOptions): [Json[], Json[], Json[]] {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementType(original, modified);
  if (kind === 'slice') throw errNoListOfLists();
  if (kind === 'map') {
    let [patchList, deleteList] = diffListsOfMaps(original, modified, meta, mergeKey, opts);
    patchList = normalizeSliceOrder(patchList, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    patchList = [...patchList, ...deleteList];
    let order: Json[] = [];
    if (opts.setElementOrder && ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!opts.ignoreDeletions && patchList.length > 0))) {
      order = modified.map((v) => {
        const item: JsonObject = {};
        put(item, mergeKey, get(v as JsonObject, mergeKey) ?? null);
        return item;
      });
    }
    return [patchList, [], order];
  }
  const [add, deletions] = diffListsOfScalars(original, modified, opts);
  const patchList = normalizeSliceOrder(add, modified, mergeKey, kind);
  // Upstream sorts the original list in place while diffing, so an order change is only seen
  // when the modified list is not itself in sorted order.
  const sortedOriginal = sortScalars([...original]);
  const changed = (!opts.ignoreDeletions && deletions.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(sortedOriginal, modified));
  return [patchList, deletions, opts.setElementOrder && changed ? modified : []];
}

function isOrderSame(original: Json[], modified: Json[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => mergeKeyValueEqual(original[i], m, mergeKey));
}

/** Added and deleted scalars, found by walking both lists sorted by their %v text. */
function diffListsOfScalars(original: Json[], modified: Json[], opts: DiffOptions): [Json[], Json[]] {
  const o = sortScalars([...original]);
  const m = sortScalars([...modified]);
  const add: Json[] = [];
  const deletions: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const os = i < o.length ? goSprint(o[i]) : undefined;
    const ms = j < m.length ? goSprint(m[j]) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      i++;
      j++;
    } else if (os === undefined || (ms !== undefined && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) add.push(m[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) deletions.push(o[i]);
      i++;
    }
  }
  return [add, deduplicateScalars(deletions)];
}

/** Changed and added items (recursively diffed), and `$patch: delete` items for removed ones. */
function diffListsOfMaps(original: Json[], modified: Json[], meta: LookupPatchMeta, mergeKey: string, opts: DiffOptions): [Json[], Json[]] {
  const patch: Json[] = [];
  const deletions: Json[] = [];
  const o = sortMapsByField([...original], mergeKey);
  const m = sortMapsByField([...modified], mergeKey);
  const at = (list: Json[], idx: number): [JsonObject, Json] => {
    const item = list[idx];
    if (!isObject(item)) throw errBadArgType('map', item);
    const value = get(item, mergeKey);
    if (value === undefined) throw errNoMergeKey(item, mergeKey);
    return [item, value];
  };
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const [oItem, oValue] = i < o.length ? at(o, i) : [undefined, undefined];
    const [mItem, mValue] = j < m.length ? at(m, j) : [undefined, undefined];
    const os = oItem ? goSprint(oValue) : '';
    const ms = mItem ? goSprint(mValue) : '';
    if (oItem && mItem && os === ms) {
      const value = diffMaps(oItem, mItem, meta, opts);
      if (Object.keys(value).length > 0) {
        put(value, mergeKey, mValue as Json);
        patch.push(value);
      }
      i++;
      j++;
    } else if (mItem && (!oItem || os > ms)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(mItem);
      j++;
    } else if (oItem) {
      if (!opts.ignoreDeletions) {
        const item: JsonObject = {};
        put(item, mergeKey, oValue as Json);
        put(item, DIRECTIVE, 'delete');
        deletions.push(item);
      }
      i++;
    }
  }
  return [patch, deletions];
}

/** The two-way patch: what turns `original` into `modified`. */
export function twoWay(original: JsonObject, modified: JsonObject, meta: LookupPatchMeta): JsonObject {
  return diffMaps(original, modified, meta, { setElementOrder: true });
}

/**
 * The three-way patch: changes from `current` to `modified` without deletions, plus the deletions
 * from `original` to `modified`, combined as kubectl combines them.
 */
export function threeWay(original: JsonObject, modified: JsonObject, current: JsonObject, meta: LookupPatchMeta): JsonObject {
  const delta = diffMaps(current, modified, meta, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(original, modified, meta, { setElementOrder: true, ignoreChangesAndAdditions: true });
  return mergeMap(deletions, delta, meta, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}
