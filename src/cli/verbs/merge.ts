// kubectl apply's three-way merge: the change from the last applied configuration to the new
// one, applied onto the live object. Fields the user never set (defaults, allocations, what
// controllers and other commands wrote) survive; fields removed from the manifest go.
// Lists are merged element by element while their length is unchanged (so defaulted fields
// inside containers and ports survive), and replaced when it changes.

import { isPlainObject } from '../../util/objects.js';

export function threeWayMerge(original: unknown, modified: unknown, current: unknown): unknown {
  if (isPlainObject(modified) && isPlainObject(current)) {
    const orig = isPlainObject(original) ? original : {};
    const out: Record<string, unknown> = { ...current };
    for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
    for (const k of Object.keys(modified)) {
      const v = modified[k];
      if (v === null) delete out[k];
      else out[k] = threeWayMerge(orig[k], v, current[k]);
    }
    return out;
  }
  if (Array.isArray(modified) && Array.isArray(current) && modified.length === current.length) {
    const orig = Array.isArray(original) && original.length === modified.length ? original : [];
    return modified.map((m, i) => threeWayMerge(orig[i], m, current[i]));
  }
  return modified;
}
