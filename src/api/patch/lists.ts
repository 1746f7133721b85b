// List helpers shared by applying and creating strategic merge patches: element types, merge-key
// lookups, the order of merged lists, scalar sorting and de-duplication, as strategicpatch does them.

import { errBadArgType, errNoListOfLists, errNoMergeKey, PatchError } from './errors.js';
import { sliceStable, sortSlice } from '../../util/gosort.js';
import { get, goEqual, goType, isObject, type GoType, type Json, type JsonObject } from './values.js';
import { goSprint } from '../../util/goformat.js';

export const DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER = '$setElementOrder';

/** The Go type all elements share; lists of lists and mixed lists are refused. */
export function sliceElementType(...slices: Json[][]): GoType {
  let prev: GoType | undefined;
  for (const s of slices) {
    for (const v of s) {
      const t = goType(v);
      if (prev === undefined) {
        prev = t;
        if (t === 'slice') throw errNoListOfLists();
      } else if (prev !== t) {
        throw new PatchError(`list element types are not identical: ${goSprint(slices)}`);
      }
    }
  }
  if (prev === undefined) throw new PatchError('no elements in any of the given slices');
  return prev;
}

/** The merge key's value of a map item (nil when absent), or the item itself for scalars. */
const keyValue = (item: Json, mergeKey: string, maps: boolean): Json | undefined =>
  maps ? (isObject(item) ? (get(item, mergeKey) ?? null) : null) : item;

export function indexOf(list: Json[], item: Json, mergeKey: string, maps: boolean): number {
  const want = keyValue(item, mergeKey, maps);
  return list.findIndex((v) => goEqual(want, keyValue(v, mergeKey, maps)));
}

export function validateMergeKeyInLists(mergeKey: string, ...lists: Json[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) throw errBadArgType('map', item);
      if (get(item, mergeKey) === undefined) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/** Splits a patch list into its items and its `$patch: delete` items. */
export function extractToDeleteItems(list: Json[]): [Json[], Json[]] {
  const keep: Json[] = [];
  const remove: Json[] = [];
  for (const v of list) {
    if (!isObject(v)) throw errBadArgType('map', v);
    (get(v, DIRECTIVE) === 'delete' ? remove : keep).push(v);
  }
  return [keep, remove];
}

/** Sorts `toSort` by the positions its items have in `order`; deletions go last. */
export function normalizeSliceOrder(toSort: Json[], order: Json[], mergeKey: string, kind: GoType): Json[] {
  const maps = kind === 'map';
  let toDelete: Json[] = [];
  if (maps) {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [toSort, toDelete] = extractToDeleteItems(toSort);
  }
  sliceStable(toSort, (x, y) => {
    const i = indexOf(order, x, mergeKey, maps);
    if (i >= 0) {
      const j = indexOf(order, y, mergeKey, maps);
      if (j >= 0) return i < j;
    }
    return true;
  });
  return [...toSort, ...toDelete];
}

/**
 * Interleaves server-only items into the patch's items: both keep their relative order, and a
 * server-only item goes before a patch item when the live list had it first.
 */
function mergeSortedSlice(left: Json[], right: Json[], serverOrder: Json[], mergeKey: string, maps: boolean): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexOf(serverOrder, left[i], mergeKey, maps);
      const ri = indexOf(serverOrder, right[j], mergeKey, maps);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

export function normalizeElementOrder(patch: Json[], serverOnly: Json[], patchOrder: Json[], serverOrder: Json[], mergeKey: string, kind: GoType): Json[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind === 'map');
}

export function findMapByKey(list: Json[], key: string, value: Json): [JsonObject, number] | undefined {
  for (let k = 0; k < list.length; k++) {
    const v = list[k];
    if (!isObject(v)) throw new PatchError(`value for key ${k} is not a map`);
    const got = get(v, key);
    if (got !== undefined && goEqual(got, value)) return [v, k];
  }
  return undefined;
}

export function partitionPrimitives(list: Json[], by: Json[]): [Json[], Json[]] {
  const inPatch = (v: Json) => by.some((b) => goEqual(b, v));
  return [list.filter(inPatch), list.filter((v) => !inPatch(v))];
}

export function partitionMaps(list: Json[], by: Json[], mergeKey: string): [Json[], Json[]] {
  const patch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of list) {
    if (!isObject(v)) throw errBadArgType('map', v);
    const value = get(v, mergeKey);
    if (value === undefined) throw errNoMergeKey(v, mergeKey);
    (findMapByKey(by, mergeKey, value) ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

/** deduplicateScalars: each duplicate is overwritten by the current last item, as upstream does. */
export function deduplicateScalars(s: Json[]): Json[] {
  s = [...s];
  let last = s.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (goEqual(s[i], s[j])) {
        s[j] = s[last];
        s.length = last;
        last--;
        j--;
      }
    }
  }
  return s;
}

/** Sorts by the %v text, with upstream's `<=` comparison. */
export const sortScalars = (s: Json[]): Json[] => sortSlice(s, (a, b) => goSprint(a) <= goSprint(b));

/** Sorts maps by the %v text of a field. */
export const sortMapsByField = (s: Json[], field: string): Json[] =>
  sortSlice(s, (a, b) => goSprint(get(a as JsonObject, field)) <= goSprint(get(b as JsonObject, field)));
