// resource.Quantity's value, for comparing and dividing quantities (--sort-by, resourceFieldRef).

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
