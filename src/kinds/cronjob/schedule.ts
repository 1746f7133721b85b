// Cron schedules as the API server and the CronJob controller read them (robfig/cron v3's
// ParseStandard): five fields (minute, hour, day of month, month, day of week) with ranges, steps,
// lists, names and `?`, or a descriptor (@yearly, @monthly, @weekly, @daily, @hourly, @every
// <duration>). Its error texts are the parser's, which validation passes on.

import { goDuration } from '../../util/duration.js';

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };
const FIELDS: Bounds[] = [{ min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, MONTHS, DOW];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface Schedule {
  /** The first activation strictly after `t` (ms), or undefined when there is none within five years. */
  next(t: number): number | undefined;
}

class ParseError extends Error {}

/** strconv.Atoi and the parser's own checks. */
function parseInt10(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new ParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63 - 1) throw new ParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`);
  if (n < 0) throw new ParseError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

const intOrName = (expr: string, b: Bounds) => b.names?.[expr.toLowerCase()] ?? parseInt10(expr);

interface Field {
  values: Set<number>;
  star: boolean;
}

function getRange(expr: string, b: Bounds, f: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    [start, end, star] = [b.min, b.max, true];
  } else {
    start = intOrName(lowAndHigh[0], b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = intOrName(lowAndHigh[1], b);
    else throw new ParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseInt10(rangeAndStep[1]);
    // `N/step` means `N-max/step`.
    if (lowAndHigh.length === 1) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new ParseError(`too many slashes: ${expr}`);
  }
  if (start < b.min) throw new ParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new ParseError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new ParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new ParseError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) f.values.add(v);
  if (star) f.star = true;
}

function getField(text: string, b: Bounds): Field {
  const f: Field = { values: new Set(), star: false };
  for (const expr of text.split(',')) getRange(expr, b, f);
  return f;
}

class SpecSchedule implements Schedule {
  constructor(private readonly f: Field[], private readonly zone: string) {}

  next(t: number): number | undefined {
    const [minute, hour, dom, month, dow] = this.f;
    // Whole minutes in the schedule's zone; local fields from a zone offset at that instant.
    let cur = Math.floor(t / 60_000) * 60_000 + 60_000;
    const limit = t + 5 * 366 * 86_400_000;
    while (cur <= limit) {
      const l = localFields(cur, this.zone);
      if (!month.values.has(l.month)) {
        cur = advance(cur, l, 'month');
        continue;
      }
      const domMatch = dom.values.has(l.day);
      const dowMatch = dow.values.has(l.weekday);
      const dayOk = dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch;
      if (!dayOk) {
        cur = advance(cur, l, 'day');
        continue;
      }
      if (!hour.values.has(l.hour)) {
        cur = advance(cur, l, 'hour');
        continue;
      }
      if (!minute.values.has(l.minute)) {
        cur += 60_000;
        continue;
      }
      return cur;
    }
    return undefined;
  }
}

/** @every <duration>: a fixed delay, whole seconds, at least one. */
class ConstantDelay implements Schedule {
  constructor(private readonly delay: number) {}
  next(t: number): number {
    return Math.floor(t / 1000) * 1000 + this.delay;
  }
}

interface Local {
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localFields(ms: number, zone: string): Local {
  if (zone === 'UTC') {
    const d = new Date(ms);
    return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
  }
  let f = formatters.get(zone);
  if (!f) formatters.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', month: 'numeric', day: 'numeric', weekday: 'short', hour: 'numeric', minute: 'numeric' })));
  const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday);
  return { month: Number(parts.month), day: Number(parts.day), weekday, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** The start of the next local hour or day; a month is skipped a day at a time. */
function advance(ms: number, l: Local, unit: 'hour' | 'day' | 'month'): number {
  const next = ms + (60 - l.minute) * 60_000;
  return unit === 'hour' ? next : next + (23 - l.hour) * 3_600_000;
}

/** Whether a zone name is one the time zone database knows. */
export function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** cron.ParseStandard: the schedule, or the parser's error text. */
export function parseSchedule(spec: string, zone = 'UTC'): Schedule | string {
  try {
    if (!spec) throw new ParseError('empty spec string');
    if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
      const i = spec.indexOf(' ');
      const eq = spec.indexOf('=');
      const name = spec.slice(eq + 1, i < 0 ? undefined : i);
      if (i < 0 || !knownZone(name)) throw new ParseError(`provided bad location ${name}: unknown time zone ${name}`);
      zone = name;
      spec = spec.slice(i).trim();
    }
    if (spec.startsWith('@')) {
      if (spec.startsWith('@every ')) {
        let ms: number;
        try {
          ms = goDuration(spec.slice(7));
        } catch (e) {
          throw new ParseError(`failed to parse duration ${spec}: ${(e as Error).message}`);
        }
        return new ConstantDelay(Math.max(1000, Math.round(ms / 1000) * 1000));
      }
      const d = DESCRIPTORS[spec];
      if (!d) throw new ParseError(`unrecognized descriptor: ${spec}`);
      spec = d;
    }
    const fields = spec.split(/\s+/).filter(Boolean);
    if (fields.length !== 5) throw new ParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
    return new SpecSchedule(fields.map((f, i) => getField(f, FIELDS[i])), zone);
  } catch (e) {
    if (e instanceof ParseError) return e.message;
    throw e;
  }
}
