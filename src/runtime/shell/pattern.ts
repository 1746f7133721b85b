// Shell patterns (`*`, `?`, `[...]`) for globbing, `case` and `${v#pat}`. A pattern is a string
// in which a backslash makes the next character literal: quoting is encoded that way by the
// expander, so `"*"` arrives here as `\*`.

import type { VirtualFS } from '../fs.js';
import { resolvePath } from '../overlayfs.js';

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v', blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f', print: '\\x20-\\x7e', graph: '\\x21-\\x7e', word: '\\w',
};

export function escapePattern(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

export function unescapePattern(pattern: string): string {
  return pattern.replace(/\\(.)/gs, '$1');
}

function escapeRegex(ch: string): string {
  return ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** Parses `[...]` starting at `i`; null when there is no closing bracket (then `[` is literal). */
function bracket(pattern: string, i: number): { test: RegExp; end: number } | null {
  let j = i + 1;
  let negate = false;
  if (pattern[j] === '!' || pattern[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  let first = true;
  while (j < pattern.length) {
    const ch = pattern[j];
    if (ch === ']' && !first) return { test: new RegExp(`^[${negate ? '^' : ''}${body}]$`, 's'), end: j + 1 };
    first = false;
    if (ch === '[' && pattern[j + 1] === ':') {
      const close = pattern.indexOf(':]', j + 2);
      const name = close < 0 ? '' : pattern.slice(j + 2, close);
      if (CLASSES[name]) {
        body += CLASSES[name];
        j = close + 2;
        continue;
      }
    }
    if (ch === '\\' && j + 1 < pattern.length) {
      body += escapeRegex(pattern[j + 1]);
      j += 2;
      continue;
    }
    if (ch === '-' && body !== '' && pattern[j + 1] !== ']' && j + 1 < pattern.length) {
      body += '-';
      j++;
      continue;
    }
    body += escapeRegex(ch);
    j++;
  }
  return null;
}

// Patterns are matched by simulating their automaton, never with backtracking regexes, so
// that hostile patterns cost at most (text length × pattern length).
type Token = { star: true } | { star: false; test: (ch: string) => boolean };

const MAX_WORK = 50_000_000;

export class PatternTooComplex extends Error {
  constructor() {
    super('pattern matching too expensive');
  }
}

function compile(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') {
      if (!tokens[tokens.length - 1]?.star) tokens.push({ star: true });
    } else if (ch === '?') {
      tokens.push({ star: false, test: () => true });
    } else if (ch === '[' && bracket(pattern, i)) {
      const b = bracket(pattern, i) as { test: RegExp; end: number };
      tokens.push({ star: false, test: (c) => b.test.test(c) });
      i = b.end - 1;
    } else {
      const lit = ch === '\\' && i + 1 < pattern.length ? pattern[++i] : ch;
      tokens.push({ star: false, test: (c) => c === lit });
    }
  }
  return tokens;
}

class Matcher {
  private work = 0;

  constructor(private readonly tokens: Token[]) {}

  /** accepted[k]: the pattern matches text[from .. from+k); stops once nothing can match. */
  prefixes(text: string, from = 0, step = 1): boolean[] {
    const m = this.tokens.length;
    const start = new Uint8Array(m + 1);
    start[0] = 1;
    let states = this.closure(start);
    const accepted = [states[m] === 1];
    for (let i = from; step > 0 ? i < text.length : i >= 0; i += step) {
      this.work += m + 1;
      if (this.work > MAX_WORK) throw new PatternTooComplex();
      const next = new Uint8Array(m + 1);
      let alive = false;
      for (let p = 0; p < m; p++) {
        if (!states[p]) continue;
        const token = this.tokens[p];
        if (token.star) next[p] = 1;
        else if (token.test(text[i])) next[p + 1] = 1;
        else continue;
        alive = true;
      }
      states = this.closure(next);
      accepted.push(states[m] === 1);
      if (!alive) break;
    }
    return accepted;
  }

  private closure(states: Uint8Array): Uint8Array {
    for (let p = 0; p < this.tokens.length; p++) {
      if (states[p] && this.tokens[p].star) states[p + 1] = 1;
    }
    return states;
  }
}

export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '*' || ch === '?') return true;
    else if (ch === '[' && bracket(pattern, i)) return true;
  }
  return false;
}

export function matchPattern(pattern: string, text: string): boolean {
  if (!hasGlob(pattern)) return unescapePattern(pattern) === text;
  const accepted = new Matcher(compile(pattern)).prefixes(text);
  return accepted.length === text.length + 1 && accepted[text.length];
}

/** `${v#p}`, `${v##p}`, `${v%p}`, `${v%%p}`. */
export function removeAffix(value: string, pattern: string, from: 'prefix' | 'suffix', longest: boolean): string {
  if (!hasGlob(pattern)) {
    const lit = unescapePattern(pattern);
    if (from === 'prefix') return value.startsWith(lit) ? value.slice(lit.length) : value;
    return value.endsWith(lit) ? value.slice(0, value.length - lit.length) : value;
  }
  const tokens = compile(pattern);
  // Suffixes are prefixes of the reversed text under the reversed pattern.
  const accepted = from === 'prefix'
    ? new Matcher(tokens).prefixes(value)
    : new Matcher([...tokens].reverse()).prefixes(value, value.length - 1, -1);
  const lengths = accepted.flatMap((ok, k) => (ok ? [k] : []));
  if (lengths.length === 0) return value;
  const k = longest ? lengths[lengths.length - 1] : lengths[0];
  return from === 'prefix' ? value.slice(k) : value.slice(0, value.length - k);
}

/** `${v/p/r}` and `${v//p/r}`; a leading `#` or `%` anchors the pattern. */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  let anchor = '';
  if (pattern.startsWith('#') || pattern.startsWith('%')) {
    anchor = pattern[0];
    pattern = pattern.slice(1);
  }
  const matcher = new Matcher(compile(pattern));
  const longestFrom = (i: number): number => {
    const accepted = matcher.prefixes(value, i);
    return accepted.lastIndexOf(true);
  };
  if (anchor === '#') {
    const k = longestFrom(0);
    return k < 0 ? value : replacement + value.slice(k);
  }
  if (anchor === '%') {
    for (let i = 0; i <= value.length; i++) {
      if (longestFrom(i) === value.length - i) return value.slice(0, i) + replacement;
    }
    return value;
  }
  if (pattern === '') return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const k = longestFrom(i);
    if (k > 0) {
      out += replacement;
      i += k;
      if (!all) return out + value.slice(i);
    } else {
      out += value[i];
      i++;
    }
  }
  return out;
}

/** Pathname expansion; matches are sorted, relative patterns give relative results. */
export function glob(fs: VirtualFS, cwd: string, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const dirOnly = pattern.endsWith('/');
  const segments = pattern.split('/').filter((s) => s !== '');
  let found: string[] = [absolute ? '/' : ''];
  for (const segment of segments) {
    const next: string[] = [];
    for (const prefix of found) {
      const dir = resolvePath(cwd, prefix || '.');
      const join = (name: string) => (prefix === '' ? name : prefix.endsWith('/') ? prefix + name : `${prefix}/${name}`);
      if (!hasGlob(segment)) {
        const name = unescapePattern(segment);
        if (fs.stat(resolvePath(dir, name))) next.push(join(name));
        continue;
      }
      if (fs.stat(dir)?.type !== 'dir') continue;
      const showHidden = segment.startsWith('.') || segment.startsWith('\\.');
      for (const name of fs.list(dir)) {
        if (name.startsWith('.') && !showHidden) continue;
        if (matchPattern(segment, name)) next.push(join(name));
      }
    }
    found = next;
    if (found.length === 0) return [];
  }
  if (dirOnly) found = found.filter((p) => fs.stat(resolvePath(cwd, p))?.type === 'dir').map((p) => `${p}/`);
  return found.sort();
}
