// A small YAML printer for conflict messages, in the layout sigs.k8s.io/yaml gives them: keys
// sorted, block style, two-space indentation. Kept here so that the patch code loads no YAML library.

import { isObject, type Json } from './values.js';

const PLAIN = /^[A-Za-z_./][A-Za-z0-9_./ -]*$/;
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

function scalar(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return PLAIN.test(v) && !RESERVED.test(v) && !v.endsWith(' ') ? v : JSON.stringify(v);
  return String(v);
}

function lines(v: Json, indent: string): string[] {
  if (Array.isArray(v)) {
    if (v.length === 0) return [`${indent}[]`];
    return v.flatMap((item) => {
      const inner = lines(item, `${indent}  `);
      return [`${indent}- ${inner[0].trimStart()}`, ...inner.slice(1)];
    });
  }
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    if (keys.length === 0) return [`${indent}{}`];
    return keys.flatMap((k) => {
      const val = v[k];
      const key = `${indent}${scalar(k)}:`;
      if ((Array.isArray(val) || isObject(val)) && Object.keys(val).length > 0) {
        return [key, ...lines(val, Array.isArray(val) ? indent : `${indent}  `)];
      }
      return [`${key} ${lines(val, '')[0]}`];
    });
  }
  return [`${indent}${scalar(v)}`];
}

export const toYaml = (v: Json): string => lines(v, '').join('\n') + '\n';
