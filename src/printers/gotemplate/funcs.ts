// text/template's builtin functions, and the two kubectl adds (exists, base64decode).

import { compareGoStrings } from '../../util/goformat.js';
import { sprint, sprintf, sprintln } from './fmt.js';
import { Byte, floatOf, Iface, indirect, intOf, isMap, isTrue, kindOf, typeName, unbox, type Concrete, type Value } from './value.js';

/** How an argument is passed: reflect.Value (as is), interface{} (unboxed), or string. */
export type Param = 'value' | 'any' | 'string';

export interface Func {
  params: Param[];
  variadic?: Param;
  call(args: Value[]): Value;
}

/** An error a function returns: "error calling NAME: …". */
export class FuncError extends Error {}

type K = 'bool' | 'float' | 'int' | 'string' | 'uint' | 'invalid';

function basicKind(v: Value): K {
  const k = kindOf(v);
  return k === 'bool' || k === 'float' || k === 'int' || k === 'string' || k === 'uint' ? k : 'invalid';
}

const badComparison = () => new FuncError('incompatible types for comparison');
const badComparisonType = () => new FuncError('invalid type for comparison');

/** The value of a basic kind, comparable with ===  and < within its kind. */
function num(v: Value): number | bigint | string | boolean {
  const i = intOf(v);
  if (i !== undefined) return i;
  const f = floatOf(v);
  if (f !== undefined) return f;
  return v as string | boolean;
}

function eq(arg1: Value, ...arg2: Value[]): boolean {
  arg1 = unbox(arg1);
  if (!arg2.length) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (let arg of arg2) {
    arg = unbox(arg);
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) truth = num(arg1) === num(arg);
      else if (arg1 !== undefined && arg !== undefined) throw badComparison();
    } else if (k1 === 'invalid') {
      if (arg1 !== undefined && arg !== undefined) throw new FuncError(`non-comparable types ${typeName(arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${typeName(arg)}`);
      truth = arg1 === arg;
    } else truth = num(arg1) === num(arg);
    if (truth) return true;
  }
  return false;
}

function lt(arg1: Value, arg2: Value): boolean {
  arg1 = unbox(arg1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw badComparisonType();
  arg2 = unbox(arg2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw badComparisonType();
  const ints = (k: K) => k === 'int' || k === 'uint';
  if (k1 !== k2 && !(ints(k1) && ints(k2))) throw badComparison();
  if (k1 === 'bool') throw badComparisonType();
  if (k1 === 'string') return compareGoStrings(arg1 as string, arg2 as string) < 0;
  return num(arg1) < num(arg2);
}

function truth(v: Value): boolean {
  return isTrue(unbox(v))[0];
}

function indexArg(index: Value, cap: number): number {
  let x: bigint;
  const k = kindOf(index);
  if (k === 'int' || k === 'uint') x = intOf(index)!;
  else if (k === 'invalid') throw new FuncError('cannot index slice/array with nil');
  else throw new FuncError(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new FuncError(`index out of range: ${x}`);
  return Number(x);
}

function utf8(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}

function index(item: Value, ...indexes: Value[]): Value {
  item = unbox(item);
  if (item === undefined) throw new FuncError('index of untyped nil');
  for (let idx of indexes) {
    idx = unbox(idx);
    const [it, isNil] = indirect(item);
    if (isNil) throw new FuncError('index of nil pointer');
    item = it;
    if (Array.isArray(item) || typeof item === 'string') {
      const len = typeof item === 'string' ? utf8(item).length : item.length;
      const x = indexArg(idx, len);
      if (x === len) throw new FuncError(typeof item === 'string' ? 'reflect: string index out of range' : 'reflect: slice index out of range');
      item = typeof item === 'string' ? new Byte(utf8(item)[x]) : new Iface(item[x]);
    } else if (isMap(item)) {
      if (idx === undefined) idx = '';
      else if (typeof idx !== 'string') throw new FuncError(`value has type ${typeName(idx)}; should be string`);
      item = new Iface(Object.hasOwn(item, idx) ? item[idx] : null);
    } else throw new FuncError(`can't index item of type ${typeName(item)}`);
  }
  return item;
}

function slice(item: Value, ...indexes: Value[]): Value {
  item = unbox(item);
  if (item === undefined) throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    cap = utf8(item).length;
  } else if (Array.isArray(item)) cap = item.length;
  else throw new FuncError(`can't slice item of type ${typeName(item)}`);
  const idx = [0, cap, cap];
  indexes.forEach((i, n) => (idx[n] = indexArg(i, cap)));
  if (idx[0] > idx[1]) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return utf8(item).subarray(idx[0], idx[1]).toString('utf8');
  return item.slice(idx[0], idx[1]);
}

function length(item: Value): bigint {
  const [v, isNil] = indirect(item);
  if (isNil) throw new FuncError('len of nil pointer');
  if (v === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  if (typeof v === 'string') return BigInt(utf8(v).length);
  if (Array.isArray(v)) return BigInt(v.length);
  if (isMap(v)) return BigInt(Object.keys(v).length);
  throw new FuncError(`len of type ${typeName(v)}`);
}

/** html/js/urlquery take one string as is, or fmt.Sprint of all. */
function evalArgs(args: Value[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args as Concrete[]);
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const named: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };
    if (Object.hasOwn(named, ch)) out += named[ch];
    else if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c >= 0x80 && !/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

/** url.QueryEscape. */
function queryEscape(s: string): string {
  return [...utf8(s)].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : b === 0x20 ? '+' : '%' + b.toString(16).toUpperCase().padStart(2, '0'))).join('');
}

/** kubectl's exists: whether index would find something non-nil at these indices. */
function exists(item: Value, ...indices: Value[]): boolean {
  let v: Value = item;
  for (const i of indices) {
    const [it, isNil] = indirect(v);
    if (isNil || it === undefined || it === null) return false;
    if (Array.isArray(it) || typeof it === 'string') {
      const k = kindOf(i);
      if (k !== 'int' && k !== 'uint') return false;
      const x = Number(intOf(i));
      const len = typeof it === 'string' ? utf8(it).length : it.length;
      if (x < 0 || x >= len) return false;
      v = typeof it === 'string' ? new Byte(utf8(it)[x]) : new Iface(it[x]);
    } else if (isMap(it)) {
      const key = i ?? '';
      if (typeof key !== 'string') return false;
      v = new Iface(Object.hasOwn(it, key) ? it[key] : null);
    } else return false;
  }
  const [, isNil] = indirect(v);
  return !isNil && v !== undefined && v !== null;
}

/** base64.StdEncoding's strict decoding, failing where Go's decoder stops. */
function base64decode(v: Value): string {
  const s = v as string;
  const fail = (at: number) => new FuncError(`base64 decode failed: illegal base64 data at input byte ${at}`);
  for (let q = 0; q < s.length; q += 4) {
    const quantum = s.slice(q, q + 4);
    for (let j = 0; j < quantum.length; j++) {
      const c = quantum[j];
      if (c === '=') {
        if (j < 2) throw fail(q + j);
        if (j === 2 && quantum[3] !== '=') throw fail(quantum.length === 3 ? q + 3 : q + 3);
        if (q + 4 < s.length) throw fail(q + 4);
        return Buffer.from(s, 'base64').toString('utf8');
      }
      if (!/[A-Za-z0-9+/]/.test(c)) throw fail(q + j);
    }
    if (quantum.length < 4) throw fail(q);
  }
  return Buffer.from(s, 'base64').toString('utf8');
}

const V: Param = 'value';
const A: Param = 'any';

export const BUILTINS: Record<string, Func> = {
  and: { params: [V], variadic: V, call: () => undefined },
  or: { params: [V], variadic: V, call: () => undefined },
  not: { params: [V], call: ([a]) => !truth(a) },
  call: {
    params: [V],
    variadic: V,
    call: ([f]) => {
      throw new FuncError(f === undefined ? 'call of nil' : `non-function of type ${typeName(unbox(f))}`);
    },
  },
  html: { params: [], variadic: A, call: (args) => htmlEscape(evalArgs(args)) },
  index: { params: [V], variadic: V, call: ([item, ...rest]) => index(item, ...rest) },
  slice: { params: [V], variadic: V, call: ([item, ...rest]) => slice(item, ...rest) },
  js: { params: [], variadic: A, call: (args) => jsEscape(evalArgs(args)) },
  len: { params: [V], call: ([a]) => length(a) },
  print: { params: [], variadic: A, call: (args) => sprint(args as Concrete[]) },
  printf: { params: ['string'], variadic: A, call: ([f, ...args]) => sprintf(f as string, args as Concrete[]) },
  println: { params: [], variadic: A, call: (args) => sprintln(args as Concrete[]) },
  urlquery: { params: [], variadic: A, call: (args) => queryEscape(evalArgs(args)) },
  eq: { params: [V], variadic: V, call: ([a, ...b]) => eq(a, ...b) },
  ge: { params: [V, V], call: ([a, b]) => !lt(a, b) },
  gt: { params: [V, V], call: ([a, b]) => !(lt(a, b) || eq(a, b)) },
  le: { params: [V, V], call: ([a, b]) => lt(a, b) || eq(a, b) },
  lt: { params: [V, V], call: ([a, b]) => lt(a, b) },
  ne: { params: [V, V], call: ([a, b]) => !eq(a, b) },
  exists: { params: [A], variadic: A, call: ([item, ...rest]) => exists(item, ...rest) },
  base64decode: { params: ['string'], call: ([s]) => base64decode(s) },
};

export { truth };
