// What kubectl apply decides on its side before it sends anything: the nulls it prunes from an
// object it creates, and whether the patch for an existing object would be empty. kubectl says
// `unchanged` and sends nothing only for an empty patch; any other patch is `configured`, even
// when the server then finds nothing to change (a manifest with `creationTimestamp: null`).

import { deepEqual, isPlainObject } from '../../util/objects.js';

/** kubectl ≥ 1.31 drops explicit nulls from an object apply creates, as a patch would drop them. */
export function pruneNulls(v: unknown): void {
  if (Array.isArray(v)) v.forEach(pruneNulls);
  else if (isPlainObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else pruneNulls(v[k]);
    }
  }
}

/**
 * Whether the three-way patch would be `{}`: nothing in the manifest differs from the live object
 * (fields only the server set are no change), and nothing of the last applied manifest is gone.
 * Lists are compared element by element while their lengths agree, as kctl merges them.
 */
export function patchIsEmpty(original: unknown, modified: unknown, current: unknown): boolean {
  return !changes(current, modified) && !deletions(original, modified);
}

function changes(current: unknown, modified: unknown, key = ''): boolean {
  if (isPlainObject(modified)) {
    if (!isPlainObject(current)) return true;
    // A key the live object lacks is sent even when its value is null; but the server writes
    // every ObjectMeta (a pod template's too) with `creationTimestamp`, null while unset.
    const unset = (k: string) => key === 'metadata' && k === 'creationTimestamp' && modified[k] === null;
    return Object.keys(modified).some((k) => (Object.hasOwn(current, k) ? changes(current[k], modified[k], k) : !unset(k)));
  }
  if (Array.isArray(modified)) {
    if (!Array.isArray(current) || current.length !== modified.length) return true;
    return modified.some((m, i) => changes(current[i], m, key));
  }
  return !deepEqual(current, modified);
}

function deletions(original: unknown, modified: unknown): boolean {
  if (isPlainObject(original) && isPlainObject(modified)) {
    return Object.keys(original).some((k) => !Object.hasOwn(modified, k) || deletions(original[k], modified[k]));
  }
  if (Array.isArray(original) && Array.isArray(modified)) {
    if (original.length !== modified.length) return original.length > modified.length;
    return original.some((o, i) => deletions(o, modified[i]));
  }
  return false;
}
