// Who holds the state lock, and whether that process still runs. A process is named by its pid,
// its start time (so a reused pid is not mistaken for it), the boot it runs in, its host and its
// pid namespace: a process of another host or container cannot be looked at, and is taken to run.

import { closeSync, openSync, readFileSync, readlinkSync, readSync, statSync } from 'node:fs';
import { hostname } from 'node:os';

export interface Owner {
  pid: number;
  /** Start time in clock ticks since boot (field 22 of /proc/PID/stat); '' without /proc. */
  start: string;
  boot: string;
  host: string;
  /** The pid namespace (`pid:[4026531836]`); '' without /proc. */
  ns: string;
  /** Tells this lock apart from every other, and names the files that break it. */
  nonce: string;
}

interface ProcStat {
  state: string;
  /** User and system time in clock ticks: it grows while the process works. */
  cpu: number;
  start: string;
}

const buffer = Buffer.alloc(4096);

/**
 * A small file's text, read into one buffer: a waiter reads the lock and its holder's
 * /proc/PID/stat several times a second, and readFileSync costs four times as much on /proc.
 */
export function readSmall(path: string, encoding: BufferEncoding = 'utf8'): string {
  const fd = openSync(path, 'r');
  try {
    let text = '';
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) text += buffer.toString(encoding, 0, n);
    return text;
  } finally {
    closeSync(fd);
  }
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

/** The process's /proc/PID/stat; null when there is no such process, undefined without /proc. */
function procStat(pid: number | 'self'): ProcStat | null | undefined {
  let text: string;
  try {
    text = readSmall(`/proc/${pid}/stat`, 'latin1');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    return hasProc() ? null : undefined;
  }
  // The command name in parentheses may hold spaces and parentheses; field 3 follows the last ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: f[0], cpu: Number(f[11]) + Number(f[12]), start: f[19] };
}

function readOr(read: () => string): string {
  try {
    return read();
  } catch {
    return '';
  }
}

let me: Owner | undefined;

/** This process, with a new nonce for each lock it takes. */
export function currentOwner(): Owner {
  me ??= {
    pid: process.pid,
    start: procStat('self')?.start ?? '',
    boot: readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim()),
    host: hostname(),
    ns: readOr(() => readlinkSync('/proc/self/ns/pid')),
    nonce: '',
  };
  return { ...me, nonce: `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}` };
}

export function sameProcess(a: Owner, b: Owner): boolean {
  return a.pid === b.pid && a.start === b.start && a.boot === b.boot && a.host === b.host && a.ns === b.ns;
}

/** The owner a lock file names, or null when it names none (a hand-made or half-written file). */
export function parseOwner(text: string): Owner | null {
  let o: Owner;
  try {
    o = JSON.parse(text) as Owner;
  } catch {
    return null;
  }
  const strings = ['start', 'boot', 'host', 'ns'] as const;
  if (!o || !Number.isSafeInteger(o.pid) || o.pid <= 0 || strings.some((k) => typeof o[k] !== 'string')) return null;
  // The nonce becomes part of file names.
  return typeof o.nonce === 'string' && /^[0-9a-z]{1,32}$/.test(o.nonce) ? o : null;
}

export type Seen =
  | { alive: false }
  /** cpu: the holder's CPU time, undefined when it cannot be seen (another host or container). */
  | { alive: true; stopped: boolean; cpu?: number };

/** Whether the process `o` still runs, as far as this process can tell. */
export function inspect(o: Owner, self: Owner): Seen {
  if (o.host !== self.host || (o.ns && self.ns && o.ns !== self.ns)) return { alive: true, stopped: false };
  // The same host rebooted since: nothing of that boot runs.
  if (o.boot && self.boot && o.boot !== self.boot) return { alive: false };
  const st = procStat(o.pid);
  if (st === undefined) return { alive: pidExists(o.pid), stopped: false };
  if (st === null || st.state === 'Z' || st.state === 'X' || (o.start && st.start !== o.start)) return { alive: false };
  return { alive: true, stopped: st.state === 'T' || st.state === 't', cpu: st.cpu };
}

/** False only when no process has this pid (here); a pid that is in use may be another process. */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
