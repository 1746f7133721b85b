// kubectl's JSONPath dialect (client-go util/jsonpath), evaluated over decoded JSON values.
// Values are what kubectl's unstructured decoding yields: integral numbers act as Go int64,
// other numbers as float64, so printing and comparisons follow Go's rules for those types.

export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

interface ListNode {
  type: 'list';
  nodes: Node[];
}

interface ParamsEntry {
  value: number;
  known: boolean;
  derived: boolean;
}

type Node =
  | ListNode
  | { type: 'text'; text: string }
  | { type: 'field'; value: string }
  | { type: 'array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] }
  | { type: 'identifier'; name: string };

export interface JsonPathTemplate {
  readonly source: string;
  readonly root: ListNode;
}

/** A float64 written in the template, e.g. the 2.5 in `[?(@.x>2.5)]`: Go keeps it apart from ints. */
class Float64 {
  constructor(readonly value: number) {}
}

// ---------------------------------------------------------------------------
// Go value formatting

const INT64_LIMIT = 2 ** 63;

function isGoInt(n: number): boolean {
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

function formatGoNumber(n: number): string {
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

function sortedKeys(o: object): string[] {
  return Object.keys(o).sort(compareGoStrings);
}

function isObject(v: unknown): v is Record<string, unknown> {
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
function goTypeName(v: unknown): string {
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
function isGoPrint(ch: string): boolean {
  return ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);
}

/** fmt's %#U: `U+0027 '''`. */
function formatRune(ch: string): string {
  const code = 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return isGoPrint(ch) ? `${code} '${ch}'` : code;
}

// ---------------------------------------------------------------------------
// Parser

const EOF = '';

function isTerminator(r: string): boolean {
  return r === EOF || ' \t\r\n.,[]$@{}'.includes(r);
}

function isAlphaNumeric(r: string): boolean {
  return r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);
}

function isDigit(r: string): boolean {
  return /^\p{Nd}$/u.test(r);
}

const SLICE_RE = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/;
const DICT_KEY_RE = /^'([^']*)'$/;
const FILTER_RE = /^([^!<>=]+)([!<>=]+)(.+?)$/s;

class Parser {
  private pos = 0;
  private start = 0;
  private width = 0;
  readonly root: ListNode = { type: 'list', nodes: [] };

  constructor(private readonly input: string) {}

  parse(): void {
    this.parseText(this.root);
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.width = r.length;
    this.pos += r.length;
    return r;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
        this.pos++;
        this.consumeText();
        const action: ListNode = { type: 'list', nodes: [] };
        cur.nodes.push(action);
        this.parseInsideAction(action);
        return;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
  }

  // Iterative where client-go recurses, so long templates don't exhaust the stack.
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos++;
        this.consumeText();
        this.parseText(this.root);
        return;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || r === '\r' || r === '\n') throw new JsonPathError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') {
        this.consumeText();
      } else if (r === '[') {
        this.parseArray(cur);
      } else if (r === '"' || r === "'") {
        this.parseQuote(cur, r);
      } else if (r === '.') {
        this.parseField(cur);
      } else if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        throw new JsonPathError(`unrecognized character in action: ${formatRune(r)}`);
      }
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      if (isTerminator(this.next())) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      const c = this.next();
      if (c !== '.' && !isDigit(c)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?[0-9]+$/.test(value) && Math.abs(Number(value)) < INT64_LIMIT) {
      cur.nodes.push({ type: 'int', value: Number(value) });
    } else if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) {
      cur.nodes.push({ type: 'float', value: Number(value) });
    } else {
      throw new JsonPathError(`cannot parse number ${value}`);
    }
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ type: 'union', nodes: parts.map((s) => parseAction(`[${s.replace(/^ +| +$/g, '')}]`)) });
      return;
    }

    const key = DICT_KEY_RE.exec(text);
    if (key) {
      cur.nodes.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }

    const m = SLICE_RE.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const params: ParamsEntry[] = [];
    for (let i = 0; i < 3; i++) {
      let raw = m[i + 1] ?? '';
      if (raw !== '') {
        if (i > 0) raw = raw.slice(1);
        if (i > 0 && raw === '') {
          params.push({ value: 0, known: false, derived: false });
        } else {
          if (!/^[+-]?[0-9]+$/.test(raw) || Math.abs(Number(raw)) >= INT64_LIMIT) {
            throw new JsonPathError(`array index ${raw} is not a number`);
          }
          params.push({ value: Number(raw), known: true, derived: false });
        }
      } else if (i === 1) {
        // `[n]` selects one element: the end is derived from the start.
        params.push({ value: params[0].value + 1, known: true, derived: true });
      } else {
        params.push({ value: 0, known: false, derived: false });
      }
    }
    cur.nodes.push({ type: 'array', params: params as [ParamsEntry, ParamsEntry, ParamsEntry] });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        // Quotes appear at most once on the right side, so a `)` inside them is data.
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const m = FILTER_RE.exec(text);
    if (!m) {
      cur.nodes.push({ type: 'filter', left: parseAction(text), right: { type: 'list', nodes: [] }, operator: 'exists' });
    } else {
      cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), operator: m[2] });
    }
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new JsonPathError(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ type: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        this.next();
      } else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', value: value.replace(/\\/g, '') });
  }
}

/** Parses the text of one action, as client-go does for unions, bracket keys and filters. */
function parseAction(text: string): ListNode {
  const p = new Parser(`{${text}}`);
  p.parse();
  return p.root.nodes[0] as ListNode;
}

/** client-go's UnquoteExtend: strconv.Unquote that also accepts single-quoted strings. */
function unquoteExtend(s: string): string {
  const syntax = () => new Error('invalid syntax');
  if (s.length < 2) throw syntax();
  const quote = s[0];
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) throw syntax();
  const body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  let i = 0;
  const hex = (n: number): number => {
    const h = body.slice(i, i + n);
    if (h.length < n || !/^[0-9a-fA-F]+$/.test(h)) throw syntax();
    i += n;
    return parseInt(h, 16);
  };
  while (i < body.length) {
    const c = body[i];
    if (c === quote) throw syntax();
    if (c !== '\\') {
      const cp = String.fromCodePoint(body.codePointAt(i)!);
      out += cp;
      i += cp.length;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case 'x': out += String.fromCharCode(hex(2)); break;
      case 'u':
      case 'U': {
        const v = hex(e === 'u' ? 4 : 8);
        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) throw syntax();
        out += String.fromCodePoint(v);
        break;
      }
      case '"':
      case "'":
        if (e !== quote) throw syntax();
        out += e;
        break;
      default: {
        if (e === undefined || e < '0' || e > '7') throw syntax();
        const oct = body.slice(i - 1, i + 2);
        if (!/^[0-7]{3}$/.test(oct)) throw syntax();
        const v = parseInt(oct, 8);
        if (v > 255) throw syntax();
        out += String.fromCharCode(v);
        i += 2;
      }
    }
  }
  return out;
}

export function parseJsonPath(template: string): JsonPathTemplate {
  const p = new Parser(template);
  p.parse();
  return { source: template, root: p.root };
}

// ---------------------------------------------------------------------------
// Evaluation

export interface ExecuteOptions {
  allowMissingKeys?: boolean;
}

// Children in the order client-go visits them; Go's map order is random, sorted keys keep output stable.
function children(v: unknown): unknown[] {
  if (typeof v === 'string') return Array.from(new TextEncoder().encode(v));
  if (Array.isArray(v)) return v;
  if (isObject(v)) return sortedKeys(v).map((k) => v[k]);
  return [];
}

type Kind = 'bool' | 'int' | 'float' | 'string';

function basicKind(v: unknown): Kind {
  if (v instanceof Float64) return 'float';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return isGoInt(v) ? 'int' : 'float';
    case 'string':
      return 'string';
  }
  throw new JsonPathError('invalid type for comparison');
}

function numeric(v: unknown): number {
  return v instanceof Float64 ? v.value : (v as number);
}

// The comparison functions of client-go's fork of text/template.
function goEqual(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) throw new JsonPathError('incompatible types for comparison');
  if (ka === 'int' || ka === 'float') return numeric(a) === numeric(b);
  return a === b;
}

function goLess(a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) throw new JsonPathError('incompatible types for comparison');
  if (ka === 'bool') throw new JsonPathError('invalid type for comparison');
  if (ka === 'string') return compareGoStrings(a as string, b as string) < 0;
  return numeric(a) < numeric(b);
}

function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '<':
      return goLess(a, b);
    case '>':
      return !(goLess(a, b) || goEqual(a, b));
    case '==':
      return goEqual(a, b);
    case '!=':
      return !goEqual(a, b);
    case '<=':
      return goLess(a, b) || goEqual(a, b);
    case '>=':
      return !goLess(a, b);
  }
  throw new JsonPathError(`unrecognized filter operator ${op}`);
}

/** Whether an action opens or closes a range block. */
function blockMarker(node: Node): 'range' | 'end' | undefined {
  if (node.type !== 'list') return undefined;
  for (const n of node.nodes) {
    if (n.type === 'identifier' && (n.name === 'range' || n.name === 'end')) return n.name;
  }
  return undefined;
}

class Evaluator {
  constructor(private readonly allowMissingKeys: boolean) {}

  /**
   * Runs the top-level actions from `nodes` against `data`. Inside a range body, stops at the
   * block's `{end}`. After a range, evaluation resumes behind its matching `{end}`, or, when the
   * block is never closed, with the body's actions against the enclosing value.
   */
  run(nodes: Node[], data: unknown, inRange: boolean, out: unknown[][]): void {
    const cur = [data];
    let i = 0;
    while (i < nodes.length) {
      const node = nodes[i];
      const marker = blockMarker(node);
      const results = this.walk(cur, node);
      if (marker === 'end') {
        if (inRange) return;
        throw new JsonPathError('not in range, nothing to end');
      }
      if (marker === 'range') {
        const body = nodes.slice(i + 1);
        for (const value of results) this.run(body, value, true, out);
        const end = matchingEnd(nodes, i);
        i = end < 0 ? i + 1 : end + 1;
        continue;
      }
      out.push(results);
      i++;
    }
  }

  private walk(input: unknown[], node: Node): unknown[] {
    switch (node.type) {
      case 'list': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.value);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new Float64(node.value));
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap(children);
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((n) => this.walk(input, n));
      case 'identifier':
        if (node.name === 'range') return input;
        if (node.name === 'end') return [];
        throw new JsonPathError(`unrecognized identifier ${node.name}`);
    }
  }

  private evalField(input: unknown[], key: string): unknown[] {
    const results: unknown[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (isObject(v) && Object.prototype.hasOwnProperty.call(v, key)) results.push(v[key]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${key} is not found`);
    return results;
  }

  private evalArray(input: unknown[], params: [ParamsEntry, ParamsEntry, ParamsEntry]): unknown[] {
    const result: unknown[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${goTypeName(v)} is not array or slice`);
      const len = v.length;
      let start = params[0].known ? params[0].value : 0;
      if (start < 0) start += len;
      let end = params[1].known ? params[1].value : len;
      if (end < 0 || (end === 0 && params[1].derived)) end += len;
      // An empty selection ends the whole step, dropping any later inputs: client-go does the same.
      if (end === start) return result;
      if (start >= len || start < 0) throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`);
      if (end > len || end < 0) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`);
      if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathError('step must be > 0');
        step = params[2].value;
      }
      for (let i = start; i < end; i += step) result.push(v[i]);
    }
    return result;
  }

  private evalRecursive(input: unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const kids = children(v);
      if (kids.length !== 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: unknown[], node: { left: ListNode; right: ListNode; operator: string }): unknown[] {
    const results: unknown[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new JsonPathError(`${goSprint(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        if (node.operator === 'exists') {
          let lefts: unknown[] = [];
          try {
            lefts = this.walk([item], node.left);
          } catch {
            // A missing key means the element doesn't have the field.
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        const lefts = this.walk([item], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

function matchingEnd(nodes: Node[], rangeIndex: number): number {
  let depth = 0;
  for (let j = rangeIndex + 1; j < nodes.length; j++) {
    const marker = blockMarker(nodes[j]);
    if (marker === 'range') depth++;
    else if (marker === 'end') {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

/**
 * Evaluates the template and returns the lists of results, one per action (and per range
 * iteration), as client-go's FindResults does.
 */
export function findJsonPathResults(t: JsonPathTemplate, data: unknown, opts: ExecuteOptions = {}): unknown[][] {
  const out: unknown[][] = [];
  new Evaluator(opts.allowMissingKeys ?? false).run(t.root.nodes, data, false, out);
  return out;
}

/** How `-o jsonpath` prints one value: maps and lists as JSON, scalars bare, JSON null as `null`. */
export function formatJsonPathValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object' && !(v instanceof Float64)) return goJson(v);
  return goSprint(v);
}

export function executeJsonPath(t: JsonPathTemplate, data: unknown, opts: ExecuteOptions = {}): string {
  return findJsonPathResults(t, data, opts)
    .map((results) => results.map(formatJsonPathValue).join(' '))
    .join('');
}

/**
 * kubectl's RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` and
 * `{.metadata.name}` all become `{.metadata.name}`.
 */
export function relaxedJsonPathExpression(expr: string): string {
  if (expr.length === 0) return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) {
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] ?? m[2]}}`;
}
