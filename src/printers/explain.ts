// kubectl explain's plaintext rendering of the v1.32 OpenAPI v3 schemas the server serves:
// the GROUP/KIND/VERSION header, FIELD, DESCRIPTION wrapped at 76 columns, FIELDS with types.

import { openapiV3Schemas } from '../api/openapi/index.js';

export interface Schema {
  type?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  $ref?: string;
  'x-kubernetes-group-version-kind'?: { group: string; kind: string; version: string }[];
}

export class ExplainError extends Error {
  constructor(
    message: string,
    /** What kubectl printed before it failed. */
    readonly output: string,
  ) {
    super(message);
  }
}

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

function schemas(): Record<string, Schema> {
  return openapiV3Schemas() as Record<string, Schema>;
}

/** The schema of a kind, or undefined when the document has none for it. */
export function kindSchema(gvk: Gvk): Schema | undefined {
  return Object.values(schemas()).find((s) => s['x-kubernetes-group-version-kind']?.some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind));
}

function refOf(s: Schema): string | undefined {
  return s.$ref ?? s.allOf?.find((a) => a.$ref)?.$ref;
}

/** The schema a field's $ref (or allOf of one) points to, or the field itself. */
function resolve(s: Schema): Schema {
  const ref = refOf(s);
  if (!ref) return s;
  return schemas()[ref.replace('#/components/schemas/', '')] ?? {};
}

function typeGuess(s: Schema): string {
  const ref = refOf(s);
  if (ref) {
    // A reference to a plain type (Time is a string) shows that type.
    const target = resolve(s);
    if (target.type && target.type !== 'object') return typeGuess(target);
    return ref.slice(ref.lastIndexOf('.') + 1);
  }
  if (s.type === 'array' && s.items) return '[]' + typeGuess(s.items);
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return 'map[string]' + typeGuess(s.additionalProperties);
  if (s.type === 'object' || !s.type) return 'Object';
  return s.type;
}

/** What a field's own fields are found in: the object it is, holds in a list, or maps to. */
function fieldsOf(s: Schema): Schema {
  let r = resolve(s);
  for (let i = 0; i < 8; i++) {
    if (r.type === 'array' && r.items) r = resolve(r.items);
    else if (r.type === 'object' && !r.properties && r.additionalProperties && typeof r.additionalProperties === 'object') r = resolve(r.additionalProperties);
    else break;
  }
  return r;
}

/** go-wordwrap's WrapString: lines of at most `lim` characters, breaking at spaces only. */
export function wrap(s: string, lim: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  const isSpace = (c: string) => /\s/u.test(c) && c !== '\u00a0';
  for (const c of s) {
    const len = (x: string) => [...x].length;
    if (c === '\n') {
      if (!word.length) {
        if (current + len(space) <= lim) out += space;
      } else out += space + word;
      space = '';
      word = '';
      out += c;
      current = 0;
    } else if (isSpace(c)) {
      if (!space.length || word.length) {
        current += len(space) + len(word);
        out += space + word;
        space = '';
        word = '';
      }
      space += c;
    } else {
      word += c;
      if (current + len(space) + len(word) > lim && len(word) < lim) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (!word.length) {
    if (current + [...space].length <= lim) out += space;
  } else out += space + word;
  return out;
}

function indent(s: string, n: number): string {
  const pad = ' '.repeat(n);
  return pad + s.replace(/\n/g, '\n' + pad);
}

function fieldList(s: Schema, recursive: boolean, level: number, seen: string[]): string {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  let out = '';
  for (const name of Object.keys(props).sort()) {
    const f = props[name];
    out += `${' '.repeat(2 + level * 2)}${name}\t<${typeGuess(f)}>${required.has(name) ? ' -required-' : ''}\n`;
    if (recursive) {
      const ref = refOf(f.type === 'array' && f.items ? f.items : f) ?? '';
      if (seen.length < 15 && !(ref && seen.includes(ref))) out += fieldList(fieldsOf(f), true, level + 1, ref ? [...seen, ref] : seen);
    } else {
      out += indent(f.description ? wrap(f.description, 76) : '<no description>', 4) + '\n\n';
    }
  }
  return out;
}

/** The text kubectl explain prints for a kind and a field path in it (openapiv2: the older layout). */
export function explain(gvk: Gvk, schema: Schema, path: string[], recursive: boolean, openapiv2 = false): string {
  if (openapiv2) return explainV2(gvk, schema, path, recursive);
  let out = `${gvk.group ? `GROUP:      ${gvk.group}\n` : ''}KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
  let field: Schema | undefined = schema;
  let parent: Schema = schema;
  for (const name of path) {
    parent = field ? fieldsOf(field) : {};
    field = parent.properties?.[name];
  }
  if (!field) throw new ExplainError(`field "${path[path.length - 1]}" does not exist`, out);
  const target = fieldsOf(field);
  const descriptions: string[] = [];
  if (path.length) {
    out += `FIELD: ${path[path.length - 1]} <${typeGuess(field)}>\n\n\n`;
    if (field.description) descriptions.push(field.description);
    const resolved = resolve(field.type === 'array' && field.items ? field.items : field);
    if (resolved !== field && resolved.description) descriptions.push(resolved.description);
  } else if (schema.description) descriptions.push(schema.description);
  out += 'DESCRIPTION:\n' + indent(descriptions.map((d) => wrap(d, 76)).join('\n') + '\n', 4) + '\n';
  if (target.properties && Object.keys(target.properties).length) {
    out += 'FIELDS:\n' + fieldList(target, recursive, 0, []) + '\n';
  } else out += '\n';
  return out;
}

/** kubectl's OpenAPI v2 type names: every object is an Object. */
function typeNameV2(s: Schema): string {
  const r = resolve(s);
  if (r.type === 'array' && r.items) return '[]' + typeNameV2(r.items);
  if (r.type === 'object' && !r.properties && r.additionalProperties && typeof r.additionalProperties === 'object') return 'map[string]' + typeNameV2(r.additionalProperties);
  if (r.type === 'object' || r.properties || !r.type) return refOf(s)?.endsWith('IntOrString') || refOf(s)?.endsWith('Quantity') ? 'string' : 'Object';
  return r.type;
}

function fieldsV2(s: Schema, recursive: boolean, level: number, seen: string[]): string {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  let out = '';
  for (const name of Object.keys(props).sort()) {
    const f = props[name];
    const pad = ' '.repeat(3 + level * 3);
    out += `${pad}${name}\t<${typeNameV2(f)}>${required.has(name) ? ' -required-' : ''}\n`;
    if (recursive) {
      const ref = refOf(f.type === 'array' && f.items ? f.items : f) ?? '';
      if (seen.length < 15 && !(ref && seen.includes(ref))) out += fieldsV2(fieldsOf(f), true, level + 1, ref ? [...seen, ref] : seen);
    } else {
      if (f.description) out += indent(wrap(f.description, 75), 5) + '\n';
      out += '\n';
    }
  }
  return out;
}

function explainV2(gvk: Gvk, schema: Schema, path: string[], recursive: boolean): string {
  let out = `KIND:     ${gvk.kind}\nVERSION:  ${gvk.group ? `${gvk.group}/` : ''}${gvk.version}\n\n`;
  let field: Schema | undefined = schema;
  for (const name of path) field = field ? fieldsOf(field).properties?.[name] : undefined;
  if (!field) throw new ExplainError(`field "${path[path.length - 1]}" does not exist`, '');
  const target = fieldsOf(field);
  const isObject = !!target.properties;
  const descriptions = path.length ? [field.description ?? '', resolve(field) !== field ? (resolve(field).description ?? '') : ''] : [schema.description ?? ''];
  if (path.length) out += `${isObject ? 'RESOURCE' : 'FIELD'}:${isObject ? ' ' : '    '}${path[path.length - 1]} <${typeNameV2(field)}>\n\n`;
  const shown = descriptions.filter(Boolean);
  out += 'DESCRIPTION:\n' + (shown.length ? shown.map((d) => indent(wrap(d, 75), 5) + '\n').join('\n') : '     <empty>\n');
  if (isObject) out += '\nFIELDS:\n' + fieldsV2(target, recursive, 0, []);
  return out + (isObject && recursive ? '\n' : '');
}
