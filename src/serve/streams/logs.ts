// pods/log: the log as the kubelet keeps it, with the request's filters; with follow=true the
// answer stays open and passes on each line the container writes later, whichever process makes
// it (kctl commands replace the state file on every write: its stamp is watched, nothing locked).

import type { ServerResponse } from 'node:http';
import { StatusError } from '../../api/errors.js';
import type { PodObject } from '../../api/types.js';
import { ApiReader } from '../../apiserver/reader.js';
import type { Cluster } from '../../cluster/cluster.js';
import type { LogEntry } from '../../store/containerlogs.js';
import { stateStamp } from '../../store/statepoll.js';
import type { Reply } from '../http.js';
import type { Target } from '../resources.js';

const POLL_MS = 200;

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

function positionAfter(entries: LogEntry[], start: Position = { time: '', atTime: 0 }): Position {
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
  const { kubeletConnection } = await import('../../kubelet/logs.js');
  let gone = false;
  void f.closed.then(() => (gone = true));
  let stamp = stateStamp(ctx.statePath);
  let pos: Position | undefined = f.fromNow ? undefined : positionAfter(f.after ?? []);
  for (let first = true; !gone; first = false) {
    if (!first) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const now = stateStamp(ctx.statePath);
      if (now === stamp || gone) continue;
      stamp = now;
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
    if (!pod.status?.containerStatuses?.find((s) => s.name === f.container)?.state?.running) return;
  }
}

/** GET pods/log: the log now, or with follow=true a stream that goes on. */
export async function podLogReply(ctx: LogContext, target: Target, query: URLSearchParams, cluster: Cluster): Promise<Reply> {
  const { namespace, name } = target;
  const { kubeletConnection } = await import('../../kubelet/logs.js');
  const api = new ApiReader(cluster, kubeletConnection(cluster, ctx.env));
  const pod = api.get(target.info, namespace, name!) as PodObject;
  let container = query.get('container') ?? undefined;
  if (!container) {
    const containers = pod.spec?.containers ?? [];
    if (containers.length !== 1) {
      throw new StatusError('BadRequest', `a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`);
    }
    container = containers[0].name;
  }
  const number = (key: string) => (query.get(key) === null ? undefined : Number(query.get(key)));
  const since = number('sinceSeconds');
  const previous = query.get('previous') === 'true';
  const entries = api.log(namespace!, name!, {
    container,
    previous,
    sinceMs: since === undefined ? undefined : since * 1000,
    tailLines: number('tailLines'),
  });
  const timestamps = query.get('timestamps') === 'true';
  const text = entries.map((e) => `${timestamps ? `${e.time} ` : ''}${e.text}`).join('');
  if (query.get('follow') !== 'true' || previous) return { text };
  // What follows comes after the whole log, not only after the tail shown.
  const all = api.log(namespace!, name!, { container });
  return {
    text,
    stream: async (res: ServerResponse) => {
      if (text) res.write(text);
      const closed = new Promise<void>((done) => res.once('close', done));
      await followLog(ctx, { namespace: namespace!, pod: name!, uid: pod.metadata.uid!, container: container!, after: all, timestamps, write: (t) => res.write(t), closed });
    },
  };
}
