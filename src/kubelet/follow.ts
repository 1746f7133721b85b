// Following a container's log as the kubelet streams it: the entries written after a position,
// until the container stops running, its pod goes, or the reader does. kctl serve's pods/log
// (follow=true) and pods/attach use it, and kctl's own attach. The state file's replacements are
// watched (kctl commands replace it on every write); nothing is locked while waiting.

import type { Cluster } from '../cluster/cluster.js';
import type { LogEntry } from '../store/containerlogs.js';
import { ChangeFeed } from '../store/changefeed.js';
import { StateReadCache } from '../cluster/access.js';

export interface LogContext {
  statePath: string;
  env: NodeJS.ProcessEnv;
  read(): Promise<Cluster>;
}

/** Where a reader of the log is: the time of the last entry passed on, and how many entries had that time. */
interface Position {
  time: string;
  atTime: number;
}

export function positionAfter(entries: LogEntry[], start: Position = { time: '', atTime: 0 }): Position {
  let { time, atTime } = start;
  for (const e of entries) {
    if (e.time === time) atTime++;
    else [time, atTime] = [e.time, 1];
  }
  return { time, atTime };
}

/** The entries after the position (a log only grows at its end; its oldest entries may be dropped). */
function entriesAfter(entries: LogEntry[], p: Position): LogEntry[] {
  let same = 0;
  return entries.filter((e) => {
    if (e.time > p.time) return true;
    if (e.time === p.time) return ++same > p.atTime;
    return false;
  });
}

export interface Follow {
  namespace: string;
  pod: string;
  uid: string;
  container: string;
  /** Only what is written from now on (attach); else after `after`. */
  fromNow?: boolean;
  after?: LogEntry[];
  timestamps?: boolean;
  write(text: string): void;
  /** Resolves when the client has gone. */
  closed: Promise<void>;
}

/** Passes on new log entries until the container stops running, its pod goes, or the client does. */
export async function followLog(ctx: LogContext, f: Follow): Promise<void> {
  const { kubeletConnection } = await import('./logs.js');
  let gone = false;
  void f.closed.then(() => (gone = true));
  const cache = new StateReadCache();
  const feed = new ChangeFeed(ctx.statePath, () => cache.read(ctx.statePath));
  feed.refresh();
  // Woken by each write (a log line is one: the world's commit moves the version), or by the client going.
  let dirty = false;
  let wake = () => undefined as void;
  const unsubscribe = feed.subscribe(() => ((dirty = true), wake()));
  void f.closed.then(() => wake());
  let pos: Position | undefined = f.fromNow ? undefined : positionAfter(f.after ?? []);
  // The feed does not keep the process alive; a follower does (kctl attach has nothing else).
  const keepAlive = setInterval(() => undefined, 2 ** 30);
  try {
    for (let first = true; !gone; first = false) {
      if (!first) {
        if (!dirty) await new Promise<void>((r) => (wake = r));
        if (gone) return;
        dirty = false;
      }
      const cluster = await ctx.read();
      const pod = cluster.store.get('pods', f.namespace, f.pod);
      if (!pod || pod.metadata.uid !== f.uid) return;
      const entries = kubeletConnection(cluster, ctx.env).containerLog(pod, f.container);
      if (!pos) pos = positionAfter(entries);
      const fresh = entriesAfter(entries, pos);
      if (fresh.length) {
        f.write(fresh.map((e) => `${f.timestamps ? `${e.time} ` : ''}${e.text}`).join(''));
        pos = positionAfter(fresh, pos);
      }
      const status = pod.status?.containerStatuses?.find((s) => s.name === f.container) ?? pod.status?.ephemeralContainerStatuses?.find((s) => s.name === f.container);
      if (!status?.state?.running) return;
    }
  } finally {
    clearInterval(keepAlive);
    unsubscribe();
  }
}

