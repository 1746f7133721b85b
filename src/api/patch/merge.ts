// Applying a strategic merge patch: strategicpatch.StrategicMergePatch of k8s.io/apimachinery v0.32,
// function for function. `mergeMap` is also what kubectl uses, with other options, to combine the
// two halves of a three-way patch (see diff.ts).

import {
  errBadArgType,
  errBadPatchFormatForPrimitiveList,
  errBadPatchFormatForRetainKeys,
  errBadPatchFormatForSetElementOrderList,
  errBadPatchType,
  errNoMergeKey,
  PatchError,
} from './errors.js';
import {
  DELETE_FROM_PRIMITIVE_LIST,
  DIRECTIVE,
  deduplicateScalars,
  extractToDeleteItems,
  findMapByKey,
  normalizeElementOrder,
  partitionMaps,
  partitionPrimitives,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
  sliceElementType,
} from './lists.js';
import { splitStrategies, type LookupPatchMeta } from './meta.js';
import { deepEqual, get, goEqual, goType, has, isObject, put, type Json, type JsonObject } from './values.js';
import { goSprint } from '../../util/goformat.js';

export interface MergeOptions {
  /** Apply `$deleteFromPrimitiveList` and `$setElementOrder` (server side) rather than carry them. */
  mergeParallelList: boolean;
  /** Drop a null whose key the original lacks, rather than keep it (keeping is for patch on patch). */
  ignoreUnmatchedNulls: boolean;
}

/** Merges `patch` into `original`, mutating both, as upstream's mergeMap does. */
export function mergeMap(original: JsonObject | null, patch: JsonObject, meta: LookupPatchMeta, opts: MergeOptions): JsonObject {
  if (has(patch, DIRECTIVE)) return directiveInMergeMap(patch[DIRECTIVE], patch);
  const orig = original ?? {};
  applyRetainKeys(orig, patch, opts);
  mergePatchIntoOriginal(orig, patch, meta, opts);

  for (let k of Object.keys(patch)) {
    if (!has(patch, k)) continue;
    const patchV = patch[k];
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        put(orig, k, patchV);
        continue;
      }
      k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete orig[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!has(orig, k)) {
      put(orig, k, patchV);
      continue;
    }
    const origV = orig[k];
    const type = goType(origV);
    if (type !== goType(patchV)) {
      put(orig, k, patchV);
      continue;
    }
    if (type === 'map') {
      const [sub, fieldMeta] = meta.lookupForStruct(k);
      const [, strategy] = splitStrategies(fieldMeta.strategies);
      put(orig, k, strategy !== 'replace' ? mergeMap(origV as JsonObject, patchV as JsonObject, sub, opts) : patchV);
    } else if (type === 'slice') {
      const [sub, fieldMeta] = meta.lookupForSlice(k);
      const [, strategy] = splitStrategies(fieldMeta.strategies);
      put(orig, k, mergeSliceHandler(origV, patchV, sub, strategy, fieldMeta.mergeKey, isDeleteList, opts));
    } else {
      put(orig, k, patchV);
    }
  }
  return orig;
}

function directiveInMergeMap(directive: Json, patch: JsonObject): JsonObject {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  throw errBadPatchType(directive, patch);
}

/** The list a parallel directive (`$setElementOrder/containers`) is about. */
function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) throw errBadPatchFormatForPrimitiveList();
    throw errBadPatchFormatForSetElementOrderList();
  }
  return s.slice(slash + 1);
}

/** `$retainKeys`: clears the original's keys missing from the list; the patch may only set listed keys. */
function applyRetainKeys(original: JsonObject, patch: JsonObject, opts: MergeOptions): void {
  if (!has(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    // Combining two patches: both must carry the same list, which the result keeps.
    if (has(original, RETAIN_KEYS)) {
      if (!deepEqual(original[RETAIN_KEYS], retain)) {
        throw new PatchError(
          `${goSprint(original[RETAIN_KEYS])} and ${goSprint(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
      }
    } else {
      put(original, RETAIN_KEYS, retain);
    }
    return;
  }
  if (!Array.isArray(retain)) throw errBadPatchFormatForRetainKeys();
  const kept = (k: string) => retain.some((v) => goEqual(v, k));
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!kept(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!kept(k)) delete original[k];
}

/**
 * `$setElementOrder/<list>`: merges the list it names and orders the result, $setElementOrder
 * first, then the patch's order, then the live order. Without mergeParallelList the directive is
 * carried into `original` (two patches being combined) and must agree with one already there.
 */
function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, meta: LookupPatchMeta, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!has(patch, key) || !key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    if (!opts.mergeParallelList) {
      if (has(original, key)) {
        if (!deepEqual(original[key], order)) throw errBadPatchFormatForSetElementOrderList();
      } else {
        put(original, key, order);
      }
    }
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType('slice', order);
    const listKey = extractKey(key, SET_ELEMENT_ORDER);
    const originalList = get(original, listKey);
    const patchList = get(patch, listKey);
    if (originalList !== undefined && !Array.isArray(originalList)) throw errBadArgType('slice', originalList);
    if (patchList !== undefined && !Array.isArray(patchList)) throw errBadArgType('slice', patchList);
    const [sub, fieldMeta] = meta.lookupForSlice(listKey);
    const [, strategy] = splitStrategies(fieldMeta.strategies);
    const mergeKey = fieldMeta.mergeKey;
    validatePatchWithSetOrderList(patchList ?? [], order, mergeKey);

    let merged: Json[];
    if (originalList !== undefined && patchList === undefined) merged = originalList;
    else if (originalList === undefined && patchList !== undefined) merged = patchList;
    else if (originalList !== undefined && patchList !== undefined) {
      merged = mergeSliceHandler(originalList, patchList, sub, strategy, mergeKey, false, opts);
    } else continue;

    const [patchItems, serverOnly] = mergeKey === '' ? partitionPrimitives(merged, order) : partitionMaps(merged, order, mergeKey);
    const kind = sliceElementType(originalList ?? [], patchList ?? []);
    put(original, listKey, normalizeElementOrder(patchItems, serverOnly, order, originalList ?? [], mergeKey, kind));
    delete patch[listKey];
  }
}

/** The patch list's items (deletions aside) must appear in $setElementOrder, in its order. */
function validatePatchWithSetOrderList(patchList: Json[], order: Json[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey === '' ? patchList : extractToDeleteItems(patchList)[0];
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (isObject(items[p]) && has(items[p] as JsonObject, DIRECTIVE)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(items[p], order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw new PatchError(`The order in patch list:\n${goSprint(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goSprint(order)}\n`);
  }
}

export function mergeKeyValueEqual(left: Json, right: Json, mergeKey: string): boolean {
  if (mergeKey === '') return goEqual(left, right);
  if (!isObject(left)) throw errBadArgType('map', left);
  if (!isObject(right)) throw errBadArgType('map', right);
  const l = get(left, mergeKey);
  if (l === undefined) throw errNoMergeKey(left, mergeKey);
  const r = get(right, mergeKey);
  if (r === undefined) throw errNoMergeKey(right, mergeKey);
  return goEqual(l, r);
}

function mergeSliceHandler(
  original: Json,
  patch: Json,
  meta: LookupPatchMeta,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  opts: MergeOptions,
): Json[] {
  if (!Array.isArray(original)) throw errBadArgType('slice', original);
  if (!Array.isArray(patch)) throw errBadArgType('slice', patch);
  return strategy === 'merge' ? mergeSlice(original, patch, meta, mergeKey, opts, isDeleteList) : patch;
}

function mergeSlice(original: Json[], patch: Json[], meta: LookupPatchMeta, mergeKey: string, opts: MergeOptions, isDeleteList: boolean): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  let merged: Json[];
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) return original.filter((v) => !patch.some((d) => goEqual(d, v)));
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw new PatchError(`cannot merge lists without merge key for ${meta.name()}`);
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, meta, opts);
  }
  const [patchItems, serverOnly] = mergeKey === '' ? partitionPrimitives(merged, patch) : partitionMaps(merged, patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

/** Applies `$patch: delete` and `$patch: replace` items; returns the original and the other items. */
function mergeSliceWithSpecialElements(original: Json[], patch: Json[], mergeKey: string): [Json[], Json[]] {
  const plain: Json[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!has(item, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    const directive = item[DIRECTIVE];
    if (directive === 'delete') {
      const value = get(item, mergeKey);
      if (value === undefined) throw errNoMergeKey(item, mergeKey);
      for (let found = findMapByKey(original, mergeKey, value); found; found = findMapByKey(original, mergeKey, value)) {
        original = [...original.slice(0, found[1]), ...original.slice(found[1] + 1)];
      }
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new PatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, item);
    }
  }
  return replace ? [plain, []] : [original, plain];
}

function mergeSliceWithoutSpecialElements(original: Json[], patch: Json[], mergeKey: string, meta: LookupPatchMeta, opts: MergeOptions): Json[] {
  original = [...original];
  for (const v of patch) {
    const item = v as JsonObject;
    const value = get(item, mergeKey);
    if (value === undefined) throw errNoMergeKey(item, mergeKey);
    const found = findMapByKey(original, mergeKey, value);
    if (found) original[found[1]] = mergeMap(found[0], item, meta, opts);
    else original.push(v);
  }
  return original;
}
