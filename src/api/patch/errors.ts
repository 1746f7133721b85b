// The errors of k8s.io/apimachinery's mergepatch and strategicpatch packages, worded as upstream
// words them (the API server returns these texts in its responses).

import { goTypeName, type Json, type JsonObject } from './values.js';
import { goSprint } from '../../util/goformat.js';

export class PatchError extends Error {
  override name = 'PatchError';
}

export const errNoListOfLists = () => new PatchError('lists of lists are not supported');
export const errBadPatchFormatForPrimitiveList = () => new PatchError('invalid patch format of primitive list');
export const errBadPatchFormatForRetainKeys = () => new PatchError('invalid patch format of retainKeys');
export const errBadPatchFormatForSetElementOrderList = () => new PatchError('invalid patch format of setElementOrder list');

export const errNoMergeKey = (m: JsonObject, key: string) =>
  new PatchError(`map: ${goSprint(m)} does not contain declared merge key: ${key}`);

/** ErrBadArgType: the expected Go type is `map` or `slice`, the actual one that of the value received. */
export const errBadArgType = (expected: 'map' | 'slice', actual: Json | undefined) =>
  new PatchError(`expected a ${goTypeName(expected === 'map' ? {} : [])}, but received a ${goTypeName(actual)}`);

export const errBadPatchType = (t: Json | undefined, m: JsonObject) =>
  new PatchError(`unknown patch type: ${goPercentS(t)} in map: ${goSprint(m)}`);

/** fmt's %s of an interface value: strings as they are, other scalars as %!s(type=value). */
function goPercentS(v: Json | undefined): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (typeof v === 'object') return goSprint(v);
  return `%!s(${goTypeName(v)}=${goSprint(v)})`;
}

/** mergepatch.ErrConflict, from the YAML of both sides. */
export class ConflictError extends PatchError {
  override name = 'ConflictError';
  constructor(patch: string, current: string) {
    super(`patch:\n${patch}\nconflicts with changes made from original to current:\n${current}\n`);
  }
}
