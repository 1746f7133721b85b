// ---- resource.ParseQuantity ----

const QUANTITY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_NUMERIC = 'unable to parse numeric part of quantity';
const QUANTITY_SUFFIX = "unable to parse quantity's suffix";

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

export const isDigitAt = (s: string, i: number) => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

/** The error resource.ParseQuantity returns for str, or undefined when it parses. */
export function quantityError(str: string): string | undefined {
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
