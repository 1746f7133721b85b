// The state file's lock: a file beside it (`state.json.lock`) naming the process that holds it.
// A busy or stopped process cannot refresh a timestamp, so a lock is judged by whether its
// holder still runs (liveness.ts), never by its age: a live holder keeps it however long it
// works, and a lock left by a dead one (kill -9, Ctrl-C) is taken over at once, with the files
// that process left. Waiters give up only on a holder that makes no progress.

import { closeSync, linkSync, openSync, readdirSync, rmdirSync, statSync, unlinkSync, watch, writeFileSync, writeSync, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { currentOwner, inspect, parseOwner, pidExists, readSmall, sameProcess, type Owner } from './liveness.js';
import { reason, StateFileError } from './statepath.js';

/** How long a holder that makes no progress (stopped, or blocked) is waited for. */
export const DEFAULT_WAIT_MS = 60_000;
/** An older kctl refreshed its lock directory every 2 s and gave it up as stale after 10 s. */
const OLD_LOCK_STALE_MS = 10_000;
/**
 * How often a waiter looks at a lock that did not change: how soon it notices that the holder
 * died, and how often it looks at the holder's progress. A holder letting go wakes it at once.
 */
const LOOK_MS = 250;
/** Where the lock file cannot be watched, waiters poll it, at most this far apart. */
const MAX_POLL_MS = 25;

export interface AcquireOptions {
  waitMs?: number;
  /** Told once that the holder is stopped, so a person knows what the command waits for. */
  notice?: (text: string) => void;
}

/** A file this process creates beside `path` before it takes that name; ends in `.<pid>.tmp`. */
function ownTemp(path: string): string {
  const name = basename(path);
  return join(dirname(path), `${name.startsWith('.') ? '' : '.'}${name}.${process.pid}.tmp`);
}

const LINKS_REFUSED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/**
 * Creates `path` holding `text`, or returns false when it exists. Through a hard link, so the
 * file never exists without its text; where the file system has no hard links, O_EXCL.
 */
function createExclusive(path: string, text: string): boolean {
  const tmp = ownTemp(path);
  writeFileSync(tmp, text);
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code!;
    if (code === 'EEXIST') return false;
    if (!LINKS_REFUSED.has(code)) throw e;
  } finally {
    try {
      unlinkSync(tmp);
    } catch {}
  }
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock file's text; null when there is none, undefined for a directory (an older kctl's lock). */
function readLock(path: string): string | null | undefined {
  try {
    return readSmall(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EISDIR') return undefined;
    throw e;
  }
}

/**
 * Removes the lock `path` if it still holds `dead`, whose owner no longer runs. Waiters that saw
 * the same dead lock race to do this; only the one that creates the break file named after its
 * nonce may remove it, so a lock taken meanwhile by a live process is never removed. A break
 * file left by a waiter that died on the way is broken the same way.
 */
function breakDead(path: string, dead: string, owner: Owner, me: Owner, text: string, depth = 0): void {
  const name = basename(path);
  const marker = join(dirname(path), `${name.startsWith('.') ? '' : '.'}${name}.${owner.nonce}.break`);
  if (createExclusive(marker, text)) {
    try {
      if (readLock(path) === dead) unlinkSync(path);
    } finally {
      unlinkSync(marker);
    }
    return;
  }
  const other = readLock(marker);
  const breaker = other ? parseOwner(other) : null;
  if (other && breaker && depth < 8 && !inspect(breaker, me).alive) breakDead(marker, other, breaker, me, text, depth + 1);
}

/**
 * Removes what dead processes left beside the state file `base` in `dir`: temp files of the
 * state and of locks (named by pid), and break files (naming their owner). Run by the lock
 * holder after a take-over, so no live holder's temp file can be among them.
 */
function removeLeftovers(dir: string, base: string): void {
  const quoted = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const temp = new RegExp(`^\\.${quoted}\\.(?:.*\\.)?(\\d+)\\.tmp$`);
  const marker = new RegExp(`^\\.${quoted}\\.lock(?:\\.[0-9a-z]+\\.break)+$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const me = currentOwner();
  for (const name of names) {
    const pid = temp.exec(name)?.[1];
    let dead = pid !== undefined && Number(pid) !== process.pid && !pidExists(Number(pid));
    if (!dead && marker.test(name)) {
      const owner = parseOwner(readLock(join(dir, name)) ?? '');
      dead = owner !== null && !inspect(owner, me).alive;
    }
    if (!dead) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {}
  }
}

export class Lock {
  private held = true;

  private constructor(
    readonly path: string,
    private readonly text: string,
  ) {}

  /** Waits for the lock at `path` (of the state file `shown`) while its holder runs and makes progress. */
  static async acquire(path: string, shown: string, opts: AcquireOptions = {}): Promise<Lock> {
    const watch = new LockWatch(path);
    try {
      return await Lock.waitFor(path, shown, opts, watch);
    } finally {
      watch.close();
    }
  }

  private static async waitFor(path: string, shown: string, opts: AcquireOptions, watch: LockWatch): Promise<Lock> {
    const me = currentOwner();
    const text = `${JSON.stringify(me)}\n`;
    const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS;
    let holder: string | null | undefined = null;
    let since = Date.now();
    let cpu: number | undefined;
    let told = false;
    let tookOver = false;
    for (;;) {
      const seen = readLock(path);
      if (seen === null) {
        if (!createExclusive(path, text)) continue;
        if (tookOver) removeLeftovers(dirname(path), basename(path).replace(/\.lock$/, ''));
        return new Lock(path, text);
      }
      if (seen !== holder) {
        holder = seen;
        since = Date.now();
        cpu = undefined;
        told = false;
      }
      const owner = seen === undefined ? null : parseOwner(seen);
      if (owner) {
        if (sameProcess(owner, me)) throw new Error(`this process already holds the lock on ${shown}`);
        const look = inspect(owner, me);
        if (!look.alive) {
          breakDead(path, seen!, owner, me, text);
          tookOver = true;
          continue;
        }
        if (look.cpu !== undefined && cpu !== undefined && look.cpu !== cpu) since = Date.now();
        cpu = look.cpu;
        if (look.stopped && !told) {
          told = true;
          opts.notice?.(`waiting for process ${owner.pid}, which holds the lock on ${shown} and is stopped\n`);
        }
        if (Date.now() - since > waitMs) {
          const where = owner.host !== me.host ? ` of host ${owner.host}` : owner.ns && me.ns && owner.ns !== me.ns ? ' of another container' : '';
          const what = look.stopped ? 'been stopped' : look.cpu === undefined ? 'kept it' : 'made no progress';
          const how = `process ${owner.pid}${where} holds it and has ${what} for ${seconds(waitMs)}`;
          throw new StateFileError(`timed out waiting for the lock on ${shown}: ${how} (KCTL_LOCK_TIMEOUT sets how long to wait)`);
        }
      } else if (seen === undefined && oldLockIsStale(path)) {
        continue;
      } else if (Date.now() - since > waitMs) {
        throw new StateFileError(
          seen === undefined
            ? `timed out waiting for the lock on ${shown}: an older kctl holds it (${path})`
            : `timed out waiting for the lock on ${shown}: ${path} names no process; remove it if no kctl is running`,
        );
      }
      await watch.change(seen);
    }
  }

  /** Throws unless the lock is still this one: someone removed or replaced it by hand. */
  verify(shown: string): void {
    let now: string | null | undefined;
    try {
      now = readLock(this.path);
    } catch {
      now = null;
    }
    if (now !== this.text) throw new StateFileError(`lost the lock on ${shown}: ${this.path} was removed or replaced while this command ran; nothing was written`);
  }

  /** Removes the lock if it is still this one; safe to call more than once. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    try {
      if (readLock(this.path) === this.text) unlinkSync(this.path);
    } catch {}
  }
}

/**
 * Wakes a waiter when the lock file changes (its holder lets go of it), or after LOOK_MS.
 * Watched rather than polled: dozens of waiters polling a busy machine slow down the holder they
 * wait for. One watch lasts as long as the lock it watches.
 */
class LockWatch {
  private watcher: FSWatcher | undefined;
  private seen: string | null | undefined = null;
  private changed = true;
  private wake: (() => void) | undefined;
  private polls = 0;

  constructor(private readonly path: string) {}

  /** Resolves once the lock no longer holds `seen`, or when it is time to look again anyway. */
  async change(seen: string | undefined): Promise<void> {
    if (this.changed || seen !== this.seen) this.open(seen);
    if (this.changed) return;
    const ms = this.watcher ? LOOK_MS * (0.75 + Math.random() / 2) : Math.min(2 * 1.5 ** this.polls++, MAX_POLL_MS);
    await new Promise<void>((done) => {
      const timer = setTimeout(done, ms);
      this.wake = () => {
        clearTimeout(timer);
        done();
      };
    });
    this.wake = undefined;
  }

  private open(seen: string | undefined): void {
    this.close();
    this.seen = seen;
    this.changed = false;
    const fire = () => {
      this.changed = true;
      this.wake?.();
    };
    try {
      this.watcher = watch(this.path, { persistent: false }, fire);
      this.watcher.on('error', fire);
    } catch (e) {
      // Gone already; or no watching here (inotify's limits), and the lock is polled.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') this.changed = true;
      return;
    }
    // It may have changed before the watch began.
    let now: string | null | undefined;
    try {
      now = readLock(this.path);
    } catch {
      now = null;
    }
    if (now !== seen) this.changed = true;
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

/** Removes an older kctl's lock directory once it is stale by that kctl's own rule. */
function oldLockIsStale(path: string): boolean {
  try {
    if (Date.now() - statSync(path).mtimeMs <= OLD_LOCK_STALE_MS) return false;
    rmdirSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return true;
}

/**
 * Runs body holding the lock of the state file `lockedFile` (shown as `shown`). No signal
 * handler is installed: Ctrl-C, SIGTERM or a closed terminal end the process at once, wherever
 * it is, by the signal's default action. The state file is then the old one or the new one (it
 * is replaced by a rename of a complete file), and the lock and temp file left behind name a
 * dead process, so the next command takes them over. An exit from inside the transaction (a
 * closed output pipe) still lets go of the lock.
 */
export async function holding<T>(lockedFile: string, shown: string, opts: AcquireOptions, body: (lock: Lock) => Promise<T>): Promise<T> {
  let lock: Lock;
  try {
    lock = await Lock.acquire(`${lockedFile}.lock`, shown, opts);
  } catch (e) {
    if (e instanceof StateFileError) throw e;
    throw new StateFileError(`cannot lock the state file ${shown}: ${reason(e)}`);
  }
  const release = () => lock.release();
  process.on('exit', release);
  try {
    return await body(lock);
  } finally {
    process.off('exit', release);
    lock.release();
  }
}
