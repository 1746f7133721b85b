// ConfigMap (v1).

import { forbidden, type FieldError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import { age } from '../util/duration.js';
import { deepEqual } from '../util/objects.js';
import type { Kind } from './kind.js';

/**
 * ValidateConfigMapUpdate / ValidateSecretUpdate: once `immutable: true` is stored, it cannot be
 * unset and the listed fields cannot change (a nil and an empty map differ, as in Go).
 */
export function immutableUpdate<T extends { immutable?: boolean }>(o: T, old: T, fields: (keyof T & string)[]): FieldError[] {
  if (old.immutable !== true) return [];
  const detail = 'field is immutable when `immutable` is set';
  const errs = o.immutable === true ? [] : [forbidden('immutable', detail)];
  for (const f of fields) if (!deepEqual(o[f], old[f])) errs.push(forbidden(f, detail));
  return errs;
}

export const configMapKind: Kind<'configmaps'> = {
  info: resourceInfo('configmaps'),
  validateUpdate: (o, old) => immutableUpdate(o, old, ['data', 'binaryData']),
  columns: [
    { name: 'DATA', cell: (o) => String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
