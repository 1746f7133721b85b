// ConfigMap (v1).

import { forbidden, invalid, tooLong, type FieldError } from '../api/errors.js';
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

/** core.MaxSecretSize: a ConfigMap's or a Secret's data, all values together, in bytes. */
export const MAX_SECRET_SIZE = 1024 * 1024;

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** IsConfigMapKey's complaints about a key of data, binaryData or a Secret's data. */
export function configKeyErrors(field: string, key: string): FieldError[] {
  const errs: FieldError[] = [];
  if (key.length > 253) errs.push(invalid(`${field}[${key}]`, key, 'must be no more than 253 characters'));
  if (!CONFIG_KEY.test(key)) {
    errs.push(invalid(`${field}[${key}]`, key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
  }
  if (key === '.') errs.push(invalid(`${field}[${key}]`, key, "must not be '.'"));
  else if (key === '..') errs.push(invalid(`${field}[${key}]`, key, "must not be '..'"));
  else if (key.startsWith('..')) errs.push(invalid(`${field}[${key}]`, key, "must not start with '..'"));
  return errs;
}

/** The bytes a base64 value decodes to (binaryData and a Secret's data are []byte). */
export function decodedLength(v: unknown): number {
  return typeof v === 'string' ? Buffer.from(v, 'base64').length : 0;
}

/**
 * ValidateConfigMap past the metadata: keys, a key in both bags, and the total size, which is
 * reported against the whole object (an empty path, printed `[]`).
 */
function validateConfigMap(o: { data?: Record<string, string>; binaryData?: Record<string, string> }): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  const data = o.data ?? {};
  const binary = o.binaryData ?? {};
  for (const k of Object.keys(data)) {
    errs.push(...configKeyErrors('data', k));
    if (Object.hasOwn(binary, k)) errs.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(String(data[k]));
  }
  for (const k of Object.keys(binary)) {
    errs.push(...configKeyErrors('binaryData', k));
    if (Object.hasOwn(data, k)) errs.push(invalid(`binaryData[${k}]`, k, 'duplicate of key present in data'));
    total += decodedLength(binary[k]);
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('[]', MAX_SECRET_SIZE));
  return errs;
}

export const configMapKind: Kind<'configmaps'> = {
  info: resourceInfo('configmaps'),
  validate: (o) => validateConfigMap(o),
  validateUpdate: (o, old) => immutableUpdate(o, old, ['data', 'binaryData']),
  columns: [
    { name: 'DATA', cell: (o) => String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
