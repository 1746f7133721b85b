// Patches as Kubernetes v1.32 computes and applies them: strategic merge patch (kubectl apply's
// two- and three-way patches, and the API server's application of them), JSON merge patch and JSON
// patch. Pure functions over JSON values; inputs are never modified.
//
// The served kinds' metadata (patchmeta.json) weighs some 34 kB: import this module with
// `await import()` from the commands that need it, as with the strict-decoding schema.

import { threeWay, twoWay } from './diff.js';
import { mergeMap } from './merge.js';
import type { LookupPatchMeta } from './meta.js';
import { copy, type JsonObject } from './values.js';

export { ConflictError, PatchError } from './errors.js';
export { applyJsonPatch, createJsonPatch, JsonPatchError, pointerToken, type JsonPatchOperation } from './jsonpatch.js';
export { createJsonMergePatch, createThreeWayJsonMergePatch, jsonMergePatch, JsonMergePatchError } from './jsonmerge.js';
export {
  patchMetaData,
  patchMetaFor,
  patchMetaFromData,
  schemalessPatchMeta,
  structPatchMeta,
  type FieldEntry,
  type FieldPatchMeta,
  type LookupPatchMeta,
  type PatchMetaData,
} from './meta.js';
export type { Json, JsonObject } from './values.js';

const object = (v: JsonObject | null | undefined): JsonObject => (v ? copy(v) : {});

/** Applies a strategic merge patch to `original` (StrategicMergePatch). Throws PatchError. */
export function strategicMergePatch(original: JsonObject | null | undefined, patch: JsonObject, meta: LookupPatchMeta): JsonObject {
  return mergeMap(object(original), copy(patch), meta, { mergeParallelList: true, ignoreUnmatchedNulls: true });
}

/** The strategic merge patch from `original` to `modified` (CreateTwoWayMergePatch). */
export function createTwoWayMergePatch(original: JsonObject | null | undefined, modified: JsonObject | null | undefined, meta: LookupPatchMeta): JsonObject {
  return twoWay(object(original), object(modified), meta);
}

/**
 * The patch kubectl apply sends (CreateThreeWayMergePatch with overwrite): `original` is the
 * last-applied configuration, `modified` the new manifest, `current` the live object.
 */
export function createThreeWayMergePatch(
  original: JsonObject | null | undefined,
  modified: JsonObject | null | undefined,
  current: JsonObject | null | undefined,
  meta: LookupPatchMeta,
): JsonObject {
  return threeWay(object(original), object(modified), object(current), meta);
}
