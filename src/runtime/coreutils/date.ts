// date: the current time (or -d TIME / -r FILE's), in UTC, formatted like GNU date. A machine's
// date reads its simulated clock, which starts at KCTL_NOW when that is set.

import type { Program } from '../program.js';
import { fail, parseOptions } from './common.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number, width = 2, fill = '0') => String(n).padStart(width, fill);

export function strftime(format: string, d: Date): string {
  const dayOfYear = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  const hour12 = d.getUTCHours() % 12 || 12;
  const codes: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    C: () => pad(Math.floor(d.getUTCFullYear() / 100)),
    y: () => pad(d.getUTCFullYear() % 100),
    m: () => pad(d.getUTCMonth() + 1),
    d: () => pad(d.getUTCDate()),
    e: () => pad(d.getUTCDate(), 2, ' '),
    H: () => pad(d.getUTCHours()),
    k: () => pad(d.getUTCHours(), 2, ' '),
    I: () => pad(hour12),
    l: () => pad(hour12, 2, ' '),
    M: () => pad(d.getUTCMinutes()),
    S: () => pad(d.getUTCSeconds()),
    N: () => pad(d.getUTCMilliseconds() * 1_000_000, 9),
    p: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    P: () => (d.getUTCHours() < 12 ? 'am' : 'pm'),
    a: () => DAYS[d.getUTCDay()].slice(0, 3),
    A: () => DAYS[d.getUTCDay()],
    b: () => MONTHS[d.getUTCMonth()].slice(0, 3),
    h: () => MONTHS[d.getUTCMonth()].slice(0, 3),
    B: () => MONTHS[d.getUTCMonth()],
    j: () => pad(dayOfYear, 3),
    u: () => String(d.getUTCDay() || 7),
    w: () => String(d.getUTCDay()),
    s: () => String(Math.floor(d.getTime() / 1000)),
    Z: () => 'UTC',
    z: () => '+0000',
    F: () => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    T: () => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    R: () => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    D: () => `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear() % 100)}`,
    c: () => strftime('%a %b %e %H:%M:%S %Y', d),
    x: () => strftime('%m/%d/%y', d),
    X: () => strftime('%H:%M:%S', d),
    n: () => '\n',
    t: () => '\t',
    '%': () => '%',
  };
  return format.replace(/%(:?)([a-zA-Z%])/g, (m, colon: string, c: string) => {
    if (colon) return c === 'z' ? '+00:00' : m;
    return codes[c] ? codes[c]() : m;
  });
}

function parseDate(text: string, now: number): Date | null {
  const s = text.trim();
  if (/^@-?\d+$/.test(s)) return new Date(Number(s.slice(1)) * 1000);
  if (s === 'now' || s === '') return new Date(now);
  const relative = /^([+-]?\d+) (second|minute|hour|day|week)s?( ago)?$/.exec(s);
  if (relative) {
    const unit = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800 }[relative[2]]!;
    const sign = relative[3] ? -1 : 1;
    return new Date(now + sign * Number(relative[1]) * unit * 1000);
  }
  if (s === 'yesterday' || s === 'tomorrow') return new Date(now + (s === 'tomorrow' ? 1 : -1) * 86_400_000);
  const iso = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$/.test(s);
  if (!iso) return null;
  const normalised = s.replace(' ', 'T');
  const d = new Date(/[Z+]|-\d{2}:?\d{2}$/.test(normalised.slice(10)) ? normalised : `${normalised}${normalised.length === 10 ? 'T00:00' : ''}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** date reading the time from `now` (ms since the epoch). */
export const dateWith = (now: () => number): Program => async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), {
    flags: 'uRI',
    values: 'dr',
    long: { utc: 'u', universal: 'u', 'date=': 'd', 'rfc-email': 'R', 'iso-8601': 'I', 'reference=': 'r' },
  });
  if (!p) return 1;
  const at = now();
  let when = new Date(at);
  if (p.opts.has('d')) {
    const parsed = parseDate(p.opts.get('d')!, at);
    if (!parsed) {
      fail(ctx, `invalid date '${p.opts.get('d')}'`);
      return 1;
    }
    when = parsed;
  }
  const formatArg = p.args.find((a) => a.startsWith('+'));
  const extra = p.args.find((a) => !a.startsWith('+'));
  if (extra !== undefined) {
    fail(ctx, `invalid date '${extra}'`);
    return 1;
  }
  const format = formatArg ? formatArg.slice(1)
    : p.opts.has('R') ? '%a, %d %b %Y %H:%M:%S %z'
    : p.opts.has('I') ? '%F'
    : '%a %b %e %H:%M:%S %Z %Y';
  ctx.stdout(`${strftime(format, when)}\n`);
  return 0;
};

/** date on its own (a shell run without a machine): the host's clock. */
export const date = dateWith(() => Date.now());
