// How Go prints the time values a protobuf body carries: metav1.Time (RFC 3339, seconds),
// metav1.MicroTime (RFC 3339 with six fraction digits) and time.Duration (Duration.String), and
// the way back for encoding.

/** time.Time{}.Unix(): the zero time, which metav1.Time prints as null. */
export const ZERO_TIME_SECONDS = -62135596800n;

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const pad = (n: bigint | number, width: number) => String(n).padStart(width, '0');

/** time.Unix(sec, nsec): nanoseconds outside [0, 1e9) move into the seconds. */
export function unixTime(seconds: bigint, nanos: bigint): [bigint, number] {
  let sec = seconds + nanos / 1_000_000_000n;
  let nsec = nanos % 1_000_000_000n;
  if (nsec < 0n) (nsec += 1_000_000_000n), sec--;
  return [sec, Number(nsec)];
}

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

const daysFromCivil = (y: bigint, m: bigint, d: bigint): bigint => {
  const yy = m <= 2n ? y - 1n : y;
  const era = floorDiv(yy, 400n);
  const yoe = yy - era * 400n;
  const doy = (153n * (m > 2n ? m - 3n : m + 9n) + 2n) / 5n + d - 1n;
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146097n + doe - 719468n;
};

/** An RFC 3339 time (as metav1.Time and MicroTime print them, any offset) as Unix seconds and nanoseconds; undefined if it is not one. */
export function parseTime(text: string): [bigint, number] | undefined {
  const m = /^(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  let seconds = daysFromCivil(BigInt(y), BigInt(mo), BigInt(d)) * 86400n + BigInt(Number(h) * 3600 + Number(mi) * 60 + Number(s));
  if (zone !== 'Z') seconds -= BigInt((zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4)) * 60));
  return [seconds, Number(frac.padEnd(9, '0'))];
}

const UNITS: Record<string, bigint> = { ns: 1n, us: 1000n, '\u00b5s': 1000n, '\u03bcs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };

/** time.ParseDuration, as metav1.Duration's UnmarshalJSON uses it; undefined if the text is not a duration. */
export function parseDuration(text: string): bigint | undefined {
  const m = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+|0)$/.exec(text);
  if (!m) return undefined;
  if (m[2] === '0') return 0n;
  let total = 0n;
  for (const [, num, unit] of m[2].matchAll(/(\d+\.?\d*|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/g)) {
    const [whole, frac = ''] = num.split('.');
    const scale = UNITS[unit];
    total += BigInt(whole || '0') * scale;
    if (frac) total += (BigInt(frac) * scale) / 10n ** BigInt(frac.length);
  }
  if (total > 2n ** 63n - 1n + (m[1] === '-' ? 1n : 0n)) return undefined;
  return m[1] === '-' ? -total : total;
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
    const [prec, unit] = u < 1000n ? [0, 'ns'] : u < 1_000_000n ? [3, '\u00b5s'] : [6, 'ms'];
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
