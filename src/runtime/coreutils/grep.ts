// grep with GNU options -E -F -G -i -v -c -n -o -q -l -L -H -h -r -w -x -e -s; basic regular
// expressions by default. Status 0 when a line was selected, 1 when none, 2 on errors.

import type { Program, ProgramContext } from '../program.js';
import { fail, lines, parseOptions, readInput, resolve } from './common.js';
import { Regex, RegexError } from './regex.js';

interface Matcher {
  /** Non-empty matches of the line, left to right. */
  matches(line: string): { start: number; end: number }[];
  test(line: string): boolean;
}

const isWord = (ch: string | undefined) => ch !== undefined && /\w/.test(ch);

function fixedMatcher(patterns: string[], ignoreCase: boolean): Matcher {
  const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const needles = patterns.map(norm);
  const matches = (line: string) => {
    const hay = norm(line);
    const out: { start: number; end: number }[] = [];
    for (let i = 0; i <= hay.length; ) {
      let best: { start: number; end: number } | null = null;
      for (const n of needles) {
        const at = hay.indexOf(n, i);
        if (at >= 0 && (!best || at < best.start || (at === best.start && at + n.length > best.end))) best = { start: at, end: at + n.length };
      }
      if (!best) break;
      if (best.end > best.start) out.push(best);
      i = Math.max(best.end, best.start + 1);
    }
    return out;
  };
  return { matches, test: (line) => needles.some((n) => norm(line).includes(n)) };
}

function regexMatcher(patterns: string[], extended: boolean, ignoreCase: boolean): Matcher {
  const regexes = patterns.map((p) => new Regex(p, { extended, ignoreCase }));
  const matches = (line: string) => {
    const out: { start: number; end: number }[] = [];
    for (let i = 0; i <= line.length; ) {
      let best: { start: number; end: number } | null = null;
      for (const re of regexes) {
        const m = re.exec(line, i);
        if (m && (!best || m.start < best.start || (m.start === best.start && m.end > best.end))) best = m;
      }
      if (!best) break;
      if (best.end > best.start) out.push(best);
      i = Math.max(best.end, best.start + 1);
    }
    return out;
  };
  return { matches, test: (line) => regexes.some((re) => re.test(line)) };
}

/** -w keeps only matches bounded by non-word characters. */
function wordsOnly(base: Matcher): Matcher {
  const matches = (line: string) => base.matches(line).filter((m) => !isWord(line[m.start - 1]) && !isWord(line[m.end]));
  return { matches, test: (line) => matches(line).length > 0 };
}

/** -x: the pattern must match the whole line. */
function wholeLine(patterns: string[], fixed: boolean, extended: boolean, ignoreCase: boolean): Matcher {
  if (fixed) {
    const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
    const test = (line: string) => patterns.some((p) => norm(p) === norm(line));
    return { test, matches: (line) => (test(line) && line !== '' ? [{ start: 0, end: line.length }] : []) };
  }
  return regexMatcher(patterns.map((p) => (extended ? `^(${p})$` : `^\\(${p}\\)$`)), extended, ignoreCase);
}

function collectFiles(ctx: ProgramContext, operand: string, out: string[]): void {
  const path = resolve(ctx, operand);
  if (ctx.fs.stat(path)?.type !== 'dir') {
    out.push(operand);
    return;
  }
  for (const name of ctx.fs.list(path)) collectFiles(ctx, operand.endsWith('/') ? operand + name : `${operand}/${name}`, out);
}

export const grep: Program = async (ctx) => {
  const p = parseOptions(ctx, ctx.argv.slice(1), {
    flags: 'EFGivcnoqlLHhrRwxsIa',
    values: 'ef',
    long: {
      'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'ignore-case': 'i', 'invert-match': 'v',
      count: 'c', 'line-number': 'n', 'only-matching': 'o', quiet: 'q', silent: 'q', 'files-with-matches': 'l',
      'files-without-match': 'L', 'with-filename': 'H', 'no-filename': 'h', recursive: 'r', 'word-regexp': 'w',
      'line-regexp': 'x', 'no-messages': 's', 'regexp=': 'e', 'file=': 'f',
    },
  });
  if (!p) return 2;
  const o = p.opts;
  let patterns = p.all.get('e') ?? [];
  for (const file of p.all.get('f') ?? []) {
    const input = await readInput(ctx, file);
    if ('error' in input) {
      fail(ctx, `${file}: ${input.error}`);
      return 2;
    }
    patterns.push(...lines(input.text));
  }
  const operands = [...p.args];
  if (!o.has('e') && !o.has('f')) {
    if (operands.length === 0) {
      ctx.stderr("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    patterns = [operands.shift()!];
  }
  patterns = patterns.flatMap((pat) => pat.split('\n'));
  let matcher: Matcher;
  try {
    if (o.has('x')) matcher = wholeLine(patterns, o.has('F'), o.has('E'), o.has('i'));
    else matcher = o.has('F') ? fixedMatcher(patterns, o.has('i')) : regexMatcher(patterns, o.has('E'), o.has('i'));
    if (o.has('w')) matcher = wordsOnly(matcher);
  } catch (e) {
    if (!(e instanceof RegexError)) throw e;
    fail(ctx, e.message);
    return 2;
  }
  const recursive = o.has('r') || o.has('R');
  let files = operands.length ? operands : [recursive ? '.' : '-'];
  if (recursive) {
    const expanded: string[] = [];
    for (const f of files) if (f === '-') expanded.push(f); else collectFiles(ctx, f, expanded);
    files = expanded;
  }
  try {
    return await search(ctx, files, matcher, o, o.has('H') || (!o.has('h') && (files.length > 1 || recursive)));
  } catch (e) {
    if (!(e instanceof RegexError)) throw e;
    fail(ctx, e.message);
    return 2;
  }
};

async function search(ctx: ProgramContext, files: string[], matcher: Matcher, o: Map<string, string>, showName: boolean): Promise<number> {
  let selectedAny = false;
  let error = false;
  for (const file of files) {
    const input = await readInput(ctx, file);
    if ('error' in input) {
      if (!o.has('s')) fail(ctx, `${file}: ${input.error}`);
      error = true;
      continue;
    }
    const name = file === '-' ? '(standard input)' : file;
    const prefix = showName ? `${name}:` : '';
    let count = 0;
    for (const [i, line] of lines(input.text).entries()) {
      const selected = matcher.test(line) !== o.has('v');
      if (!selected) continue;
      count++;
      selectedAny = true;
      if (o.has('q')) return 0;
      if (o.has('l') || o.has('L') || o.has('c')) continue;
      const lineNo = o.has('n') ? `${i + 1}:` : '';
      if (o.has('o')) {
        if (!o.has('v')) for (const m of matcher.matches(line)) ctx.stdout(`${prefix}${lineNo}${line.slice(m.start, m.end)}\n`);
      } else ctx.stdout(`${prefix}${lineNo}${line}\n`);
    }
    if (o.has('c')) ctx.stdout(`${prefix}${count}\n`);
    if (o.has('l') && count > 0) ctx.stdout(`${name}\n`);
    if (o.has('L') && count === 0) ctx.stdout(`${name}\n`);
  }
  return error && !(o.has('q') && selectedAny) ? 2 : selectedAny ? 0 : 1;
}

