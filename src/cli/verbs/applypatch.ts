// What kubectl apply does to an object it creates rather than patches: the explicit nulls go, as
// a patch would drop them.

import { isPlainObject } from '../../util/objects.js';

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
