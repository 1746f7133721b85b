// File programs: cat, cp, mv, rm, mkdir, rmdir, touch, chmod — GNU messages and statuses.
// They only ever act on the container's VirtualFS.

import type { VirtualFS } from '../fs.js';
import { parentOf } from '../overlayfs.js';
import type { Program, ProgramContext } from '../program.js';
import { errorText, fail, isFsError, parseOptions, readInput, resolve } from './common.js';

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || '/';
}

function missingOperand(ctx: ProgramContext, what = 'missing operand'): number {
  fail(ctx, what);
  ctx.stderr(`Try '${ctx.argv[0]} --help' for more information.\n`);
  return 1;
}

export const cat: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), { flags: 'nbsAEvTtue', long: { number: 'n', 'number-nonblank': 'b', 'squeeze-blank': 's', 'show-ends': 'E' } });
  if (!p) return 1;
  let status = 0;
  let n = 0;
  for (const operand of p.args.length ? p.args : ['-']) {
    const input = await readInput(ctx, operand);
    if ('error' in input) {
      fail(ctx, `${operand}: ${input.error}`);
      status = 1;
      continue;
    }
    let text = input.text;
    if (p.opts.has('s')) text = text.replace(/\n{3,}/g, '\n\n');
    if (p.opts.has('E') || p.opts.has('A') || p.opts.has('e')) text = text.replace(/\n/g, '$\n');
    if (p.opts.has('n') || p.opts.has('b')) {
      text = text.replace(/^.*$/gm, (line, offset: number) => {
        if (offset === text.length) return line;
        if (p.opts.has('b') && (line === '' || line === '$')) return line;
        return `${String(++n).padStart(6)}\t${line}`;
      });
    }
    ctx.stdout(text);
  }
  return status;
};

/** Copies src (file or, if recursive, directory) to dest; reports errors itself. */
function copy(ctx: ProgramContext, fs: VirtualFS, src: string, dest: string, shown: { src: string; dest: string }): boolean {
  const stat = fs.stat(src);
  if (!stat) {
    fail(ctx, `cannot stat '${shown.src}': No such file or directory`);
    return false;
  }
  const destStat = fs.stat(dest);
  if (stat.type === 'file') {
    if (destStat?.type === 'dir') {
      fail(ctx, `cannot overwrite directory '${shown.dest}' with non-directory`);
      return false;
    }
    try {
      fs.writeFile(dest, fs.readFile(src) ?? '');
      return true;
    } catch (e) {
      const verb = isFsError(e, 'ENOSPC') ? 'error writing' : 'cannot create regular file';
      fail(ctx, `${verb} '${shown.dest}': ${errorText(e)}`);
      return false;
    }
  }
  if (dest === src || dest.startsWith(`${src}/`)) {
    fail(ctx, `cannot copy a directory, '${shown.src}', into itself, '${shown.dest}'`);
    return false;
  }
  if (destStat?.type === 'file') {
    fail(ctx, `cannot overwrite non-directory '${shown.dest}' with directory '${shown.src}'`);
    return false;
  }
  try {
    if (!destStat) fs.mkdir(dest);
  } catch (e) {
    fail(ctx, `cannot create directory '${shown.dest}': ${errorText(e)}`);
    return false;
  }
  let ok = true;
  for (const name of fs.list(src)) {
    ok = copy(ctx, fs, `${src}/${name}`, `${dest}/${name}`, { src: `${shown.src}/${name}`, dest: `${shown.dest}/${name}` }) && ok;
  }
  return ok;
}

/** Removes a file or a whole tree; reports errors itself. */
function removeTree(ctx: ProgramContext, fs: VirtualFS, path: string, shown: string): boolean {
  let ok = true;
  if (fs.stat(path)?.type === 'dir') {
    const prefix = path === '/' ? '/' : `${path}/`;
    for (const name of fs.list(path)) ok = removeTree(ctx, fs, prefix + name, shown.endsWith('/') ? shown + name : `${shown}/${name}`) && ok;
    if (path === '/') return ok;
  }
  try {
    fs.remove(path);
  } catch (e) {
    fail(ctx, `cannot remove '${shown}': ${errorText(e)}`);
    return false;
  }
  return ok;
}

/** The common part of cp and mv: operands, target directory handling. */
function transfer(ctx: ProgramContext, args: string[], each: (src: string, dest: string, shownDest: string) => boolean): number {
  if (args.length === 0) return missingOperand(ctx, 'missing file operand');
  if (args.length === 1) return missingOperand(ctx, `missing destination file operand after '${args[0]}'`);
  const target = args[args.length - 1];
  const targetPath = resolve(ctx, target);
  const intoDir = ctx.fs.stat(targetPath)?.type === 'dir';
  if (args.length > 2 && !intoDir) {
    fail(ctx, `target '${target}' is not a directory`);
    return 1;
  }
  let status = 0;
  for (const src of args.slice(0, -1)) {
    const dest = intoDir ? `${targetPath === '/' ? '' : targetPath}/${baseName(src)}` : targetPath;
    const shownDest = intoDir ? `${target.replace(/\/+$/, '')}/${baseName(src)}` : target;
    if (!each(src, dest, shownDest)) status = 1;
  }
  return status;
}

export const cp: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), { flags: 'rRafpvnTdLP', long: { recursive: 'r', archive: 'a', force: 'f', verbose: 'v', 'no-clobber': 'n' } });
  if (!p) return 1;
  const recursive = p.opts.has('r') || p.opts.has('R') || p.opts.has('a');
  return transfer(ctx, p.args, (src, dest, shownDest) => {
    const from = resolve(ctx, src);
    const stat = ctx.fs.stat(from);
    if (stat?.type === 'dir' && !recursive) {
      fail(ctx, `-r not specified; omitting directory '${src}'`);
      return false;
    }
    if (stat && from === dest) {
      fail(ctx, `'${src}' and '${shownDest}' are the same file`);
      return false;
    }
    if (p.opts.has('n') && ctx.fs.stat(dest)) return true;
    const ok = copy(ctx, ctx.fs, from, dest, { src, dest: shownDest });
    if (ok && p.opts.has('v')) ctx.stdout(`'${src}' -> '${shownDest}'\n`);
    return ok;
  });
};

export const mv: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), { flags: 'fivnT', long: { force: 'f', verbose: 'v', 'no-clobber': 'n' } });
  if (!p) return 1;
  return transfer(ctx, p.args, (src, dest, shownDest) => {
    const from = resolve(ctx, src);
    const stat = ctx.fs.stat(from);
    if (!stat) {
      fail(ctx, `cannot stat '${src}': No such file or directory`);
      return false;
    }
    if (from === dest) return true;
    if (stat.type === 'dir' && dest.startsWith(`${from}/`)) {
      fail(ctx, `cannot move '${src}' to a subdirectory of itself, '${shownDest}'`);
      return false;
    }
    if (p.opts.has('n') && ctx.fs.stat(dest)) return true;
    if (stat.type === 'dir' && ctx.fs.stat(dest)?.type === 'dir' && ctx.fs.list(dest).length > 0) {
      fail(ctx, `cannot move '${src}' to '${shownDest}': Directory not empty`);
      return false;
    }
    if (!copy(ctx, ctx.fs, from, dest, { src, dest: shownDest })) return false;
    const ok = removeTree(ctx, ctx.fs, from, src);
    if (ok && p.opts.has('v')) ctx.stdout(`renamed '${src}' -> '${shownDest}'\n`);
    return ok;
  });
};

export const rm: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), { flags: 'rRfidvI', long: { recursive: 'r', force: 'f', dir: 'd', verbose: 'v', 'no-preserve-root': 'P', 'preserve-root': 'p' } });
  if (!p) return 1;
  const force = p.opts.has('f');
  if (p.args.length === 0) return force ? 0 : missingOperand(ctx);
  let status = 0;
  for (const operand of p.args) {
    if (/(^|\/)\.\.?\/*$/.test(operand)) {
      fail(ctx, `refusing to remove '.' or '..' directory: skipping '${operand}'`);
      status = 1;
      continue;
    }
    const path = resolve(ctx, operand);
    const stat = ctx.fs.stat(path);
    if (!stat) {
      if (!force) {
        fail(ctx, `cannot remove '${operand}': No such file or directory`);
        status = 1;
      }
      continue;
    }
    if (stat.type === 'dir' && !p.opts.has('r') && !p.opts.has('R')) {
      if (p.opts.has('d') && ctx.fs.list(path).length === 0) {
        ctx.fs.remove(path);
        continue;
      }
      fail(ctx, `cannot remove '${operand}': Is a directory`);
      status = 1;
      continue;
    }
    if (!removeTree(ctx, ctx.fs, path, operand)) status = 1;
    else if (p.opts.has('v')) ctx.stdout(`removed '${operand}'\n`);
  }
  return status;
};

function applyMode(ctx: ProgramContext, path: string, mode: string): void {
  const fs = ctx.fs as VirtualFS & { chmod?: (path: string, mode: number) => void };
  const current = ctx.fs.stat(path)?.mode ?? 0o644;
  const next = parseMode(mode, current, ctx.fs.stat(path)?.type === 'dir');
  if (next !== null) fs.chmod?.(path, next);
}

export const mkdir: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), { flags: 'pv', values: 'm', long: { parents: 'p', verbose: 'v', 'mode=': 'm' } });
  if (!p) return 1;
  if (p.args.length === 0) return missingOperand(ctx);
  let status = 0;
  for (const operand of p.args) {
    const path = resolve(ctx, operand);
    const todo = p.opts.has('p') ? ancestors(path).filter((d) => !ctx.fs.stat(d)) : [path];
    if (p.opts.has('p') && ctx.fs.stat(path)?.type === 'file') {
      fail(ctx, `cannot create directory '${operand}': File exists`);
      status = 1;
      continue;
    }
    for (const dir of todo) {
      try {
        ctx.fs.mkdir(dir);
        if (p.opts.has('m')) applyMode(ctx, dir, p.opts.get('m')!);
        if (p.opts.has('v')) ctx.stdout(`mkdir: created directory '${dir === path ? operand : dir}'\n`);
      } catch (e) {
        fail(ctx, `cannot create directory '${dir === path ? operand : dir}': ${errorText(e)}`);
        status = 1;
        break;
      }
    }
  }
  return status;
};

function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let p = path; p !== '/'; p = parentOf(p)) out.unshift(p);
  return out;
}

export const rmdir: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), { flags: 'pv', long: { parents: 'p', verbose: 'v' } });
  if (!p) return 1;
  if (p.args.length === 0) return missingOperand(ctx);
  let status = 0;
  for (const operand of p.args) {
    const path = resolve(ctx, operand);
    const stat = ctx.fs.stat(path);
    try {
      if (stat?.type === 'file') throw new Error('Not a directory');
      ctx.fs.remove(path);
    } catch (e) {
      fail(ctx, `failed to remove '${operand}': ${errorText(e)}`);
      status = 1;
    }
  }
  return status;
};

export const touch: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), { flags: 'acmh', values: 'dtr', long: { 'no-create': 'c', 'date=': 'd', 'reference=': 'r' } });
  if (!p) return 1;
  if (p.args.length === 0) return missingOperand(ctx, 'missing file operand');
  let status = 0;
  for (const operand of p.args) {
    const path = resolve(ctx, operand);
    if (ctx.fs.stat(path) || p.opts.has('c')) continue;
    try {
      ctx.fs.writeFile(path, '');
    } catch (e) {
      fail(ctx, `cannot touch '${operand}': ${errorText(e)}`);
      status = 1;
    }
  }
  return status;
};

/** Octal or symbolic (u+x, go-w, a=r, +x) modes; null if invalid. */
export function parseMode(mode: string, current: number, isDir: boolean): number | null {
  if (/^[0-7]{1,4}$/.test(mode)) return parseInt(mode, 8);
  let result = current;
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxX]*)$/.exec(clause);
    if (!m) return null;
    const who = m[1] === '' || m[1].includes('a') ? 'ugo' : m[1];
    let bits = 0;
    for (const perm of m[3]) bits |= perm === 'r' ? 4 : perm === 'w' ? 2 : perm === 'x' || (perm === 'X' && (isDir || (current & 0o111) !== 0)) ? 1 : 0;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      if (m[2] === '=') result &= ~(7 << shift);
      if (m[2] === '-') result &= ~(bits << shift);
      else result |= bits << shift;
    }
  }
  return result;
}

export const chmod: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  const recursive = args[0] === '-R';
  if (recursive) args.shift();
  if (args.length < 2) return missingOperand(ctx, args.length ? `missing operand after '${args[0]}'` : 'missing operand');
  const [mode, ...files] = args;
  if (parseMode(mode, 0, false) === null) {
    fail(ctx, `invalid mode: '${mode}'`);
    return 1;
  }
  let status = 0;
  const visit = (path: string, shown: string) => {
    if (!ctx.fs.stat(path)) {
      fail(ctx, `cannot access '${shown}': No such file or directory`);
      status = 1;
      return;
    }
    applyMode(ctx, path, mode);
    if (recursive && ctx.fs.stat(path)?.type === 'dir') {
      for (const name of ctx.fs.list(path)) visit(`${path === '/' ? '' : path}/${name}`, `${shown}/${name}`);
    }
  };
  for (const file of files) visit(resolve(ctx, file), file);
  return status;
};
