// Durations as Kubernetes prints them (HumanDuration, for AGE and event ages) and as Go parses
// them (time.ParseDuration, for flags such as --timeout).

export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const d = Math.trunc(hours / 24);
    return h === 0 ? `${d}d` : `${d}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const d = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return d === 0 ? `${y}y` : `${y}y${d}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Age of a timestamp relative to now; a missing timestamp prints `<unknown>`. */
export function age(timestamp: string | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(now - Date.parse(timestamp));
}

/** A Go duration as pflag's DurationVar takes it (`5s`, `1m30s`, `0`), in milliseconds; throws Go's message. */
export function goDuration(text: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, '\u00b5s': 1e-3, '\u03bcs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  const body = text.replace(/^[+-]/, '');
  if (body === '0') return 0;
  let total = 0;
  const re = /(\d+\.?\d*|\.\d+)([^\d.]*)/y;
  let at = 0;
  while (at < body.length) {
    re.lastIndex = at;
    const m = re.exec(body);
    if (!m) break;
    if (!m[2]) throw new Error(`time: missing unit in duration "${text}"`);
    if (!Object.hasOwn(units, m[2])) throw new Error(`time: unknown unit "${m[2]}" in duration "${text}"`);
    total += Number(m[1]) * units[m[2]];
    at = re.lastIndex;
  }
  if (!body || at < body.length) throw new Error(`time: invalid duration "${text}"`);
  return text.startsWith('-') ? -total : total;
}

/** time.Duration's String(): `5s`, `1m0s`, `1h2m3s`, `1.5s`, `0s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${rest}ms`;
  const h = Math.floor(rest / 3600000);
  rest -= h * 3600000;
  const m = Math.floor(rest / 60000);
  rest -= m * 60000;
  const s = `${Number((rest / 1000).toFixed(3))}s`;
  return sign + (h ? `${h}h${m}m${s}` : m ? `${m}m${s}` : s);
}
