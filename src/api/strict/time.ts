// ---- time.Parse for metav1.Time (RFC 3339) and metav1.MicroTime ----

const isDigitAt = (s: string, i: number) => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

type TimeElem = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'micro' | 'zone';
interface Layout {
  text: string;
  /** Each std element with the literal text before it, as time's nextStdChunk splits the layout. */
  chunks: [prefix: string, elem: TimeElem, std: string][];
}
const DATE_TIME: Layout['chunks'] = [
  ['', 'year', '2006'],
  ['-', 'month', '01'],
  ['-', 'day', '02'],
  ['T', 'hour', '15'],
  [':', 'minute', '04'],
  [':', 'second', '05'],
];
export const RFC3339: Layout = { text: '2006-01-02T15:04:05Z07:00', chunks: [...DATE_TIME, ['', 'zone', 'Z07:00']] };
export const RFC3339_MICRO: Layout = {
  text: '2006-01-02T15:04:05.000000Z07:00',
  chunks: [...DATE_TIME, ['', 'micro', '.000000'], ['', 'zone', 'Z07:00']],
};

/** time's quote of a byte string: ASCII as is, `"` and `\` escaped, other bytes as \xNN. */
function timeQuote(bytes: string): string {
  let out = '"';
  for (const ch of bytes) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 || c >= 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  }
  return out + '"';
}

/** getnum: one or two digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigitAt(s, 0)) return undefined;
  if (!isDigitAt(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

/** atoi: an optional sign, then only digits. */
function atoi(s: string): number | undefined {
  const m = /^([+-]?)(\d*)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[2] || '0');
  return m[1] === '-' ? -n : n;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The error of Go's time.Parse(layout, value), or undefined when it parses. */
export function parseTime(layout: Layout, text: string): string | undefined {
  // Go works on the UTF-8 bytes: one char per byte keeps lengths and quoting the same.
  const input = Buffer.from(text).toString('latin1');
  const cannot = (valueElem: string, layoutElem: string) =>
    `parsing time ${timeQuote(input)} as ${timeQuote(layout.text)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`;
  const outOfRange = (what: string) => `parsing time ${timeQuote(input)}: ${what} out of range`;
  let value = input;
  let [year, month, day] = [0, 1, 1];
  for (const [i, [prefix, elem, std]] of layout.chunks.entries()) {
    for (const c of prefix) {
      if (value[0] !== c) return cannot(value, prefix);
      value = value.slice(1);
    }
    const hold = value;
    let ok = true;
    let range = '';
    const num = (fixed: boolean) => {
      const r = getnum(value, fixed);
      if (!r) {
        ok = false;
        return 0;
      }
      value = r[1];
      return r[0];
    };
    switch (elem) {
      case 'year': {
        const y = value.length >= 4 && isDigitAt(value, 0) ? atoi(value.slice(0, 4)) : undefined;
        if (y === undefined) ok = false;
        else [year, value] = [y, value.slice(4)];
        break;
      }
      case 'month':
        month = num(true);
        if (ok && (month <= 0 || month > 12)) range = 'month';
        break;
      case 'day':
        day = num(true);
        break;
      case 'hour': {
        const h = num(false);
        if (h >= 24) range = 'hour';
        break;
      }
      case 'minute': {
        const m = num(true);
        if (m >= 60) range = 'minute';
        break;
      }
      case 'second': {
        const s = num(true);
        if (!ok) break;
        if (s >= 60) {
          range = 'second';
          break;
        }
        // A fraction the layout does not ask for is accepted after the seconds.
        if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigitAt(value, 1) && layout.chunks[i + 1]?.[1] !== 'micro') {
          let n = 2;
          while (isDigitAt(value, n)) n++;
          value = value.slice(n);
        }
        break;
      }
      case 'micro': {
        const frac = value.length >= 7 && (value[0] === '.' || value[0] === ',') ? atoi(value.slice(1, 7)) : undefined;
        if (frac === undefined) ok = false;
        else {
          if (frac < 0) range = 'fractional second';
          value = value.slice(7);
        }
        break;
      }
      case 'zone': {
        if (value[0] === 'Z') {
          value = value.slice(1);
          break;
        }
        if (value.length < 6 || value[3] !== ':') {
          ok = false;
          break;
        }
        const [sign, hh, mm] = [value[0], value.slice(1, 3), value.slice(4, 6)];
        value = value.slice(6);
        const hr = getnum(hh, true);
        const mn = hr && getnum(mm, true);
        if (!hr || !mn) ok = false;
        if ((hr?.[0] ?? 0) > 24) range = 'time zone offset hour';
        if ((mn?.[0] ?? 0) > 60) range = 'time zone offset minute';
        if (sign !== '+' && sign !== '-') ok = false;
        break;
      }
    }
    if (range) return outOfRange(range);
    if (!ok) return cannot(hold, std);
  }
  if (value.length) return `parsing time ${timeQuote(input)}: extra text: ${timeQuote(value)}`;
  if (day < 1 || day > daysIn(month, year)) return outOfRange('day');
  return undefined;
}
