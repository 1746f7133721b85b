// Where the state file lives, and how it is read and written safely:
// reads take no lock (writes replace the file atomically, so a reader sees the old or the new
// state, never a mix); writes take an exclusive cross-process lock around read-modify-write.
// The file is lowdb's document, through an adapter that reads sections lazily and writes back
// the ones a command did not change as the bytes it read.

import { closeSync, constants, fchmodSync, fstatSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { SyncAdapter } from 'lowdb';
import { decode, parseLazily, serializeChunks } from './layout.js';
import { migrate, StateFormatError, type StateData } from './schema.js';
import { notRegular, reason, StateFileError, writableTarget } from './statepath.js';

export { StateFileError };

/**
 * The state file: --state, else $KCTL_STATE, else the one the kubeconfig's current context names
 * (its cluster's kctl extension), else $XDG_STATE_HOME/kctl/state.json.
 */
export function statePath(flag: string | undefined, env: NodeJS.ProcessEnv, fromContext?: string): string {
  if (flag) return resolve(flag);
  if (env.KCTL_STATE) return resolve(env.KCTL_STATE);
  if (fromContext) return resolve(fromContext);
  return defaultStatePath(env);
}

export function defaultStatePath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'kctl', 'state.json');
}

function corrupt(file: string, e: Error): StateFileError {
  return new StateFileError(`the state file ${file} is corrupt (${e.message}); run "kctl cluster reset --state ${file}" to start over (or move the file away)`);
}

/** Parses the whole text, or (given the bytes of serialize()'s layout) each section when first read. */
function parse(text: string | Buffer, file: string): StateData {
  let raw: unknown;
  try {
    raw = typeof text === 'string' ? JSON.parse(text) : (parseLazily(text, (e) => corrupt(file, e)) ?? JSON.parse(decode(text)));
  } catch (e) {
    throw e instanceof StateFileError ? e : corrupt(file, e as Error);
  }
  try {
    return migrate(raw, file);
  } catch (e) {
    if (e instanceof StateFormatError) throw new StateFileError(e.message);
    throw e;
  }
}

/** Sections a command may leave as they were read: `objects/pods` when it wrote no pod. */
export type Unchanged = (section: string) => boolean;

class StateFileAdapter implements SyncAdapter<StateData> {
  unchanged: Unchanged = () => false;

  constructor(
    private readonly file: string,
    private readonly target: string,
    /** Throws when the lock was lost: called once the new state is complete, before it replaces the old. */
    private readonly verify: () => void,
  ) {}

  read(): StateData | null {
    return readState(this.target, this.file);
  }

  write(data: StateData): void {
    writeAtomically(this.target, serializeChunks(data, this.unchanged), { beforeRename: this.verify });
  }
}

const WRITE_SIZE = 1 << 16;

/**
 * The temp file a process writes the new state to: its own (`.state.json.<pid>.tmp`), so two
 * writers never share one, and what a killed one left is known by its pid (see lock.ts).
 */
function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
}

/**
 * Writes a temp file beside the target and renames it over it: a reader or a killed writer sees
 * the old file or the new one. The file gets `opts.mode`, else the old file's permissions.
 */
export function writeAtomically(target: string, chunks: (string | Buffer)[], opts: { beforeRename?: () => void; mode?: number } = {}): void {
  const tmp = tempName(target);
  let mode = opts.mode;
  if (mode === undefined) {
    try {
      mode = statSync(target).mode & 0o7777;
    } catch {}
  }
  const fd = openSync(tmp, 'w', 0o644);
  try {
    if (mode !== undefined) fchmodSync(fd, mode);
    // Small chunks (a line each) are gathered into writes of at least WRITE_SIZE bytes; a large
    // one (all the pods, hundreds of megabytes at scale) is written as it is, never copied.
    let pending: Buffer[] = [];
    let size = 0;
    const write = (buf: Buffer) => {
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
    };
    const flush = () => {
      write(pending.length === 1 ? pending[0] : Buffer.concat(pending, size));
      pending = [];
      size = 0;
    };
    for (const c of chunks) {
      const buf = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
      if (buf.length >= WRITE_SIZE) {
        if (size) flush();
        write(buf);
        continue;
      }
      pending.push(buf);
      size += buf.length;
      if (size >= WRITE_SIZE) flush();
    }
    if (size) flush();
    closeSync(fd);
    opts.beforeRename?.();
    renameSync(tmp, target);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {}
    try {
      unlinkSync(tmp);
    } catch {}
    throw e;
  }
}

function readError(file: string, e: unknown): StateFileError {
  if (e instanceof StateFileError) return e;
  return new StateFileError(`cannot read the state file ${file}: ${reason(e)}`);
}

/**
 * Reads the state, or returns null when there is no state file yet. Anything but a regular file
 * (a FIFO, a device) is refused without reading it; opened without blocking in case one was
 * put in its place meanwhile.
 */
export function readState(file: string, shown = file): StateData | null {
  let fd: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw notRegular(shown, st);
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw readError(shown, e);
  }
  let bytes: Buffer;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(shown, st);
    bytes = readFileSync(fd);
  } catch (e) {
    throw readError(shown, e);
  } finally {
    closeSync(fd);
  }
  return parse(bytes, shown);
}

export interface LockOptions {
  /** false: the state is replaced without being read (cluster reset works on a corrupt file). */
  read?: boolean;
  /** How long a holder that makes no progress is waited for (KCTL_LOCK_TIMEOUT). */
  waitMs?: number;
  /** Where to say that the command waits for a stopped holder. */
  notice?: (text: string) => void;
}

/**
 * Runs fn on the current state under the lock. fn returns the new state to write, or null
 * to leave the file untouched (a command that fails or changes nothing).
 */
export async function withStateLock<T>(
  file: string,
  fn: (current: StateData | null) => Promise<{ write: StateData | null; unchanged?: Unchanged; result: T }>,
  opts: LockOptions = {},
): Promise<T> {
  const target = writableTarget(file);
  const { holding } = await import('./lock.js');
  return holding(target, file, { waitMs: opts.waitMs, notice: opts.notice }, async (lock) => {
    const { LowSync } = await import('lowdb');
    const adapter = new StateFileAdapter(file, target, () => lock.verify(file));
    const db = new LowSync<StateData | null>(adapter as SyncAdapter<StateData | null>, null);
    if (opts.read !== false) db.read();
    const { write, unchanged, result } = await fn(db.data);
    if (write) {
      adapter.unchanged = unchanged ?? (() => false);
      db.data = write;
      try {
        db.write();
      } catch (e) {
        throw e instanceof StateFileError ? e : new StateFileError(`cannot write the state file ${file}: ${reason(e)}`);
      }
    }
    return result;
  });
}
