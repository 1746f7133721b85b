// Container logs as the kubelet keeps them in the state file: one entry per line, prefixed with
// the time it was written (RFC 3339 with nanoseconds, as `logs --timestamps` shows). An entry
// without a final newline is a partial line. As containerd does, a line longer than
// MAX_LINE_LENGTH is stored in pieces, all but the last partial; `logs` joins them again. The
// oldest entries go when a log grows past MAX_LOG_ENTRIES or MAX_LOG_BYTES, like log rotation.

import type { ContainerRuntimeState } from './schema.js';

export const MAX_LOG_ENTRIES = 2000;
/** containerd's max_container_log_line_size (16 KiB), counted in characters. */
export const MAX_LINE_LENGTH = 16 * 1024;
/** What a container's log keeps, in characters of its entries; the kubelet rotates at 10 MiB. */
export const MAX_LOG_BYTES = 1024 * 1024;

/** The size of each log array appendLog has seen, so that trimming costs no pass over it. */
const sizes = new WeakMap<string[], number>();

export interface LogEntry {
  /** RFC 3339 with nanoseconds. */
  time: string;
  text: string;
}

// A process writing many lines stamps them within a few milliseconds of simulated time.
const isoByMs = new Map<number, string>();

export function logTime(ms: number, nanos: number): string {
  let iso = isoByMs.get(ms);
  if (iso === undefined) {
    if (isoByMs.size >= 64) isoByMs.clear();
    iso = new Date(ms).toISOString().slice(0, -1);
    isoByMs.set(ms, iso);
  }
  return `${iso}${String(nanos).padStart(6, '0')}Z`;
}

/**
 * Appends what a process wrote (a line, or a partial one); a time not after the last entry's
 * becomes 1 µs after it, so a log never goes back.
 */
export function appendLog(state: ContainerRuntimeState, time: string, text: string): void {
  const log = state.log;
  let size = sizes.get(log) ?? log.reduce((n, e) => n + e.length, 0);
  for (let i = 0; i < text.length; i += MAX_LINE_LENGTH) {
    const last = log.length ? parseEntry(log[log.length - 1]).time : '';
    // Same-width RFC 3339 times compare as strings.
    const entry = `${time > last ? time : justAfter(last)} ${text.slice(i, i + MAX_LINE_LENGTH)}`;
    log.push(entry);
    size += entry.length;
  }
  // shift() trims in place; splice(0, n) copies the array, a cost per line of a flooding process.
  while (log.length > MAX_LOG_ENTRIES || (size > MAX_LOG_BYTES && log.length > 1)) size -= log.shift()!.length;
  sizes.set(log, size);
}

function justAfter(time: string): string {
  const m = /^(.*\.\d{3})(\d{6})Z$/.exec(time);
  if (!m) return time;
  const nanos = Number(m[2]) + 1000;
  const ms = Date.parse(`${m[1]}Z`);
  return nanos >= 1e6 ? logTime(ms + 1, nanos - 1e6) : logTime(ms, nanos);
}

export function parseEntry(entry: string): LogEntry {
  const i = entry.indexOf(' ');
  return { time: entry.slice(0, i), text: entry.slice(i + 1) };
}
