// Secret (v1).

import { invalid, type FieldError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import { age } from '../util/duration.js';
import { immutableUpdate } from './configmap.js';
import type { Kind } from './kind.js';

const KEY = /^[-._a-zA-Z0-9]+$/;

function validateData(data: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(data ?? {})) {
    if (!KEY.test(k) || k.length > 253) {
      errs.push(invalid(`${field}[${k}]`, k, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
    }
  }
  return errs;
}

export const secretKind: Kind<'secrets'> = {
  info: resourceInfo('secrets'),
  defaults(o) {
    o.type ??= 'Opaque';
    // stringData is write-only: merged into data on the way in.
    const sd = o.stringData;
    if (sd) {
      const data = (o.data ??= {});
      // String(): the values sent need not be strings, whatever the type says.
      for (const [k, v] of Object.entries(sd)) data[k] = Buffer.from(String(v)).toString('base64');
      delete o.stringData;
    }
  },
  validate(o) {
    const errs = validateData(o.data, 'data');
    // The values sent need not be strings, whatever the type says.
    for (const [k, v] of Object.entries(o.data ?? {})) {
      if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 === 1) {
        errs.push(invalid(`data[${k}]`, '<secret contents redacted>', 'illegal base64 data'));
      }
    }
    return errs;
  },
  prepareForUpdate(o, old) {
    if (o.type === undefined) o.type = old.type;
  },
  validateUpdate(o, old) {
    // stringData was merged into data before this, as the server converts it before validating.
    return [...(o.type === old.type ? [] : [invalid('type', o.type, 'field is immutable')]), ...immutableUpdate(o, old, ['data'])];
  },
  columns: [
    { name: 'TYPE', cell: (o) => String(o.type ?? 'Opaque') },
    { name: 'DATA', cell: (o) => String(Object.keys(o.data ?? {}).length) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
