// Secret (v1).

import { invalid, tooLong, type FieldError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import { age } from '../util/duration.js';
import { configKeyErrors, decodedLength, immutableUpdate, MAX_SECRET_SIZE } from './configmap.js';
import type { Kind } from './kind.js';

/** ValidateSecret's keys and total size (the decoded bytes, reported on data). */
function validateData(data: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const k of Object.keys(data ?? {})) {
    errs.push(...configKeyErrors(field, k));
    total += decodedLength(data![k]);
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(field, MAX_SECRET_SIZE));
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
