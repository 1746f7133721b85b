// What a container's processes put into its log: the lines an image's main process prints when it
// starts, and a process's output stream cut into lines. The log itself is kept in the state file
// (store/containerlogs.ts).

import { logTime, MAX_LINE_LENGTH, type LogEntry } from '../store/containerlogs.js';
import { formatLogLine } from './servers/accesslog.js';

/** The lines an image's main process logs when it starts, stamped with the start time. */
export function startEntries(lines: readonly string[] | undefined, startedAt: string): LogEntry[] {
  const ms = Date.parse(startedAt);
  return (lines ?? []).map((l) => ({ time: logTime(ms, 0), text: `${formatLogLine(l, ms)}\n` }));
}

/**
 * Splits a process's output stream into log entries, one per line. As containerd does, a line
 * that fills its buffer goes out in pieces marked partial (no newline) as it grows.
 */
export class LineLog {
  private partial = '';

  constructor(private readonly push: (text: string) => void) {}

  readonly write = (text: string): void => {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.push(this.partial + text.slice(start, nl + 1));
      this.partial = '';
      start = nl + 1;
    }
    this.partial += text.slice(start);
    while (this.partial.length >= MAX_LINE_LENGTH) {
      this.push(this.partial.slice(0, MAX_LINE_LENGTH));
      this.partial = this.partial.slice(MAX_LINE_LENGTH);
    }
  };

  close(): void {
    if (this.partial) this.push(this.partial);
    this.partial = '';
  }
}
