// Decoding a manifest the way a v1.32 API server does with fieldValidation=Strict (kubectl's
// default): its JSON decoder (sigs.k8s.io/json, a fork of encoding/json) walks the body into the Go
// struct of the kind, remembering the first type error and every unknown field, and the create
// handler turns the outcome into
//   `<Kind> in version "<version>" cannot be handled as a <Kind>: <error>`.
//
// kubectl re-encodes every manifest from a map before sending it, so the server sees each object's
// keys sorted, which fixes the order in which errors are found; duplicate keys never reach it
// (the last one wins when kubectl parses the YAML).
//
// This module carries the schema: load it with `await import()` where an object is written.

import { schema as bundled, type Schema, type StructType, type TypeExpr } from './openapi/index.js';

export interface DecodeErrors {
  /**
   * Paths of the fields the Go struct does not have (`spec.template.spec.containers[0].imagee`),
   * in the order the decoder meets them, without repeats, at most 100. The server reports them
   * only when there is no `typeError`.
   */
  unknownFields: string[];
  /** The error that made decoding fail (`json: cannot unmarshal …`, a bad quantity, time or base64). */
  typeError?: string;
}

/**
 * Decodes `obj` (plain JSON values, as parsed from the manifest) as the server decodes the kind
 * `kind` of `apiVersion`. Throws for a kind the schema does not describe.
 */
export function decodeErrors(apiVersion: string, kind: string, obj: unknown, schema: Schema): DecodeErrors {
  const key = `${apiVersion}/${kind}`;
  if (!Object.hasOwn(schema.kinds, key)) throw new Error(`no schema for ${kind} in ${apiVersion}`);
  const d = new Decoder(schema);
  try {
    d.value(obj, schema.kinds[key]);
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
    return { unknownFields: d.unknown, typeError: e.message };
  }
  return { unknownFields: d.unknown, typeError: d.saved };
}

/**
 * The API server's message (a BadRequest) for an object it cannot decode, or undefined when it
 * decodes. The object is the manifest as parsed, before any conversion.
 */
export function strictDecodeError(obj: { apiVersion: string; kind: string }): string | undefined {
  const { apiVersion, kind } = obj;
  const { unknownFields, typeError } = decodeErrors(apiVersion, kind, obj, bundled);
  const detail =
    typeError ??
    (unknownFields.length ? `strict decoding error: ${unknownFields.map((f) => `unknown field ${goQuote(f)}`).join(', ')}` : undefined);
  if (detail === undefined) return undefined;
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${detail}`;
}

/** An error returned by a type's own UnmarshalJSON: it stops decoding and wins over saved errors. */
class Abort extends Error {}

const MAX_STRICT_ERRORS = 100;

class Decoder {
  unknown: string[] = [];
  saved?: string;
  private seen = new Set<string>();
  /** encoding/json's error context: JSON names of the struct fields entered, and the innermost struct. */
  private fieldStack: string[] = [];
  private struct = '';
  /** sigs.k8s.io/json's path for strict errors: `a.b[0].c`. */
  private path = '';

  constructor(private readonly schema: Schema) {}

  value(v: unknown, expr: TypeExpr): void {
    // null leaves any Go value unset; the custom unmarshalers accept it too.
    if (v === null || v === undefined) return;
    const type = this.underlying(expr);
    switch (type) {
      case 'raw':
        return;
      case 'quantity':
        return this.quantity(v);
      case 'intstr':
        // IntOrString decodes a string as such and anything else as an int32.
        if (typeof v !== 'string') this.inner(v, 'int32');
        return;
      case 'time':
      case 'microtime':
        if (typeof v !== 'string') this.inner(v, 'string');
        else {
          const err = parseTime(type === 'time' ? RFC3339 : RFC3339_MICRO, v);
          if (err) throw new Abort(err);
        }
        return;
      case 'string':
        if (typeof v !== 'string') this.save(this.typeError(kindOf(v), this.goType(expr)));
        return;
      case 'bool':
        if (typeof v !== 'boolean') this.save(this.typeError(kindOf(v), this.goType(expr)));
        return;
      case 'int32':
      case 'int64':
      case 'uint8': {
        const err = intError(v, type);
        if (err) this.save(this.typeError(err, this.goType(expr)));
        return;
      }
      case 'bytes':
        if (typeof v === 'string') {
          const at = base64ErrorAt(v);
          if (at !== undefined) this.save(`illegal base64 data at input byte ${at}`);
        } else if (Array.isArray(v)) this.array(v, 'uint8');
        else this.save(this.typeError(kindOf(v), this.goType(expr)));
        return;
    }
    if (type.startsWith('[]')) {
      if (Array.isArray(v)) this.array(v, type.slice(2));
      else this.save(this.typeError(kindOf(v), this.goType(expr)));
      return;
    }
    if (type.startsWith('{')) {
      if (isObject(v)) this.map(v, type.slice(type.indexOf('}') + 1));
      else this.save(this.typeError(kindOf(v), this.goType(expr)));
      return;
    }
    if (!Object.hasOwn(this.schema.structs, type)) throw new Error(`schema: unknown type ${type}`);
    const st = this.schema.structs[type];
    if (isObject(v)) this.object(v, st);
    else this.save(this.typeError(kindOf(v), st.t));
  }

  private object(v: Record<string, unknown>, st: StructType): void {
    const name = st.t.slice(st.t.indexOf('.') + 1);
    for (const key of sortedKeys(v)) {
      if (!Object.hasOwn(st.f, key)) {
        this.strictError(this.path ? `${this.path}.${key}` : key);
        continue;
      }
      const [stack, struct, path] = [this.fieldStack.length, this.struct, this.path];
      this.fieldStack.push(key);
      this.struct = name;
      this.path = path ? `${path}.${key}` : key;
      this.value(v[key], st.f[key]);
      this.fieldStack.length = stack;
      this.struct = struct;
      this.path = path;
    }
  }

  private map(v: Record<string, unknown>, elem: TypeExpr): void {
    const path = this.path;
    for (const key of sortedKeys(v)) {
      this.path = path ? `${path}.${key}` : key;
      this.value(v[key], elem);
    }
    this.path = path;
  }

  private array(v: unknown[], elem: TypeExpr): void {
    const path = this.path;
    v.forEach((x, i) => {
      this.path = `${path}[${i}]`;
      this.value(x, elem);
    });
    this.path = path;
  }

  /** A custom unmarshaler decoding the value into a plain Go value: its type error stops everything. */
  private inner(v: unknown, goType: 'int32' | 'string'): void {
    const err = goType === 'int32' ? intError(v, 'int32') : kindOf(v);
    if (err) throw new Abort(this.typeError(err, goType));
  }

  private quantity(v: unknown): void {
    // Quantity.UnmarshalJSON parses the raw JSON text, without its quotes if it has both.
    const text = typeof v === 'string' ? goTrimSpace(goJSONString(v).slice(1, -1)) : typeof v === 'number' ? goNumber(v) : JSON.stringify(v);
    const err = quantityError(text);
    if (err) throw new Abort(err);
  }

  private typeError(value: string, goType: string): string {
    if (!this.struct && this.fieldStack.length === 0) return `json: cannot unmarshal ${value} into Go value of type ${goType}`;
    return `json: cannot unmarshal ${value} into Go struct field ${this.struct}.${this.fieldStack.join('.')} of type ${goType}`;
  }

  private save(err: string): void {
    this.saved ??= err;
  }

  private strictError(path: string): void {
    if (this.unknown.length >= MAX_STRICT_ERRORS || this.seen.has(path)) return;
    this.seen.add(path);
    this.unknown.push(path);
  }

  private underlying(expr: TypeExpr): TypeExpr {
    return Object.hasOwn(this.schema.named, expr) ? this.schema.named[expr] : expr;
  }

  /** The type as Go's reflect prints it in `of type …`. */
  private goType(expr: TypeExpr): string {
    if (Object.hasOwn(this.schema.named, expr)) return expr;
    if (Object.hasOwn(this.schema.structs, expr)) return this.schema.structs[expr].t;
    if (expr.startsWith('[]')) return `[]${this.goType(expr.slice(2))}`;
    if (expr.startsWith('{')) {
      const end = expr.indexOf('}');
      return `map[${expr.slice(1, end)}]${this.goType(expr.slice(end + 1))}`;
    }
    return SPECIAL_GO_TYPES[expr] ?? expr;
  }
}

const SPECIAL_GO_TYPES: Record<string, string> = {
  bytes: '[]uint8',
  quantity: 'resource.Quantity',
  intstr: 'intstr.IntOrString',
  time: 'v1.Time',
  microtime: 'v1.MicroTime',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How encoding/json names a JSON value in `cannot unmarshal <value>`. */
function kindOf(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'array' : 'object';
}

/** Own keys in the order Go's json.Marshal writes a map: by their UTF-8 bytes. */
function sortedKeys(v: Record<string, unknown>): string[] {
  return Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** The JSON text Go writes for a number that came from YAML. */
function goNumber(v: number): string {
  // Go and JavaScript agree on the shortest round-trip digits and on when to switch to exponents.
  return String(v);
}

const INT_RANGE = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 255n],
} as const;

/** What `cannot unmarshal …` says when v does not fit the integer type, or undefined when it does. */
function intError(v: unknown, type: keyof typeof INT_RANGE): string | undefined {
  if (typeof v !== 'number' && typeof v !== 'bigint') return kindOf(v);
  const text = typeof v === 'bigint' ? v.toString() : goNumber(v);
  const [min, max] = INT_RANGE[type];
  if (!/^-?\d+$/.test(text) || BigInt(text) < min || BigInt(text) > max) return `number ${text}`;
  return undefined;
}

/** Go's json.Marshal of a string. */
function goJSONString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

/** strings.TrimSpace: Unicode white space at both ends. */
function goTrimSpace(s: string): string {
  const space = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
  return s.replace(new RegExp(`^${space}+|${space}+$`, 'g'), '');
}

/** strconv.Quote, as fmt's %q prints a field path. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
    if (named[ch]) out += named[ch];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0x2028 || c === 0x2029 || c === 0xfeff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

// ---- resource.ParseQuantity ----

const QUANTITY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_NUMERIC = 'unable to parse numeric part of quantity';
const QUANTITY_SUFFIX = "unable to parse quantity's suffix";

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const isDigitAt = (s: string, i: number) => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

/** The error resource.ParseQuantity returns for str, or undefined when it parses. */
function quantityError(str: string): string | undefined {
  if (str.length === 0) return QUANTITY_FORMAT;
  if (str === '0') return undefined;
  const end = str.length;
  let pos = 0;
  if (str[0] === '-' || str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return undefined;
  const numStart = pos;
  while (isDigitAt(str, pos)) pos++;
  let num = str.slice(numStart, pos);
  if (pos >= end) return undefined;
  if (num === '') num = '0';
  let denom = '';
  if (str[pos] === '.') {
    const denomStart = ++pos;
    while (isDigitAt(str, pos)) pos++;
    denom = str.slice(denomStart, pos);
    if (pos >= end) return undefined;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (isDigitAt(str, pos)) pos++;
  if (pos < end) return QUANTITY_FORMAT;
  const suffix = str.slice(suffixStart);

  let exponent: number;
  let binary = false;
  if (Object.hasOwn(DECIMAL_SUFFIXES, suffix)) exponent = DECIMAL_SUFFIXES[suffix];
  else if (Object.hasOwn(BINARY_SUFFIXES, suffix)) [exponent, binary] = [BINARY_SUFFIXES[suffix], true];
  else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const e = BigInt(suffix.slice(1));
    if (e < -(2n ** 63n) || e >= 2n ** 63n) return QUANTITY_SUFFIX;
    exponent = Number(BigInt.asIntN(32, e));
  } else return QUANTITY_SUFFIX;

  // The int64 fast path never fails on what got here; the arbitrary-precision path
  // (too many digits, too small a scale, fractional binary) fails on a value with no digits.
  const precision = binary
    ? exponent >= 0 && denom === ''
      ? 15 - num.length - Math.trunc((exponent * 3) / 10) - 1
      : -1
    : 18 - (num.length + denom.length);
  const fast = precision >= 0 && (binary ? 0 : exponent) - denom.length >= -9;
  if (!fast && !/\d/.test(value)) return QUANTITY_NUMERIC;
  return undefined;
}

// ---- time.Parse for metav1.Time (RFC 3339) and metav1.MicroTime ----

type TimeElem = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'micro' | 'zone';
interface Layout {
  text: string;
  /** Each std element with the literal text before it, as time's nextStdChunk splits the layout. */
  chunks: [prefix: string, elem: TimeElem, std: string][];
}
const DATE_TIME: Layout['chunks'] = [
  ['', 'year', '2006'],
  ['-', 'month', '01'],
  ['-', 'day', '02'],
  ['T', 'hour', '15'],
  [':', 'minute', '04'],
  [':', 'second', '05'],
];
const RFC3339: Layout = { text: '2006-01-02T15:04:05Z07:00', chunks: [...DATE_TIME, ['', 'zone', 'Z07:00']] };
const RFC3339_MICRO: Layout = {
  text: '2006-01-02T15:04:05.000000Z07:00',
  chunks: [...DATE_TIME, ['', 'micro', '.000000'], ['', 'zone', 'Z07:00']],
};

/** time's quote of a byte string: ASCII as is, `"` and `\` escaped, other bytes as \xNN. */
function timeQuote(bytes: string): string {
  let out = '"';
  for (const ch of bytes) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 || c >= 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  }
  return out + '"';
}

/** getnum: one or two digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigitAt(s, 0)) return undefined;
  if (!isDigitAt(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

/** atoi: an optional sign, then only digits. */
function atoi(s: string): number | undefined {
  const m = /^([+-]?)(\d*)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[2] || '0');
  return m[1] === '-' ? -n : n;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The error of Go's time.Parse(layout, value), or undefined when it parses. */
function parseTime(layout: Layout, text: string): string | undefined {
  // Go works on the UTF-8 bytes: one char per byte keeps lengths and quoting the same.
  const input = Buffer.from(text).toString('latin1');
  const cannot = (valueElem: string, layoutElem: string) =>
    `parsing time ${timeQuote(input)} as ${timeQuote(layout.text)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`;
  const outOfRange = (what: string) => `parsing time ${timeQuote(input)}: ${what} out of range`;
  let value = input;
  let [year, month, day] = [0, 1, 1];
  for (const [i, [prefix, elem, std]] of layout.chunks.entries()) {
    for (const c of prefix) {
      if (value[0] !== c) return cannot(value, prefix);
      value = value.slice(1);
    }
    const hold = value;
    let ok = true;
    let range = '';
    const num = (fixed: boolean) => {
      const r = getnum(value, fixed);
      if (!r) {
        ok = false;
        return 0;
      }
      value = r[1];
      return r[0];
    };
    switch (elem) {
      case 'year': {
        const y = value.length >= 4 && isDigitAt(value, 0) ? atoi(value.slice(0, 4)) : undefined;
        if (y === undefined) ok = false;
        else [year, value] = [y, value.slice(4)];
        break;
      }
      case 'month':
        month = num(true);
        if (ok && (month <= 0 || month > 12)) range = 'month';
        break;
      case 'day':
        day = num(true);
        break;
      case 'hour': {
        const h = num(false);
        if (h >= 24) range = 'hour';
        break;
      }
      case 'minute': {
        const m = num(true);
        if (m >= 60) range = 'minute';
        break;
      }
      case 'second': {
        const s = num(true);
        if (!ok) break;
        if (s >= 60) {
          range = 'second';
          break;
        }
        // A fraction the layout does not ask for is accepted after the seconds.
        if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigitAt(value, 1) && layout.chunks[i + 1]?.[1] !== 'micro') {
          let n = 2;
          while (isDigitAt(value, n)) n++;
          value = value.slice(n);
        }
        break;
      }
      case 'micro': {
        const frac = value.length >= 7 && (value[0] === '.' || value[0] === ',') ? atoi(value.slice(1, 7)) : undefined;
        if (frac === undefined) ok = false;
        else {
          if (frac < 0) range = 'fractional second';
          value = value.slice(7);
        }
        break;
      }
      case 'zone': {
        if (value[0] === 'Z') {
          value = value.slice(1);
          break;
        }
        if (value.length < 6 || value[3] !== ':') {
          ok = false;
          break;
        }
        const [sign, hh, mm] = [value[0], value.slice(1, 3), value.slice(4, 6)];
        value = value.slice(6);
        const hr = getnum(hh, true);
        const mn = hr && getnum(mm, true);
        if (!hr || !mn) ok = false;
        if ((hr?.[0] ?? 0) > 24) range = 'time zone offset hour';
        if ((mn?.[0] ?? 0) > 60) range = 'time zone offset minute';
        if (sign !== '+' && sign !== '-') ok = false;
        break;
      }
    }
    if (range) return outOfRange(range);
    if (!ok) return cannot(hold, std);
  }
  if (value.length) return `parsing time ${timeQuote(input)}: extra text: ${timeQuote(value)}`;
  if (day < 1 || day > daysIn(month, year)) return outOfRange('day');
  return undefined;
}

// ---- encoding/base64 StdEncoding.Decode ----

const BASE64 = /[A-Za-z0-9+/]/;

/** The input byte at which Go's base64.StdEncoding rejects s, or undefined when it decodes. */
function base64ErrorAt(s: string): number | undefined {
  const src = Buffer.from(s);
  const len = src.length;
  const isNewline = (b: number) => b === 0x0a || b === 0x0d;
  const valid = (b: number) => b < 0x80 && BASE64.test(String.fromCharCode(b));
  let si = 0;
  while (si < len) {
    // One quantum of four characters, newlines skipped.
    for (let j = 0; j < 4; j++) {
      if (si === len) {
        if (j === 0) return undefined;
        return si - j;
      }
      const b = src[si++];
      if (valid(b)) continue;
      if (isNewline(b)) {
        j--;
        continue;
      }
      if (b !== 0x3d || j < 2) return si - 1;
      if (j === 2) {
        while (si < len && isNewline(src[si])) si++;
        if (si === len) return len;
        if (src[si] !== 0x3d) return si - 1;
        si++;
      }
      while (si < len && isNewline(src[si])) si++;
      return si < len ? si : undefined;
    }
  }
  return undefined;
}
