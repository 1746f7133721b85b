// Line-oriented filters: head, tail, wc, sort, uniq, cut, tee.

import type { Program, ProgramContext } from '../program.js';
import { fail, lines, parseOptions, readInput, writeOutput } from './common.js';

/** `-5` is `-n 5` for head and tail; `+5` is `-n +5` for tail. */
function numericShorthand(argv: string[], allowPlus: boolean): string[] {
  return argv.map((a, i) => {
    if (argv[i - 1] === '-n' || argv[i - 1] === '-c') return a;
    return /^-\d+$/.test(a) ? `-n${a.slice(1)}` : allowPlus && /^\+\d+$/.test(a) ? `-n${a}` : a;
  });
}

async function eachInput(ctx: ProgramContext, operands: string[], fn: (text: string, name: string, index: number) => void): Promise<number> {
  let status = 0;
  const list = operands.length ? operands : ['-'];
  for (let i = 0; i < list.length; i++) {
    const input = await readInput(ctx, list[i]);
    if ('error' in input) {
      const verb = ctx.argv[0].endsWith('head') || ctx.argv[0].endsWith('tail') ? `cannot open '${list[i]}' for reading` : list[i];
      fail(ctx, `${verb}: ${input.error}`);
      status = 1;
      continue;
    }
    fn(input.text, list[i] === '-' ? 'standard input' : list[i], i);
  }
  return status;
}

function headTail(which: 'head' | 'tail'): Program {
  return async (ctx) => {
    const p = parseOptions(ctx, numericShorthand(ctx.argv.slice(1), which === 'tail'), {
      flags: 'qvfF', values: 'nc', long: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', verbose: 'v', follow: 'f' },
    });
    if (!p) return 1;
    const bytes = p.opts.has('c');
    const spec = (bytes ? p.opts.get('c') : p.opts.get('n')) ?? '10';
    const m = /^([+-]?)(\d+)$/.exec(spec);
    if (!m) {
      fail(ctx, `invalid number of ${bytes ? 'bytes' : 'lines'}: '${spec}'`);
      return 1;
    }
    const n = Number(m[2]);
    const headers = (p.args.length > 1 && !p.opts.has('q')) || p.opts.has('v');
    return eachInput(ctx, p.args, (text, name, i) => {
      if (headers) ctx.stdout(`${i > 0 ? '\n' : ''}==> ${name} <==\n`);
      if (bytes) {
        if (which === 'head') ctx.stdout(m[1] === '-' ? text.slice(0, Math.max(0, text.length - n)) : text.slice(0, n));
        else ctx.stdout(m[1] === '+' ? text.slice(Math.max(0, n - 1)) : text.slice(Math.max(0, text.length - n)));
        return;
      }
      const all = lines(text);
      const ends = text.endsWith('\n');
      let picked: string[];
      if (which === 'head') picked = m[1] === '-' ? all.slice(0, Math.max(0, all.length - n)) : all.slice(0, n);
      else picked = m[1] === '+' ? all.slice(Math.max(0, n - 1)) : n === 0 ? [] : all.slice(-n);
      // The input's last line keeps its (possibly missing) newline.
      const endsInput = picked.length > 0 && (which === 'tail' || picked.length === all.length);
      const out = picked.map((l) => `${l}\n`).join('');
      ctx.stdout(endsInput && !ends ? out.slice(0, -1) : out);
    });
  };
}

export const head = headTail('head');
export const tail = headTail('tail');

export const wc: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), { flags: 'lwcmL', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' } });
  if (!p) return 1;
  const chosen = ['l', 'w', 'm', 'c'].filter((k) => p.opts.has(k));
  const keys = chosen.length ? chosen : ['l', 'w', 'c'];
  const rows: { counts: number[]; name: string }[] = [];
  const status = await eachInput(ctx, p.args, (text, name) => {
    const count: Record<string, number> = {
      l: (text.match(/\n/g) ?? []).length,
      w: text.split(/\s+/).filter(Boolean).length,
      m: [...text].length,
      c: Buffer.byteLength(text),
    };
    rows.push({ counts: keys.map((k) => count[k]), name: p.args.length ? name : '' });
  });
  if (rows.length > 1) rows.push({ counts: keys.map((_, i) => rows.reduce((n, r) => n + r.counts[i], 0)), name: 'total' });
  const fromStdin = p.args.length === 0 || p.args.includes('-');
  const width = keys.length === 1 && rows.length === 1 ? 1 : Math.max(fromStdin ? 7 : 1, ...rows.flatMap((r) => r.counts.map((c) => String(c).length)));
  for (const row of rows) {
    ctx.stdout(`${row.counts.map((c) => String(c).padStart(width)).join(' ')}${row.name ? ` ${row.name}` : ''}\n`);
  }
  return status;
};

function sortKey(line: string, opts: Map<string, string>): string {
  const k = opts.get('k');
  if (k === undefined) return line;
  const m = /^(\d+)(?:\.\d+)?[a-zA-Z]*(?:,(\d+)(?:\.\d+)?[a-zA-Z]*)?$/.exec(k);
  if (!m) return line;
  const sep = opts.get('t');
  const fields = sep !== undefined ? line.split(sep) : line.trim().split(/\s+/);
  const start = Number(m[1]) - 1;
  const end = m[2] ? Number(m[2]) : fields.length;
  return fields.slice(start, end).join(sep ?? ' ');
}

function compareText(a: string, b: string, fold: boolean): number {
  const x = fold ? a.toUpperCase() : a;
  const y = fold ? b.toUpperCase() : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

export const sort: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), {
    flags: 'rnufbhVs', values: 'kto',
    long: { reverse: 'r', 'numeric-sort': 'n', unique: 'u', 'ignore-case': 'f', 'key=': 'k', 'field-separator=': 't', 'output=': 'o' },
  });
  if (!p) return 2;
  const all: string[] = [];
  const status = await eachInput(ctx, p.args, (text) => all.push(...lines(text)));
  if (status) return 2;
  const numeric = p.opts.has('n') || p.opts.has('h');
  const fold = p.opts.has('f');
  const cmp = (a: string, b: string): number => {
    const ka = sortKey(a, p.opts);
    const kb = sortKey(b, p.opts);
    if (numeric) {
      const diff = (parseFloat(ka) || 0) - (parseFloat(kb) || 0);
      if (diff !== 0) return diff;
      return p.opts.has('u') ? 0 : compareText(a, b, false);
    }
    const byKey = compareText(ka, kb, fold);
    return byKey !== 0 || p.opts.has('u') || p.opts.has('s') ? byKey : compareText(a, b, false);
  };
  let out = all.sort(cmp);
  if (p.opts.has('r')) out.reverse();
  if (p.opts.has('u')) out = out.filter((line, i) => i === 0 || cmp(out[i - 1], line) !== 0);
  const text = out.map((l) => `${l}\n`).join('');
  if (p.opts.has('o')) {
    const error = writeOutput(ctx, p.opts.get('o')!, text, false);
    if (error) fail(ctx, `open failed: ${p.opts.get('o')}: ${error}`);
    return error ? 2 : 0;
  }
  ctx.stdout(text);
  return 0;
};

export const uniq: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), { flags: 'cdui', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' } });
  if (!p) return 1;
  const input = await readInput(ctx, p.args[0] ?? '-');
  if ('error' in input) {
    fail(ctx, `${p.args[0]}: ${input.error}`);
    return 1;
  }
  const same = (a: string, b: string) => (p.opts.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  const groups: { line: string; count: number }[] = [];
  for (const line of lines(input.text)) {
    const last = groups[groups.length - 1];
    if (last && same(last.line, line)) last.count++;
    else groups.push({ line, count: 1 });
  }
  const text = groups
    .filter((g) => (!p.opts.has('d') || g.count > 1) && (!p.opts.has('u') || g.count === 1))
    .map((g) => (p.opts.has('c') ? `${String(g.count).padStart(7)} ${g.line}\n` : `${g.line}\n`))
    .join('');
  if (p.args[1]) {
    const error = writeOutput(ctx, p.args[1], text, false);
    if (error) fail(ctx, `${p.args[1]}: ${error}`);
    return error ? 1 : 0;
  }
  ctx.stdout(text);
  return 0;
};

/** A cut LIST: 1,3-5,7- → predicate on 1-based positions. */
function parseList(list: string): ((n: number) => boolean) | null {
  const ranges: [number, number][] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '') || m[1] === '0') return null;
    const from = m[1] ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] ? Number(m[3]) : Infinity) : from;
    ranges.push([from, to]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export const cut: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), {
    flags: 'sn', values: 'bcfd',
    long: { 'bytes=': 'b', 'characters=': 'c', 'fields=': 'f', 'delimiter=': 'd', 'only-delimited': 's', complement: 'C', 'output-delimiter=': 'O' },
  });
  if (!p) return 1;
  const mode = ['f', 'c', 'b'].filter((k) => p.opts.has(k));
  if (mode.length !== 1) {
    fail(ctx, mode.length ? 'only one type of list may be specified' : 'you must specify a list of bytes, characters, or fields');
    ctx.stderr(`Try 'cut --help' for more information.\n`);
    return 1;
  }
  const listText = p.opts.get(mode[0])!;
  const inList = parseList(listText);
  if (!inList) {
    fail(ctx, `invalid field value '${listText}'`);
    return 1;
  }
  const pick = p.opts.has('C') ? (n: number) => !inList(n) : inList;
  const delim = p.opts.get('d') ?? '\t';
  if (delim.length !== 1) {
    fail(ctx, 'the delimiter must be a single character');
    return 1;
  }
  const outDelim = p.opts.get('O') ?? delim;
  return eachInput(ctx, p.args, (text) => {
    const out: string[] = [];
    for (const line of lines(text)) {
      if (mode[0] !== 'f') {
        out.push([...line].filter((_, i) => pick(i + 1)).join(''));
      } else if (!line.includes(delim)) {
        if (!p.opts.has('s')) out.push(line);
      } else {
        out.push(line.split(delim).filter((_, i) => pick(i + 1)).join(outDelim));
      }
    }
    ctx.stdout(out.map((l) => `${l}\n`).join(''));
  });
};

export const tee: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), { flags: 'ai', long: { append: 'a' } });
  if (!p) return 1;
  const text = await ctx.stdin.readAll();
  ctx.stdout(text);
  let status = 0;
  for (const file of p.args) {
    const error = writeOutput(ctx, file, text, p.opts.has('a'));
    if (error) {
      fail(ctx, `${file}: ${error}`);
      status = 1;
    }
  }
  return status;
};
