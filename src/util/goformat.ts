// Go's formatting of values (fmt's %v, %q, %#v, encoding/json, strconv), for the places where
// kubectl and the API server print Go values: jsonpath, field errors, selectors.

/** A float64 written in a template, e.g. the 2.5 in `[?(@.x>2.5)]`: Go keeps it apart from ints. */
export class Float64 {
  constructor(readonly value: number) {}
}

export const INT64_LIMIT = 2 ** 63;

export function isGoInt(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < INT64_LIMIT;
}

/** Go's %v for a float64: shortest digits, exponent form outside [1e-4, 1e6). */
export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa, expText] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(f);
}

export function formatGoNumber(n: number): string {
  return isGoInt(n) ? BigInt(n).toString() : formatGoFloat(n);
}

/** Orders strings by UTF-8 bytes, as Go compares strings. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function sortedKeys(o: object): string[] {
  return Object.keys(o).sort(compareGoStrings);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Float64);
}

/** encoding/json's string encoding: HTML-safe, with U+2028/U+2029 escaped. */
function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** json.Marshal of a decoded JSON value: compact, map keys sorted. */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Float64) return JSON.stringify(v.value);
  switch (typeof v) {
    case 'string':
      return goJsonString(v);
    case 'number':
      return isGoInt(v) ? BigInt(v).toString() : JSON.stringify(v);
    case 'boolean':
      return String(v);
  }
  if (Array.isArray(v)) return '[' + v.map(goJson).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + sortedKeys(o).map((k) => goJsonString(k) + ':' + goJson(o[k])).join(',') + '}';
}

/** fmt.Sprint of a decoded JSON value (`map[k:v]`, `[a b]`, `<nil>`). */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (v instanceof Float64) return formatGoFloat(v.value);
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatGoNumber(v);
    case 'boolean':
      return String(v);
  }
  if (Array.isArray(v)) return '[' + v.map(goSprint).join(' ') + ']';
  const o = v as Record<string, unknown>;
  return 'map[' + sortedKeys(o).map((k) => k + ':' + goSprint(o[k])).join(' ') + ']';
}

/** strconv.Quote, which `%q` uses. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (isGoPrint(ch)) out += ch;
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** fmt's %#v of a decoded JSON value, which kubectl shows when a template fails. */
export function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (v instanceof Float64) return formatGoFloat(v.value);
  switch (typeof v) {
    case 'string':
      return goQuote(v);
    case 'number':
      return formatGoNumber(v);
    case 'boolean':
      return String(v);
  }
  if (Array.isArray(v)) return '[]interface {}{' + v.map(goSyntax).join(', ') + '}';
  const o = v as Record<string, unknown>;
  return 'map[string]interface {}{' + sortedKeys(o).map((k) => goQuote(k) + ':' + goSyntax(o[k])).join(', ') + '}';
}

/** Go's type name for a decoded JSON value, as reflect prints it in errors. */
export function goTypeName(v: unknown): string {
  if (v instanceof Float64) return 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return isGoInt(v) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
  }
  return 'map[string]interface {}';
}

/** strconv.IsPrint, close enough for error messages. */
export function isGoPrint(ch: string): boolean {
  return ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);
}

/** fmt's %#U: `U+0027 '''`. */
export function formatRune(ch: string): string {
  const code = 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return isGoPrint(ch) ? `${code} '${ch}'` : code;
}
