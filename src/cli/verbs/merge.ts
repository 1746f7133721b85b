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
    // Own keys only: "__proto__" or "constructor" are data keys like any other.
    const own = (o: Record<string, unknown>, k: string) => (Object.hasOwn(o, k) ? o[k] : undefined);
    for (const k of Object.keys(orig)) if (!Object.hasOwn(modified, k)) delete out[k];
    for (const k of Object.keys(modified)) {
      const v = modified[k];
      if (v === null) delete out[k];
      else Object.defineProperty(out, k, { value: threeWayMerge(own(orig, k), v, own(current, k)), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (Array.isArray(modified) && Array.isArray(current) && modified.length === current.length) {
    const orig = Array.isArray(original) && original.length === modified.length ? original : [];
    return modified.map((m, i) => threeWayMerge(orig[i], m, current[i]));
  }
  return modified;
}
