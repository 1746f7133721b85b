// ConfigMap (v1).

import { forbidden, type FieldError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { age } from '../printers/duration.js';
import { DescribeWriter } from '../printers/describe.js';
import { deepEqual } from '../util/objects.js';
import type { Kind } from './kind.js';

/**
 * ValidateConfigMapUpdate / ValidateSecretUpdate: once `immutable: true` is stored, it cannot be
 * unset and the listed fields cannot change (a nil and an empty map differ, as in Go).
 */
export function immutableUpdate(o: KObject, old: KObject, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const detail = 'field is immutable when `immutable` is set';
  const errs = o.immutable === true ? [] : [forbidden('immutable', detail)];
  for (const f of fields) if (!deepEqual(o[f], old[f])) errs.push(forbidden(f, detail));
  return errs;
}

export const configMapKind: Kind = {
  info: resourceInfo('configmaps'),
  validateUpdate: (o, old) => immutableUpdate(o, old, ['data', 'binaryData']),
  columns: [
    { name: 'DATA', cell: (o) => String(Object.keys((o.data as object) ?? {}).length + Object.keys((o.binaryData as object) ?? {}).length) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
  describe(o, ctx) {
    const w = new DescribeWriter();
    w.line(0, `Name:\t${o.metadata.name}`);
    w.line(0, `Namespace:\t${o.metadata.namespace}`);
    w.labels(0, 'Labels', o.metadata.labels);
    w.annotations(0, 'Annotations', o.metadata.annotations);
    w.line(0, '');
    w.line(0, 'Data');
    w.line(0, '====');
    const data = (o.data as Record<string, string>) ?? {};
    for (const k of Object.keys(data).sort()) {
      w.line(0, `${k}:`);
      w.line(0, '----');
      w.line(0, data[k]);
      w.line(0, '');
    }
    w.line(0, '');
    w.line(0, 'BinaryData');
    w.line(0, '====');
    const bin = (o.binaryData as Record<string, string>) ?? {};
    for (const k of Object.keys(bin).sort()) w.line(0, `${k}: ${Buffer.from(bin[k], 'base64').length} bytes`);
    w.line(0, '');
    w.events(o, ctx);
    return w.toString();
  },
};
