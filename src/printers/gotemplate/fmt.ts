// Go's fmt for the values a template handles: Sprint, Sprintln and Sprintf's verbs, flags,
// width and precision, and its %!verb(type=value) complaints.

import { formatGoFloat, goQuote, sortedKeys } from '../../util/goformat.js';
import { Byte, Float64, floatOf, Iface, isMap, typeName, type Concrete } from './value.js';

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  zero: boolean;
  space: boolean;
  width?: number;
  prec?: number;
  verb: string;
}

const PLAIN: Spec = { minus: false, plus: false, sharp: false, zero: false, space: false, verb: 'v' };

/** fmt.Sprint: a space between operands when neither is a string. */
export function sprint(args: (Concrete | undefined)[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatArg(a ?? null, PLAIN);
  });
  return out;
}

export function sprintln(args: (Concrete | undefined)[]): string {
  return args.map((a) => formatArg(a ?? null, PLAIN)).join(' ') + '\n';
}

function pad(s: string, spec: Spec, zeroOk = true): string {
  const w = spec.width ?? 0;
  const n = [...s].length;
  if (n >= w) return s;
  if (spec.minus) return s + ' '.repeat(w - n);
  return (spec.zero && zeroOk ? '0' : ' ').repeat(w - n) + s;
}

/** Numbers pad with zeros after their sign. */
function padNumber(sign: string, digits: string, spec: Spec): string {
  const w = spec.width ?? 0;
  if (spec.zero && !spec.minus && w > sign.length + digits.length) return sign + '0'.repeat(w - sign.length - digits.length) + digits;
  return pad(sign + digits, { ...spec, zero: false });
}

/** %!verb(type=value): the value as %v under the same flags, width and precision. */
function badVerb(arg: Concrete, spec: Spec): string {
  if (arg === null) return `%!${spec.verb}(<nil>)`;
  return `%!${spec.verb}(${typeName(arg)}=${formatArg(arg, { ...spec, verb: 'v' })})`;
}

function signOf(negative: boolean, spec: Spec): string {
  return negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
}

function formatInt(v: bigint, spec: Spec, original: Concrete): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  let digits: string;
  let prefix = '';
  switch (spec.verb) {
    case 'v':
    case 'd':
      digits = abs.toString();
      break;
    case 'b':
      digits = abs.toString(2);
      if (spec.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = abs.toString(8);
      if (spec.verb === 'O') prefix = '0o';
      else if (spec.sharp && digits !== '0') prefix = '0';
      break;
    case 'x':
    case 'X':
      digits = abs.toString(16);
      if (spec.verb === 'X') digits = digits.toUpperCase();
      if (spec.sharp) prefix = spec.verb === 'X' ? '0X' : '0x';
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(v)), spec);
    case 'q':
      return pad(`'${goQuote(String.fromCodePoint(Number(v))).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`, spec);
    case 'U':
      return pad('U+' + abs.toString(16).toUpperCase().padStart(4, '0'), spec);
    default:
      return badVerb(original, spec);
  }
  if (spec.prec !== undefined) {
    digits = spec.prec === 0 && abs === 0n ? '' : digits.padStart(spec.prec, '0');
    return pad(signOf(neg, spec) + prefix + digits, { ...spec, zero: false });
  }
  return padNumber(signOf(neg, spec), prefix + digits, spec);
}

function expForm(s: string): string {
  // JS writes e+7; Go writes at least two exponent digits.
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function formatFloat(v: number, spec: Spec, original: Concrete): string {
  if (!Number.isFinite(v)) {
    const text = Number.isNaN(v) ? 'NaN' : v > 0 ? (spec.plus ? '+Inf' : 'Inf') : '-Inf';
    return pad(text, { ...spec, zero: false });
  }
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  let digits: string;
  switch (spec.verb) {
    case 'v':
      digits = spec.prec === undefined ? formatGoFloat(abs) : gFormat(abs, spec.prec, spec.sharp);
      break;
    case 'g':
    case 'G':
      digits = spec.prec === undefined ? formatGoFloat(abs) : gFormat(abs, spec.prec, spec.sharp);
      if (spec.verb === 'G') digits = digits.toUpperCase();
      break;
    case 'e':
    case 'E':
      digits = expForm(abs.toExponential(spec.prec ?? 6));
      if (spec.verb === 'E') digits = digits.toUpperCase();
      break;
    case 'f':
    case 'F':
      digits = abs.toFixed(spec.prec ?? 6);
      break;
    default:
      return badVerb(original, spec);
  }
  return padNumber(signOf(neg, spec), digits, spec);
}

/** strconv's 'g' with a precision: %e below 1e-4 or at the precision's exponent, no trailing zeros. */
function gFormat(abs: number, prec: number, sharp: boolean): string {
  const p = prec === 0 ? 1 : prec;
  const [mant, expText] = abs.toExponential(p - 1).split('e');
  const exp = Number(expText);
  const digitsUsed = mant.replace('.', '').replace(/0+$/, '').length || 1;
  const eprec = p > digitsUsed && digitsUsed >= exp + 1 ? digitsUsed : p;
  const trim = (s: string) => (sharp || !s.includes('.') ? s : s.replace(/\.?0+$/, ''));
  if (exp < -4 || exp >= eprec) return expForm(`${trim(mant)}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`);
  return trim(abs.toFixed(Math.max(0, p - 1 - exp)));
}

function formatString(s: string, spec: Spec): string {
  if (spec.prec !== undefined) s = [...s].slice(0, spec.prec).join('');
  switch (spec.verb) {
    case 'v':
    case 's':
      return pad(s, spec);
    case 'q':
      return pad(spec.sharp && !s.includes('`') && !/[\x00-\x08\x0a-\x1f\x7f]/.test(s) ? '`' + s + '`' : goQuote(s), spec);
    case 'x':
    case 'X': {
      let hex = Buffer.from(s, 'utf8').toString('hex');
      if (spec.verb === 'X') hex = hex.toUpperCase();
      return pad(hex, spec);
    }
  }
  return badVerb(s, spec);
}

/** One operand under one verb; slices and maps apply it to each element. */
export function formatArg(arg: Concrete, spec: Spec): string {
  if (spec.verb === 'T') return pad(arg === null ? '<nil>' : typeName(arg), spec);
  if (arg === null) return spec.verb === 'v' ? pad('<nil>', spec) : badVerb(null, spec);
  if (arg instanceof Byte) return formatInt(BigInt(arg.v), spec, arg);
  if (arg instanceof Float64) return formatFloat(arg.value, spec, arg);
  if (Array.isArray(arg)) return '[' + arg.map((e) => formatElem(e, spec)).join(' ') + ']';
  if (isMap(arg)) return 'map[' + sortedKeys(arg).map((k) => `${formatArg(k, spec)}:${formatElem(arg[k], spec)}`).join(' ') + ']';
  switch (typeof arg) {
    case 'string':
      return formatString(arg, spec);
    case 'bigint':
      return formatInt(arg, spec, arg);
    case 'number':
      return floatOf(arg) === undefined ? formatInt(BigInt(arg), spec, arg) : formatFloat(arg, spec, arg);
    case 'boolean':
      return spec.verb === 't' || spec.verb === 'v' ? pad(String(arg), spec) : badVerb(arg, spec);
  }
  return badVerb(arg, spec);
}

/** An element of a slice or map is an interface{}: a nil one prints <nil> whatever the verb. */
function formatElem(e: Concrete | Iface | undefined, spec: Spec): string {
  const v = e instanceof Iface ? e.v : e;
  if (v === null || v === undefined) return '<nil>';
  return formatArg(v, spec);
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: (Concrete | undefined)[]): string {
  let out = '';
  let argNum = 0;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, zero: false, space: false, verb: '' };
    for (; i < n; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === '0') spec.zero = true;
      else if (c === ' ') spec.space = true;
      else break;
    }
    let bad = '';
    const number = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argNum++];
        if (typeof a === 'bigint') return Number(a);
        bad = bad || 'BAD';
        return undefined;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    spec.width = number();
    if (bad) {
      out += '%!(BADWIDTH)';
      bad = '';
    }
    if (spec.width !== undefined && spec.width < 0) {
      spec.minus = true;
      spec.width = -spec.width;
    }
    if (format[i] === '.') {
      i++;
      spec.prec = number() ?? 0;
      if (bad) {
        out += '%!(BADPREC)';
        bad = '';
      }
    }
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    spec.verb = verb;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const a = args[argNum++];
    out += formatArg(a === undefined ? null : a, spec.verb === 'v' ? { ...spec } : spec);
  }
  if (argNum < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argNum)
        .map((a) => (a === undefined || a === null ? '<nil>' : `${typeName(a)}=${formatArg(a, PLAIN)}`))
        .join(', ') +
      ')';
  }
  return out;
}
