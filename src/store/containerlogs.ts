// Container logs as the kubelet keeps them in the state file: one entry per line, prefixed with
// the time it was written (RFC 3339 with nanoseconds, as `logs --timestamps` shows). An entry
// without a final newline is a partial line. The oldest entries go when a log grows past
// MAX_LOG_ENTRIES, like log rotation.

import type { ContainerRuntimeState } from './schema.js';

export const MAX_LOG_ENTRIES = 2000;

export interface LogEntry {
  /** RFC 3339 with nanoseconds. */
  time: string;
  text: string;
}

export function logTime(ms: number, nanos: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, frac: string) => `.${frac}${String(nanos).padStart(6, '0')}Z`);
}

/** Appends an entry; a time not after the last entry's becomes 1 µs after it, so a log never goes back. */
export function appendLog(state: ContainerRuntimeState, time: string, text: string): void {
  const last = state.log.length ? parseEntry(state.log[state.log.length - 1]).time : '';
  // Same-width RFC 3339 times compare as strings.
  state.log.push(`${time > last ? time : justAfter(last)} ${text}`);
  if (state.log.length > MAX_LOG_ENTRIES) state.log.splice(0, state.log.length - MAX_LOG_ENTRIES);
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
