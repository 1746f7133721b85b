// ls as it behaves when its output is not a terminal: one name per line. Supports -l -a -A -1
// -d -h -F -p -r -R. No modification times are kept, so -l shows a fixed date.

import type { Stat } from '../fs.js';
import type { Program, ProgramContext } from '../program.js';
import { fail, parseOptions, resolve } from './common.js';

interface Entry {
  name: string;
  path: string;
  stat: Stat;
}

const FIXED_DATE = 'Jan  1 00:00';

function modeString(stat: Stat): string {
  const bits = ['---', '--x', '-w-', '-wx', 'r--', 'r-x', 'rw-', 'rwx'];
  const kind = stat.type === 'dir' ? 'd' : '-';
  return kind + [6, 3, 0].map((shift) => bits[(stat.mode >> shift) & 7]).join('');
}

function human(size: number): string {
  if (size < 1024) return String(size);
  const units = ['K', 'M', 'G'];
  let value = size;
  let unit = '';
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return `${value < 10 ? (Math.ceil(value * 10) / 10).toFixed(1) : Math.ceil(value)}${unit}`;
}

export const ls: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), {
    flags: 'laA1dhFprRtSc',
    long: { all: 'a', 'almost-all': 'A', directory: 'd', 'human-readable': 'h', classify: 'F', reverse: 'r', recursive: 'R' },
  });
  if (!p) return 2;
  const o = p.opts;
  const long = o.has('l');
  let status = 0;

  const suffix = (e: Entry) => {
    if (e.stat.type === 'dir') return o.has('F') || o.has('p') ? '/' : '';
    return o.has('F') && e.stat.mode & 0o111 ? '*' : '';
  };
  const sorted = (entries: Entry[]) => {
    const out = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return o.has('r') ? out.reverse() : out;
  };
  const render = (entries: Entry[], withTotal: boolean): string => {
    if (!long) return entries.map((e) => `${e.name}${suffix(e)}\n`).join('');
    const links = (e: Entry) => (e.stat.type === 'dir' ? 2 + childDirs(ctx, e.path) : 1);
    const sizes = entries.map((e) => (o.has('h') ? human(e.stat.size) : String(e.stat.size)));
    const linkWidth = Math.max(1, ...entries.map((e) => String(links(e)).length));
    const sizeWidth = Math.max(1, ...sizes.map((s) => s.length));
    const blocks = entries.reduce((n, e) => n + Math.ceil(e.stat.size / 4096) * 4, 0);
    const total = withTotal ? `total ${o.has('h') ? human(blocks * 1024) : blocks}\n` : '';
    return total + entries
      .map((e, i) => `${modeString(e.stat)} ${String(links(e)).padStart(linkWidth)} root root ${sizes[i].padStart(sizeWidth)} ${FIXED_DATE} ${e.name}${suffix(e)}\n`)
      .join('');
  };
  const listDir = (dir: Entry): Entry[] => {
    const names = ctx.fs.list(dir.path).filter((n) => o.has('a') || o.has('A') || !n.startsWith('.'));
    const entries = names.map((name) => {
      const path = dir.path === '/' ? `/${name}` : `${dir.path}/${name}`;
      return { name, path, stat: ctx.fs.stat(path)! };
    });
    if (o.has('a')) {
      entries.push({ name: '.', path: dir.path, stat: dir.stat });
      entries.push({ name: '..', path: dir.path, stat: ctx.fs.stat(dir.path.replace(/\/[^/]*$/, '') || '/')! });
    }
    return sorted(entries);
  };

  const operands = p.args.length ? p.args : ['.'];
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const operand of operands) {
    const path = resolve(ctx, operand);
    const stat = ctx.fs.stat(path);
    if (!stat) {
      fail(ctx, `cannot access '${operand}': No such file or directory`);
      status = 2;
      continue;
    }
    (stat.type === 'dir' && !o.has('d') ? dirs : files).push({ name: operand, path, stat });
  }
  const blocks: string[] = [];
  if (files.length) blocks.push(render(sorted(files), false));
  const showHeaders = operands.length > 1 || o.has('R');
  const queue = sorted(dirs);
  while (queue.length) {
    const dir = queue.shift()!;
    const entries = listDir(dir);
    blocks.push(`${showHeaders ? `${dir.name}:\n` : ''}${render(entries, true)}`);
    if (o.has('R')) {
      const subdirs = entries
        .filter((e) => e.stat.type === 'dir' && e.name !== '.' && e.name !== '..')
        .map((e) => ({ ...e, name: dir.name === '/' ? `/${e.name}` : `${dir.name}/${e.name}` }));
      queue.unshift(...subdirs);
    }
  }
  ctx.stdout(blocks.join('\n'));
  return status;
};

function childDirs(ctx: ProgramContext, path: string): number {
  return ctx.fs.list(path).filter((n) => ctx.fs.stat(path === '/' ? `/${n}` : `${path}/${n}`)?.type === 'dir').length;
}
