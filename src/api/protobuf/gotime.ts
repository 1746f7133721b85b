// How Go prints the time values a protobuf body carries: metav1.Time (RFC 3339, seconds),
// metav1.MicroTime (RFC 3339 with six fraction digits) and time.Duration (Duration.String).

/** time.Time{}.Unix(): the zero time, which metav1.Time prints as null. */
export const ZERO_TIME_SECONDS = -62135596800n;

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const pad = (n: bigint | number, width: number) => String(n).padStart(width, '0');

/** Seconds since the epoch (and nanoseconds) in UTC as Go's RFC3339 or RFC3339Micro layout prints them. */
export function formatTime(seconds: bigint, nanos: number, micro: boolean): string {
  const days = floorDiv(seconds, 86400n);
  const secOfDay = seconds - days * 86400n;
  // Civil date from days since 1970-01-01 (proleptic Gregorian).
  const z = days + 719468n;
  const era = floorDiv(z, 146097n);
  const doe = z - era * 146097n;
  const yoe = (doe - doe / 1460n + doe / 36524n - doe / 146096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const day = doy - (153n * mp + 2n) / 5n + 1n;
  const month = mp < 10n ? mp + 3n : mp - 9n;
  const year = yoe + era * 400n + (month <= 2n ? 1n : 0n);
  const y = year < 0n ? `-${pad(-year, 4)}` : pad(year, 4);
  const h = secOfDay / 3600n;
  const m = (secOfDay / 60n) % 60n;
  const s = secOfDay % 60n;
  const frac = micro ? `.${pad(Math.trunc(nanos / 1000), 6)}` : '';
  return `${y}-${pad(month, 2)}-${pad(day, 2)}T${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${frac}Z`;
}

/** A nanosecond count as Go's time.Duration.String() prints it: 1h2m3.5s, 1.5ms, 0s. */
export function formatDuration(nanos: bigint): string {
  const neg = nanos < 0n;
  let u = BigInt.asUintN(64, neg ? -nanos : nanos);
  const fraction = (v: bigint, prec: number): [string, bigint] => {
    const unit = 10n ** BigInt(prec);
    const digits = pad(v % unit, prec).replace(/0+$/, '');
    return [digits ? `.${digits}` : '', v / unit];
  };
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    const [prec, unit] = u < 1000n ? [0, 'ns'] : u < 1_000_000n ? [3, 'µs'] : [6, 'ms'];
    const [frac, whole] = fraction(u, prec);
    out = `${whole}${frac}${unit}`;
  } else {
    const [frac, secs] = fraction(u, 9);
    u = secs;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}
