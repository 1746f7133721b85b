// Waiting for other kctl processes: commands that follow the cluster (rollout status, logs -f)
// look at the state file a few times a second and read it again once it was replaced. Nothing
// is locked while they wait, so the commands they wait for can run.

import { statSync } from 'node:fs';

const POLL_MS = 200;

/** Changes whenever the file is replaced (every write is a rename of a new file). */
export function stateStamp(path: string): string {
  try {
    const st = statSync(path);
    return `${st.mtimeMs}/${st.size}/${st.ino}`;
  } catch {
    return '';
  }
}

/** Resolves with the file's new stamp once it differs from `stamp`, or null at the deadline (ms since the epoch). */
export async function nextChange(path: string, stamp: string, deadline = Infinity): Promise<string | null> {
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return null;
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, left)));
    const now = stateStamp(path);
    if (now !== stamp) return now;
  }
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
