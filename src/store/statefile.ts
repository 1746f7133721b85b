// Where the state file lives, and how it is read and written safely:
// reads take no lock (writes replace the file atomically, so a reader sees the old or the new
// state, never a mix); writes take an exclusive cross-process lock around read-modify-write.

import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { decode, parseLazily, serialize } from './layout.js';
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

async function adapter(file: string) {
  const { DataFile } = await import('lowdb/node');
  // Compact JSON, a line per section: the file can hold tens of thousands of objects.
  return new DataFile<StateData>(file, { parse: (t) => parse(t, file), stringify: serialize });
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
  fn: (current: StateData | null) => Promise<{ write: StateData | null; result: T }>,
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
    const db = await adapter(file);
    let current: StateData | null;
    try {
      current = opts.read !== false && existsSync(file) ? await db.read() : null;
    } catch (e) {
      throw readError(file, e);
    }
    const { write, result } = await fn(current);
    if (write) await db.write(write);
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
