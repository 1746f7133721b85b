// printf(1), shared by the shells' builtin and the standalone program: %s %b %c %d %i %u %o
// %x %X %e %E %f %F %g %G %%, flags `-+ 0#`, width and precision (also `*`). The format is
// reused while arguments remain, as POSIX requires.

import type { Program } from '../program.js';
import { unescapeEcho } from './echo.js';

// Widths and precisions are clamped so that a format alone cannot build a gigantic string.
const MAX_WIDTH = 1 << 23;

export interface PrintfResult {
  text: string;
  /** Messages for stderr (without the program name). */
  errors: string[];
  status: number;
}

function toInteger(arg: string, errors: string[]): bigint {
  const s = arg.trim();
  if (/^['"]/.test(s)) return BigInt(s.codePointAt(1) ?? 0);
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) {
    if (s !== '') errors.push(`'${arg}': expected a numeric value`);
    return 0n;
  }
  if (m[0].length !== s.length) errors.push(`'${arg}': value not completely converted`);
  const digits = m[2].startsWith('0') && !/^0[xX]/.test(m[2]) && m[2].length > 1 ? `0o${m[2].slice(1)}` : m[2];
  const value = BigInt(digits);
  return m[1] === '-' ? -value : value;
}

function toFloat(arg: string, errors: string[]): number {
  const s = arg.trim();
  if (/^['"]/.test(s)) return s.codePointAt(1) ?? 0;
  const value = Number(s);
  if (s !== '' && Number.isNaN(value) && !/^[+-]?(nan|inf(inity)?)$/i.test(s)) {
    errors.push(`'${arg}': expected a numeric value`);
    return Number.parseFloat(s) || 0;
  }
  return s === '' ? 0 : Number.isNaN(value) ? Number.parseFloat(s.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity')) : value;
}

function pad(body: string, flags: string, width: number, numeric: boolean): string {
  if (body.length >= width) return body;
  if (flags.includes('-')) return body.padEnd(width);
  if (numeric && flags.includes('0')) {
    const sign = /^[+\- ]|^0[xX]/.exec(body)?.[0] ?? '';
    return sign + body.slice(sign.length).padStart(width - sign.length, '0');
  }
  return body.padStart(width);
}

function signed(text: string, negative: boolean, flags: string): string {
  if (negative) return `-${text}`;
  return flags.includes('+') ? `+${text}` : flags.includes(' ') ? ` ${text}` : text;
}

function formatFloat(conv: string, value: number, precision: number | null, flags: string): string {
  const p = precision ?? 6;
  if (!Number.isFinite(value)) {
    const text = Number.isNaN(value) ? 'nan' : 'inf';
    return signed(/[A-Z]/.test(conv) ? text.toUpperCase() : text, value < 0, flags);
  }
  const abs = Math.abs(value);
  let text: string;
  if (conv === 'f' || conv === 'F') text = abs.toFixed(p);
  else if (conv === 'e' || conv === 'E') text = abs.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
  else {
    const exp = abs === 0 ? 0 : Math.floor(Math.log10(abs));
    const prec = p === 0 ? 1 : p;
    text = exp < -4 || exp >= prec
      ? abs.toExponential(prec - 1).replace(/e([+-])(\d)$/, 'e$10$2')
      : abs.toFixed(Math.max(0, prec - 1 - exp));
    if (!flags.includes('#')) text = text.replace(/\.?0+(e|$)/, '$1').replace(/\.(e|$)/, '$1');
  }
  if (/[A-Z]/.test(conv)) text = text.toUpperCase();
  return signed(text, value < 0 || Object.is(value, -0), flags);
}

export function formatPrintf(format: string, args: string[]): PrintfResult {
  const errors: string[] = [];
  let out = '';
  let argIndex = 0;
  const next = (): string | undefined => args[argIndex++];
  do {
    const startIndex = argIndex;
    for (let i = 0; i < format.length; i++) {
      const ch = format[i];
      if (ch === '\\') {
        const m = /^\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/s.exec(format.slice(i))!;
        if (m[0] === '\\c') return { text: out, errors, status: errors.length ? 1 : 0 };
        out += m[0] === '\\"' ? '"' : unescapeEcho(m[0], false).text;
        i += m[0].length - 1;
        continue;
      }
      if (ch !== '%') {
        out += ch;
        continue;
      }
      const spec = /^%([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])?/.exec(format.slice(i))!;
      i += spec[0].length - 1;
      const flags = spec[1];
      let width = Math.max(-MAX_WIDTH, Math.min(MAX_WIDTH, spec[2] === '*' ? Number(toInteger(next() ?? '0', errors)) : Number(spec[2] ?? 0)));
      let f = flags;
      if (width < 0) {
        f += '-';
        width = -width;
      }
      const precisionText = spec[3] === '*' ? String(toInteger(next() ?? '0', errors)) : spec[3];
      const precision = precisionText === undefined ? null : Math.min(MAX_WIDTH, Number(precisionText || 0));
      const conv = spec[4];
      if (conv === undefined) {
        errors.push('missing format character');
        return { text: out, errors, status: 1 };
      }
      if (conv === '%') {
        out += '%';
        continue;
      }
      const arg = next();
      switch (conv) {
        case 's':
        case 'b': {
          let text = arg ?? '';
          if (conv === 'b') {
            const r = unescapeEcho(text, true);
            text = r.text;
            if (r.stop) return { text: out + text, errors, status: errors.length ? 1 : 0 };
          }
          if (precision !== null) text = text.slice(0, precision);
          out += pad(text, f, width, false);
          break;
        }
        case 'c':
          out += pad((arg ?? '').slice(0, 1), f, width, false);
          break;
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
          let n = toInteger(arg ?? '0', errors);
          if (conv === 'u' && n < 0n) n = BigInt.asUintN(64, n);
          const negative = n < 0n && conv !== 'o' && !/[xX]/.test(conv);
          let digits = (conv === 'o' || /[xX]/.test(conv) ? BigInt.asUintN(64, n) : negative ? -n : n).toString(
            conv === 'o' ? 8 : /[xX]/.test(conv) ? 16 : 10,
          );
          if (conv === 'X') digits = digits.toUpperCase();
          if (precision !== null) digits = precision === 0 && n === 0n ? '' : digits.padStart(precision, '0');
          if (f.includes('#') && n !== 0n) digits = conv === 'o' ? `0${digits}` : conv === 'x' ? `0x${digits}` : conv === 'X' ? `0X${digits}` : digits;
          const body = /[di]/.test(conv) ? signed(digits, negative, f) : digits;
          out += pad(body, precision === null ? f : f.replace('0', ''), width, true);
          break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
          out += pad(formatFloat(conv, toFloat(arg ?? '0', errors), precision, f), f, width, true);
          break;
        default:
          errors.push(`%${conv}: invalid conversion specification`);
          return { text: out, errors, status: 1 };
      }
    }
    if (argIndex === startIndex) break;
  } while (argIndex < args.length);
  return { text: out, errors, status: errors.length ? 1 : 0 };
}

export const printf: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length === 0) {
    ctx.stderr('printf: missing operand\n');
    return 1;
  }
  const result = formatPrintf(args[0], args.slice(1));
  ctx.stdout(result.text);
  for (const e of result.errors) ctx.stderr(`printf: ${e}\n`);
  return result.status;
};
