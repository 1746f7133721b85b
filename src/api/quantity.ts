// resource.Quantity: its value, for comparing and dividing quantities (--sort-by, resourceFieldRef),
// its canonical text, and ParseQuantity's errors.

const NANO_MAX = (2n ** 63n - 1n) * 10n ** 9n;

/**
 * resource.ParseQuantity, reduced to the value in nano units (rounded away from zero and capped
 * as Quantity does), or undefined when the text is not a quantity.
 */
export function parseQuantityNanos(s: string): bigint | undefined {
  if (s.length === 0) return undefined;
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*)([+-]?[0-9]*)$/.exec(s);
  if (!m) return undefined;
  const suffix = m[4] + m[5];
  let exp10 = 0;
  let exp2 = 0;
  const binary: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
  const decimal: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  if (suffix in binary) exp2 = binary[suffix];
  else if (suffix in decimal) exp10 = decimal[suffix];
  else if (suffix.length > 1 && /^[eE][+-]?[0-9]+$/.test(suffix)) {
    // Go parses the exponent as int64 and keeps its low 32 bits.
    exp10 = Number(BigInt.asIntN(32, BigInt(suffix.slice(1))));
  } else return undefined;

  const negative = m[1] === '-';
  const frac = m[3] ?? '';
  let digits = BigInt((m[2] || '0') + frac);
  if (digits === 0n) return 0n;
  digits <<= BigInt(exp2);
  const scale = exp10 - frac.length + 9;
  let nanos: bigint;
  if (scale >= 0) {
    nanos = scale > 40 ? NANO_MAX : digits * 10n ** BigInt(scale);
  } else if (-scale > 80) {
    nanos = 1n;
  } else {
    const div = 10n ** BigInt(-scale);
    nanos = (digits + div - 1n) / div;
  }
  if (nanos > NANO_MAX) nanos = NANO_MAX;
  return negative ? -nanos : nanos;
}

export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const NUMERIC_ERROR = 'unable to parse numeric part of quantity';
const SUFFIX_ERROR = "unable to parse quantity's suffix";

export class QuantityError extends Error {}

/** The error resource.ParseQuantity returns for str, or undefined when it parses. */
export function quantityError(str: string): string | undefined {
  try {
    canonicalQuantity(str);
    return undefined;
  } catch (e) {
    if (e instanceof QuantityError) return e.message;
    throw e;
  }
}

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** ±digits × 10^exp. */
interface Amount {
  neg: boolean;
  digits: bigint;
  exp: number;
}

const INT64_MAX = 2n ** 63n - 1n;
const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const isDigit = (c: string) => c >= '0' && c <= '9';

/** parseQuantityString: sign, the numeric text, its integer and fraction digits, and the suffix. */
function scan(str: string): { positive: boolean; value: string; num: string; denom: string; suffix: string } {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') (positive = false), pos++;
  else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num, denom: '', suffix: '' };
  pos = i;
  if (num === '') num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i])) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

function interpret(suffix: string): { base: 2 | 10; exponent: number; format: Format } {
  if (Object.hasOwn(DEC_SUFFIX, suffix)) return { base: 10, exponent: DEC_SUFFIX[suffix], format: 'DecimalSI' };
  if (Object.hasOwn(BIN_SUFFIX, suffix)) return { base: 2, exponent: BIN_SUFFIX[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const parsed = BigInt(suffix.slice(1));
    if (parsed <= INT64_MAX && parsed >= -INT64_MAX - 1n) return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  throw new QuantityError(SUFFIX_ERROR);
}

/**
 * resource.ParseQuantity followed by Quantity.String(): the text the API server prints for a quantity
 * it decoded, or a QuantityError with its message. Canonical form moves the exponent to a multiple of
 * three (1.5 → 1500m, 1.5Gi → 1536Mi), but a string that was already canonical is kept as written
 * (ParseQuantity caches it), so "+1" stays.
 */
export function canonicalQuantity(str: string): string {
  if (str.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  if (str === '0') return '0';
  const { positive, value, num, denom, suffix } = scan(str);
  const { base, exponent, format: parsedFormat } = interpret(suffix);
  let format = parsedFormat;

  // The int64 fast path, which keeps an already canonical string as written.
  let precision = -1;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc(Math.fround((Math.fround(exponent) * 3) / 10)) - 1;
    }
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const v = BigInt(shifted);
      const result = v * mantissa;
      if (result <= INT64_MAX) {
        const reuse = format === 'BinarySI' ? exponent % 10 === 0 && (v & 7n) !== 0n : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        if (reuse) return str;
        return canonical({ neg: !positive && result !== 0n, digits: result, exp: scale }, format);
      }
    }
  }

  // inf.Dec: exact, then rounded up to nano units and capped for binary suffixes.
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) throw new QuantityError(NUMERIC_ERROR);
  let digits = BigInt(num + denom);
  let exp = -denom.length;
  if (base === 10) exp += exponent;
  else digits <<= BigInt(exponent);
  if (digits !== 0n && exp < -9) {
    // Rounded up to nano units; a value below 10^-9 becomes 1n without computing a huge power of ten.
    const shift = -9 - exp;
    if (shift > digits.toString().length) digits = 1n;
    else {
      const div = 10n ** BigInt(shift);
      digits = (digits + div - 1n) / div;
    }
    exp = -9;
  }
  if (format === 'BinarySI' && compare({ neg: false, digits, exp }, INT64_MAX) > 0) [digits, exp] = [INT64_MAX, 0];
  if (format === 'BinarySI' && digits !== 0n && compare({ neg: false, digits, exp }, 1n) < 0) format = 'DecimalSI';
  return canonical({ neg: !positive && digits !== 0n, digits, exp }, format);
}

/** Sign of a - b for a non-negative amount and an integer. */
function compare(a: Amount, b: bigint): number {
  const [x, y] = a.exp >= 0 ? [a.digits * 10n ** BigInt(a.exp), b] : [a.digits, b * 10n ** BigInt(-a.exp)];
  const sx = a.neg ? -x : x;
  return sx < y ? -1 : sx > y ? 1 : 0;
}

/** Quantity.CanonicalizeBytes. */
function canonical(a: Amount, format: Format): string {
  if (a.digits === 0n) return '0';
  const sign = a.neg ? '-' : '';
  if (format === 'BinarySI') {
    if (compare(a, -1024n) > 0 && compare(a, 1024n) < 0) format = 'DecimalSI';
    else if (a.exp < 0 && a.digits % 10n ** BigInt(-a.exp) !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let v = a.exp >= 0 ? a.digits * 10n ** BigInt(a.exp) : a.digits / 10n ** BigInt(-a.exp);
    let times = 0;
    while (v >= 1024n && v % 1024n === 0n) (v /= 1024n), times++;
    const suffix = Object.keys(BIN_SUFFIX).find((s) => BIN_SUFFIX[s] === times * 10) ?? '';
    return sign + v.toString() + suffix;
  }
  let { digits, exp } = a;
  while (digits % 10n === 0n) (digits /= 10n), exp++;
  while (exp % 3 !== 0) (digits *= 10n), exp--;
  let suffix: string;
  if (format === 'DecimalExponent') suffix = exp === 0 ? '' : `e${exp}`;
  else suffix = Object.keys(DEC_SUFFIX).find((s) => DEC_SUFFIX[s] === exp) ?? '';
  return sign + digits.toString() + suffix;
}

/** The format a quantity's text gives it: its suffix's. */
function formatOf(str: string): Format {
  try {
    return interpret(scan(str).suffix).format;
  } catch {
    return 'DecimalSI';
  }
}

/**
 * Quantities added up as Quantity.Add does, printed as Quantity.String() prints the sum: the first
 * term as written when it stands alone, else the canonical text in the format of the first
 * non-zero term. No terms give "0", a zero Quantity.
 */
export function sumQuantities(terms: string[]): string {
  if (terms.length === 0) return '0';
  if (terms.length === 1) return terms[0];
  let nanos = 0n;
  let format: Format | undefined;
  for (const t of terms) {
    const v = parseQuantityNanos(t) ?? 0n;
    if (nanos === 0n) format = formatOf(t);
    nanos += v;
  }
  if (format === 'BinarySI' && nanos !== 0n && (nanos < 0n ? -nanos : nanos) < 1_000_000_000n) format = 'DecimalSI';
  return canonical({ neg: nanos < 0n, digits: nanos < 0n ? -nanos : nanos, exp: -9 }, format ?? 'DecimalSI');
}
