// The server's writes, committed in groups: while one transaction holds the state lock, the
// writes that arrive queue up, and the next transaction takes all of them at once (one lock,
// one read, one settle, one atomic write). A client waiting for its answer before the next
// request sees no difference; concurrent clients share the cost of each write of the file.

import type { ApiServer } from '../apiserver/server.js';
import type { StateAccess } from '../cluster/access.js';

type Write = (api: ApiServer) => unknown;

interface Pending {
  fn: Write;
  /** Runs in a transaction of its own: a dry run, or a stream's process (never run twice). */
  alone: boolean;
  dryRun: boolean;
  done: (value: unknown) => void;
  fail: (reason: unknown) => void;
}

/** At most this many writes share a transaction, so that one answer never waits for hundreds. */
const MAX_GROUP = 32;

export type Commit = <T>(fn: (api: ApiServer) => T, opts: { dryRun: boolean; alone?: boolean }) => Promise<T>;

/** One process's write queue onto the state file (the state lock orders it with other processes). */
export function committer(access: () => StateAccess): Commit {
  const queue: Pending[] = [];
  let running = false;

  const drain = async () => {
    running = true;
    while (queue.length) {
      // Let the requests that arrived meanwhile reach the queue: they join this transaction.
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
      // A dry run runs alone: it settles nothing and writes nothing. So does what must not be
      // run again when its group fails (a process of exec or attach).
      const firstAlone = queue.findIndex((p) => p.alone);
      const n = queue[0].alone ? 1 : Math.min(MAX_GROUP, firstAlone === -1 ? queue.length : firstAlone);
      const group = queue.splice(0, n);
      try {
        const a = access();
        if (group[0].dryRun) {
          group[0].done(await a.change(group[0].fn, { dryRun: true }));
          continue;
        }
        const results = await a.changeAll(group.map((p) => p.fn));
        results.forEach((r, i) => (r.status === 'fulfilled' ? group[i].done(r.value) : group[i].fail(r.reason)));
      } catch (e) {
        for (const p of group) p.fail(e);
      }
    }
    running = false;
  };

  return <T>(fn: (api: ApiServer) => T, opts: { dryRun: boolean; alone?: boolean }) =>
    new Promise<T>((done, fail) => {
      queue.push({ fn, dryRun: opts.dryRun, alone: opts.dryRun || !!opts.alone, done: done as (v: unknown) => void, fail });
      if (!running) void drain();
    });
}
