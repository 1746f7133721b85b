// Where the state file lives, and how it is read and written safely:
// reads take no lock (writes replace the file atomically, so a reader sees the old or the new
// state, never a mix); writes take an exclusive cross-process lock around read-modify-write.
// The file is lowdb's document, through an adapter that reads sections lazily and writes back
// the ones a command did not change as the bytes it read.

import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { SyncAdapter } from 'lowdb';
import { decode, parseLazily, serializeChunks } from './layout.js';
import { migrate, StateFormatError, type StateData } from './schema.js';

export function statePath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return resolve(flag);
  if (env.KCTL_STATE) return resolve(env.KCTL_STATE);
  const base = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'kctl', 'state.json');
}

export class StateFileError extends Error {}

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

  constructor(private readonly file: string) {}

  read(): StateData | null {
    return readState(this.file);
  }

  write(data: StateData): void {
    writeAtomically(this.file, serializeChunks(data, this.unchanged));
  }
}

const WRITE_SIZE = 1 << 16;

/**
 * Writes a temp file beside the target and renames it over it: a reader or a killed writer sees
 * the old file or the new one. Only the lock holder writes, so the temp name is fixed (lowdb's
 * own writer names it the same way); what a killed writer left there is overwritten.
 */
function writeAtomically(file: string, chunks: (string | Buffer)[]): void {
  const tmp = join(dirname(file), `.${basename(file)}.tmp`);
  const fd = openSync(tmp, 'w', 0o644);
  try {
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
    renameSync(tmp, file);
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
  const err = e as NodeJS.ErrnoException;
  return new StateFileError(`cannot read the state file ${file}: ${err.message}`);
}

/** Reads the state, or returns null when there is no state file yet. */
export function readState(file: string): StateData | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw readError(file, e);
  }
  return parse(bytes, file);
}

const LOCK_OPTIONS = {
  realpath: false,
  lockfilePath: '',
  stale: 10000,
  update: 2000,
  retries: { retries: 600, factor: 1.3, minTimeout: 5, maxTimeout: 100, randomize: true },
};

/**
 * Runs fn on the current state under the lock. fn returns the new state to write, or null
 * to leave the file untouched (a command that fails or changes nothing).
 */
export async function withStateLock<T>(
  file: string,
  fn: (current: StateData | null) => Promise<{ write: StateData | null; unchanged?: Unchanged; result: T }>,
  opts: { read?: boolean } = {},
): Promise<T> {
  mkdirSync(dirname(file), { recursive: true });
  let release: () => Promise<void>;
  try {
    const lockfile = (await import('proper-lockfile')).default;
    release = await lockfile.lock(file, { ...LOCK_OPTIONS, lockfilePath: file + '.lock' });
  } catch (e) {
    throw new StateFileError(`cannot lock the state file ${file}: ${(e as Error).message}`);
  }
  try {
    const { LowSync } = await import('lowdb');
    const adapter = new StateFileAdapter(file);
    const db = new LowSync<StateData | null>(adapter as SyncAdapter<StateData | null>, null);
    try {
      if (opts.read !== false && existsSync(file)) db.read();
    } catch (e) {
      throw readError(file, e);
    }
    const { write, unchanged, result } = await fn(db.data);
    if (write) {
      adapter.unchanged = unchanged ?? (() => false);
      db.data = write;
      db.write();
    }
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
