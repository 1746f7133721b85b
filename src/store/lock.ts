// The state file's lock: a file beside it (`state.json.lock`) naming the process that holds it
// by pid, start time, boot id and host. A busy or stopped process cannot refresh a timestamp, so
// a lock is judged by whether its holder is alive, never by its age: a live holder keeps it
// however long it works, and a lock left by a dead one is taken over at once.

import { closeSync, linkSync, openSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { StateFileError } from './statepath.js';

interface Owner {
  pid: number;
  /** Start time in clock ticks since boot (/proc/PID/stat), so a reused pid is not mistaken for the holder. */
  start: string;
  boot: string;
  host: string;
  nonce: string;
}

interface ProcStat {
  state: string;
  /** User and system time in clock ticks: it grows while the process works. */
  cpu: number;
  start: string;
}

/** The process's /proc/PID/stat, null when there is no such process, undefined without /proc. */
function procStat(pid: number | 'self'): ProcStat | null | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    return hasProc() ? null : undefined;
  }
  // The command name in parentheses may hold spaces; the fields after it start at field 3.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: f[0], cpu: Number(f[11]) + Number(f[12]), start: f[19] };
}

let procMounted: boolean | undefined;
function hasProc(): boolean {
  if (procMounted === undefined) {
    try {
      procMounted = statSync('/proc/self/stat').isFile();
    } catch {
      procMounted = false;
    }
  }
  return procMounted;
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim();
  } catch {
    return '';
  }
}

type Seen = { alive: false } | { alive: true; stopped: boolean; cpu?: number };

/** Whether the process a lock names still runs; one on another host is taken to. */
function inspect(o: Owner, me: Owner): Seen {
  if (o.host !== me.host) return { alive: true, stopped: false };
  if (o.boot && me.boot && o.boot !== me.boot) return { alive: false };
  const st = procStat(o.pid);
  if (st === undefined) {
    try {
      process.kill(o.pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return { alive: false };
    }
    return { alive: true, stopped: false };
  }
  if (st === null || st.state === 'Z' || st.state === 'X' || (o.start !== '' && st.start !== o.start)) return { alive: false };
  return { alive: true, stopped: st.state === 'T' || st.state === 't', cpu: st.cpu };
}

function parseOwner(text: string): Owner | null {
  try {
    const o = JSON.parse(text) as Owner;
    return Number.isInteger(o.pid) && o.pid > 0 && typeof o.start === 'string' && typeof o.host === 'string' ? o : null;
  } catch {
    return null;
  }
}

const LINKS_REFUSED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/**
 * Creates `path` holding `text`, or returns false when it exists. Through a hard link, so the
 * lock never exists without its owner; where the file system has no hard links, O_EXCL.
 */
function createExclusive(path: string, text: string): boolean {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}`);
  writeFileSync(tmp, text);
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code!;
    if (code === 'EEXIST') return false;
    if (!LINKS_REFUSED.has(code)) throw e;
  } finally {
    unlinkSync(tmp);
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
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EISDIR') return undefined;
    throw e;
  }
}

/** How long a holder that makes no progress (stopped, or blocked) is waited for. */
export const DEFAULT_WAIT_MS = 60_000;
/** An older kctl refreshed its lock directory every 2 s and gave it up as stale after 10 s. */
const OLD_LOCK_STALE_MS = 10_000;

export interface AcquireOptions {
  waitMs?: number;
  /** Told once that the holder is stopped, so a person knows what the command waits for. */
  notice?: (text: string) => void;
  /** Files the dead holder may have left, removed when its lock is taken over. */
  leftovers?: (pid: number) => string[];
}

export class Lock {
  private held = true;

  private constructor(
    readonly path: string,
    private readonly text: string,
  ) {}

  /** Waits for the lock at `path` while its holder lives and makes progress; see AcquireOptions. */
  static async acquire(path: string, file: string, opts: AcquireOptions = {}): Promise<Lock> {
    const me: Owner = { pid: process.pid, start: procStat('self')?.start ?? '', boot: bootId(), host: hostname(), nonce: Math.random().toString(36).slice(2) };
    const text = `${JSON.stringify(me)}\n`;
    const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS;
    let holder: string | null | undefined = null;
    let since = Date.now();
    let cpu: number | undefined;
    let told = false;
    let pause = 2;
    for (;;) {
      const seenText = readLock(path);
      if (seenText === null) {
        if (createExclusive(path, text)) return new Lock(path, text);
        continue;
      }
      if (seenText !== holder) {
        holder = seenText;
        since = Date.now();
        cpu = undefined;
        told = false;
      }
      const owner = seenText === undefined ? null : parseOwner(seenText);
      if (owner) {
        if (owner.pid === me.pid && owner.start === me.start && owner.host === me.host) throw new Error(`this process already holds the lock on ${file}`);
        const seen = inspect(owner, me);
        if (!seen.alive) {
          takeOver(path, seenText!, opts.leftovers?.(owner.pid) ?? []);
          continue;
        }
        if (seen.cpu !== undefined && cpu !== undefined && seen.cpu !== cpu) since = Date.now();
        cpu = seen.cpu;
        if (seen.stopped && !told) {
          told = true;
          opts.notice?.(`waiting for process ${owner.pid}, which holds the lock on ${file} and is stopped\n`);
        }
        if (Date.now() - since > waitMs) {
          const who = `process ${owner.pid}${owner.host === me.host ? '' : ` on ${owner.host}`}`;
          throw new StateFileError(`timed out waiting for the lock on ${file}: ${who} holds it and ${seen.stopped ? 'is stopped' : 'made no progress'} for ${Math.round(waitMs / 1000)}s`);
        }
      } else if (seenText === undefined && oldLockIsStale(path)) {
        continue;
      } else if (Date.now() - since > waitMs) {
        throw new StateFileError(
          seenText === undefined
            ? `timed out waiting for the lock on ${file}: an older kctl holds it (${path})`
            : `timed out waiting for the lock on ${file}: ${path} names no process; remove it if no kctl is running`,
        );
      }
      await new Promise((done) => setTimeout(done, pause * (0.5 + Math.random())));
      pause = Math.min(pause * 1.5, 25);
    }
  }

  /** Throws unless the lock is still this one: someone removed or replaced it by hand. */
  verify(file: string): void {
    let now: string | null | undefined;
    try {
      now = readLock(this.path);
    } catch {
      now = null;
    }
    if (now !== this.text) throw new StateFileError(`lost the lock on ${file} (${this.path} was removed or replaced while this command ran); nothing was written`);
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
 * Removes a dead holder's lock. It is moved aside first and checked: another waiter may have
 * taken it over in between, and a live lock moved aside is put back.
 */
function takeOver(path: string, dead: string, leftovers: string[]): void {
  const aside = join(dirname(path), `.${basename(path)}.${process.pid}.dead`);
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved === dead) {
    for (const f of leftovers) {
      try {
        unlinkSync(f);
      } catch {}
    }
  } else {
    try {
      createExclusive(path, moved);
    } catch {}
  }
  unlinkSync(aside);
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
