// What a state path may be. A symbolic link is written through: the file it leads to is the one
// replaced (and locked), so the link stays a link. Anything but a regular file (a directory,
// /dev/null, a FIFO) is refused rather than replaced by one.

import { lstatSync, mkdirSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

export class StateFileError extends Error {}

/** "permission denied" from "EACCES: permission denied, open '/x'". */
export function reason(e: unknown): string {
  const message = (e as Error).message ?? String(e);
  return /^E[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function notRegular(file: string, st: Stats): StateFileError {
  return new StateFileError(`the state file ${file} is ${kindOf(st)}; --state and KCTL_STATE take the path of a regular file`);
}

const MAX_LINKS = 40;

/**
 * The file a write replaces: `file` itself, or where its chain of symbolic links ends (which
 * need not exist yet). Its directory is created; an existing file must be a regular one.
 */
export function writableTarget(file: string): string {
  let target = file;
  let st: Stats | undefined;
  for (let links = 0; ; links++) {
    try {
      st = lstatSync(target);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new StateFileError(`cannot use the state file ${file}: ${reason(e)}`);
      st = undefined;
      break;
    }
    if (!st.isSymbolicLink()) break;
    if (links === MAX_LINKS) throw new StateFileError(`cannot use the state file ${file}: too many levels of symbolic links`);
    target = resolve(dirname(target), readlinkSync(target));
  }
  if (st && !st.isFile()) throw notRegular(file, st);
  if (!st) {
    const dir = dirname(target);
    try {
      makeDirectory(dir);
    } catch (e) {
      throw new StateFileError(`cannot create the directory ${dir} for the state file ${file}: ${reason(e)}`);
    }
  }
  return target;
}

/**
 * mkdir -p. Node's recursive mkdir never returns where a directory cannot be made although its
 * parent exists (`/proc/nonexistent`); this one fails there with ENOENT.
 */
export function makeDirectory(dir: string): void {
  try {
    mkdirSync(dir);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(dir).isDirectory()) return;
    if (code !== 'ENOENT' || dirname(dir) === dir) throw e;
  }
  makeDirectory(dirname(dir));
  try {
    mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(dir).isDirectory()) throw e;
  }
}
