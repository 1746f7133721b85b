// What a container's processes put into its log: the lines an image's main process prints when it
// starts, and a process's output stream cut into lines. The log itself is kept in the state file
// (store/containerlogs.ts).

import { logTime, type LogEntry } from '../store/containerlogs.js';
import { formatLogLine } from './servers/accesslog.js';

/** The lines an image's main process logs when it starts, stamped with the start time. */
export function startEntries(lines: readonly string[] | undefined, startedAt: string): LogEntry[] {
  const ms = Date.parse(startedAt);
  return (lines ?? []).map((l) => ({ time: logTime(ms, 0), text: `${formatLogLine(l, ms)}\n` }));
}

/** Splits a process's output stream into log entries, one per line. */
export class LineLog {
  private partial = '';

  constructor(private readonly push: (text: string) => void) {}

  readonly write = (text: string): void => {
    const all = this.partial + text;
    const lines = all.split('\n');
    this.partial = lines.pop()!;
    for (const l of lines) this.push(`${l}\n`);
  };

  close(): void {
    if (this.partial) this.push(this.partial);
    this.partial = '';
  }
}
