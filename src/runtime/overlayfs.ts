// A container's filesystem: the image's files (read-only lower layer) with the container's own
// changes (upper layer) on top, like overlayfs. The upper layer is a flat, JSON-serialisable
// FsDiff that the caller keeps in the cluster state file; it is mutated in place.
//
// Sizes are bounded so hostile scripts cannot bloat the state file: a file may not exceed
// MAX_FILE_SIZE and the upper layer's files together may not exceed MAX_DIFF_SIZE; both fail
// with ENOSPC, and an append stores what fits first, as write(2) does on a filling disk.
// Whiteouts are not counted: there can be at most one per lower-layer path.
//
// /dev/null is always present: it reads as empty and swallows writes. /proc and /sys refuse
// writes (EACCES).

import type { Stat, VirtualFS } from './fs.js';

export type FsDiffEntry =
  | { t: 'f'; c: string; m?: number }
  | { t: 'd'; m?: number }
  /** Whiteout: hides the lower-layer entry at this path. */
  | { t: 'x' };

export type FsDiff = Record<string, FsDiffEntry>;

export interface LowerLayer {
  /** Absolute path → content. Parent directories are implied. */
  files: Record<string, string>;
  /** Directories that exist even without files in them. */
  dirs?: readonly string[];
  /** Absolute path → permission bits, for entries whose mode differs from the default. */
  modes?: Record<string, number>;
}

export const MAX_FILE_SIZE = 1024 * 1024;
export const MAX_DIFF_SIZE = 8 * 1024 * 1024;

export type FsErrorCode = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'ENOTEMPTY' | 'ENOSPC' | 'EACCES';

const MESSAGES: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  ENOSPC: 'No space left on device',
  EACCES: 'Permission denied',
};

export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(MESSAGES[code]);
    this.name = 'FsError';
  }
}

/** The strerror() text for an error thrown by a VirtualFS, or its message for anything else. */
export function errorText(e: unknown): string {
  if (e instanceof FsError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Absolute, normalised form of `path` as seen from `cwd` (`.`, `..`, repeated slashes). */
export function resolvePath(cwd: string, path: string): string {
  const parts: string[] = [];
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  for (const part of full.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const DEV_NULL = '/dev/null';

/** The kernel's filesystems are not the container's to write. */
function requireWritable(path: string): void {
  if (path.startsWith('/proc/') || path.startsWith('/sys/')) throw new FsError('EACCES', path);
}
const EXECUTABLE_DIRS = /^\/(usr\/(local\/)?)?s?bin\//;

function childIndex(paths: Iterable<string>): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const path of paths) {
    let child = path;
    while (child !== '/') {
      const parent = parentOf(child);
      let names = index.get(parent);
      if (!names) index.set(parent, (names = new Set()));
      if (names.has(baseName(child))) break;
      names.add(baseName(child));
      child = parent;
    }
  }
  return index;
}

function entrySize(path: string, entry: FsDiffEntry): number {
  return entry.t === 'f' ? path.length + entry.c.length : entry.t === 'd' ? path.length : 0;
}

export class OverlayFS implements VirtualFS {
  private readonly lowerFiles = new Map<string, string>();
  private readonly lowerDirs = new Set<string>(['/']);
  private readonly lowerChildren: Map<string, Set<string>>;
  private readonly upperChildren: Map<string, Set<string>>;
  private used = 0;
  /** Byte sizes of file contents stat() measured, by path; valid while the content is the same string. */
  private readonly sizes = new Map<string, { content: string; bytes: number }>();

  constructor(
    private readonly lower: LowerLayer,
    private readonly diff: FsDiff,
  ) {
    for (const [path, content] of Object.entries(lower.files)) {
      this.lowerFiles.set(resolvePath('/', path), content);
    }
    const dirs = (lower.dirs ?? []).map((d) => resolvePath('/', d));
    this.lowerChildren = childIndex([...this.lowerFiles.keys(), ...dirs, DEV_NULL]);
    for (const dir of this.lowerChildren.keys()) this.lowerDirs.add(dir);
    for (const dir of dirs) this.lowerDirs.add(dir);
    this.upperChildren = childIndex(Object.keys(diff));
    for (const [path, entry] of Object.entries(diff)) this.used += entrySize(path, entry);
  }

  /** Bytes the upper layer currently holds, as counted against MAX_DIFF_SIZE. */
  get diffSize(): number {
    return this.used;
  }

  stat(path: string): Stat | null {
    const type = this.typeOf(path);
    if (!type) return null;
    if (type === 'dir') return { type, size: 4096, mode: this.modeOf(path, 0o755) };
    const defaultMode = path === DEV_NULL ? 0o666 : EXECUTABLE_DIRS.test(path) ? 0o755 : 0o644;
    const content = this.readFile(path) ?? '';
    // Measured when asked: a shell stats a file for every redirection to it, and measuring a
    // growing megabyte each time would dominate a loop.
    const size = () => this.byteSize(path, content);
    return { type, get size() { return size(); }, mode: this.modeOf(path, defaultMode) };
  }

  /** A file's size in bytes, remembered for a large file until it changes. */
  private byteSize(path: string, content: string): number {
    const known = this.sizes.get(path);
    if (known?.content === content) return known.bytes;
    const bytes = Buffer.byteLength(content);
    if (content.length > 4096) this.sizes.set(path, { content, bytes });
    return bytes;
  }

  readFile(path: string): string | null {
    if (path === DEV_NULL) return '';
    const entry = this.diff[path];
    if (entry) return entry.t === 'f' ? entry.c : null;
    if (this.hiddenByAncestor(path)) return null;
    return this.lowerFiles.get(path) ?? null;
  }

  writeFile(path: string, content: string): void {
    if (path === DEV_NULL) return;
    const type = this.typeOf(path);
    if (type === 'dir') throw new FsError('EISDIR', path);
    requireWritable(path);
    this.requireParentDir(path);
    if (content.length > MAX_FILE_SIZE) throw new FsError('ENOSPC', path);
    const prev = this.diff[path];
    const mode = prev ? (prev.t === 'f' ? prev.m : undefined) : this.lower.modes?.[path];
    const entry: FsDiffEntry = mode === undefined ? { t: 'f', c: content } : { t: 'f', c: content, m: mode };
    this.put(path, entry);
  }

  appendFile(path: string, text: string): void {
    if (path === DEV_NULL || text === '') return;
    const type = this.typeOf(path);
    if (type === 'dir') throw new FsError('EISDIR', path);
    if (!type) throw new FsError('ENOENT', path);
    requireWritable(path);
    const content = this.readFile(path) ?? '';
    const stored = this.diff[path];
    // A lower file is copied up whole before it grows.
    const free = MAX_DIFF_SIZE - this.used + (stored ? entrySize(path, stored) : 0) - path.length - content.length;
    const room = Math.max(0, Math.min(MAX_FILE_SIZE - content.length, free));
    if (room > 0) this.writeFile(path, content + (room < text.length ? text.slice(0, room) : text));
    if (room < text.length) throw new FsError('ENOSPC', path);
  }

  mkdir(path: string): void {
    if (this.typeOf(path)) throw new FsError('EEXIST', path);
    requireWritable(path);
    this.requireParentDir(path);
    this.put(path, { t: 'd' });
  }

  remove(path: string): void {
    const type = this.typeOf(path);
    if (!type) throw new FsError('ENOENT', path);
    if (path === '/' || path === DEV_NULL) throw new FsError('EACCES', path);
    if (type === 'dir' && this.list(path).length > 0) throw new FsError('ENOTEMPTY', path);
    if (this.inLower(path)) this.put(path, { t: 'x' });
    else this.drop(path);
  }

  list(path: string): string[] {
    const type = this.typeOf(path);
    if (!type) throw new FsError('ENOENT', path);
    if (type !== 'dir') throw new FsError('ENOTDIR', path);
    const names = new Set<string>();
    const prefix = path === '/' ? '/' : `${path}/`;
    for (const name of [...(this.lowerChildren.get(path) ?? []), ...(this.upperChildren.get(path) ?? [])]) {
      if (this.typeOf(prefix + name)) names.add(name);
    }
    return [...names].sort();
  }

  /** Sets the permission bits of a file or directory. */
  chmod(path: string, mode: number): void {
    const type = this.typeOf(path);
    if (!type) throw new FsError('ENOENT', path);
    const current = this.diff[path];
    if (current && current.t !== 'x') this.put(path, { ...current, m: mode });
    else if (type === 'dir') this.put(path, { t: 'd', m: mode });
    else this.put(path, { t: 'f', c: this.readFile(path) ?? '', m: mode });
  }

  private typeOf(path: string): 'file' | 'dir' | null {
    if (path === '/') return 'dir';
    const entry = this.diff[path];
    if (entry) return entry.t === 'f' ? 'file' : entry.t === 'd' ? 'dir' : null;
    if (this.hiddenByAncestor(path)) return null;
    if (this.lowerFiles.has(path) || path === DEV_NULL) return 'file';
    return this.lowerDirs.has(path) ? 'dir' : null;
  }

  private inLower(path: string): boolean {
    return this.lowerFiles.has(path) || this.lowerDirs.has(path) || path === DEV_NULL;
  }

  /** A lower entry is gone once an ancestor was whited out or replaced by an upper file. */
  private hiddenByAncestor(path: string): boolean {
    for (let p = parentOf(path); p !== '/'; p = parentOf(p)) {
      const entry = this.diff[p];
      if (entry) return entry.t !== 'd';
    }
    return false;
  }

  private modeOf(path: string, fallback: number): number {
    const entry = this.diff[path];
    if (entry && entry.t !== 'x' && entry.m !== undefined) return entry.m;
    return this.lower.modes?.[path] ?? fallback;
  }

  private requireParentDir(path: string): void {
    const parentType = this.typeOf(parentOf(path));
    if (!parentType) throw new FsError('ENOENT', path);
    if (parentType !== 'dir') throw new FsError('ENOTDIR', path);
  }

  private put(path: string, entry: FsDiffEntry): void {
    const old = this.diff[path];
    const delta = entrySize(path, entry) - (old ? entrySize(path, old) : 0);
    if (delta > 0 && this.used + delta > MAX_DIFF_SIZE) throw new FsError('ENOSPC', path);
    this.used += delta;
    this.diff[path] = entry;
    this.sizes.delete(path);
    const parent = parentOf(path);
    let names = this.upperChildren.get(parent);
    if (!names) this.upperChildren.set(parent, (names = new Set()));
    names.add(baseName(path));
  }

  private drop(path: string): void {
    const old = this.diff[path];
    if (!old) return;
    this.sizes.delete(path);
    this.used -= entrySize(path, old);
    delete this.diff[path];
    this.upperChildren.get(parentOf(path))?.delete(baseName(path));
  }
}
