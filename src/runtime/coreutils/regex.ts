// POSIX regular expressions (basic and extended, with the GNU extensions \w \W \s \S \b \B
// \< \> \| \+ \?), translated to RE2 syntax and matched leftmost-longest by the linear-time
// engine in util/linearregex.ts; a compiled expression has an overall work cap. Back-references
// are refused: RE2 has none, and matching them is NP-hard.

import { LinearRegex, RegexLimitError, RegexSyntaxError } from '../../util/linearregex.js';

export class RegexError extends Error {}

/** A piece of RE2 syntax; `lookbehind` when it needs re2js's lookbehinds. */
type Atom = { t: 'atom'; re: string; lookbehind?: boolean };

type Node = Atom | { t: 'cat'; items: Node[] } | { t: 'alt'; items: Node[] } | { t: 'rep'; node: Node; min: number; max: number };

type Token = Atom | { t: '(' | ')' | '|' | '*' | '+' | '?' | '^' | '$' } | { t: 'interval'; min: number; max: number };

const MAX_PROGRAM = 20_000;
const MAX_REPEAT = 255;
const MAX_WORK = 50_000_000;

const CLASSES = new Set(['alpha', 'digit', 'alnum', 'upper', 'lower', 'space', 'blank', 'punct', 'xdigit', 'cntrl', 'print', 'graph']);
/** One character as RE2 reads it anywhere, in or out of brackets. */
const lit = (ch: string) => `\\x{${ch.codePointAt(0)!.toString(16)}}`;
const atom = (re: string, lookbehind = false): Atom => ({ t: 'atom', re, lookbehind });
const ESCAPES: Record<string, Atom> = {
  w: atom('\\w'),
  W: atom('\\W'),
  s: atom('\\s'),
  S: atom('\\S'),
  b: atom('\\b'),
  B: atom('\\B'),
  // A boundary with no word character before it starts a word; RE2 has no \< or \>.
  '<': atom('(?<!\\w)\\b', true),
  '>': atom('(?<=\\w)\\b', true),
};

function bracket(src: string, i: number): { token: Token; end: number } {
  let j = i + 1;
  const negate = src[j] === '^';
  if (negate) j++;
  let body = '';
  let first = true;
  for (;;) {
    if (j >= src.length) throw new RegexError('Unmatched [, [^, [:, [., or [=');
    const ch = src[j];
    if (ch === ']' && !first) break;
    first = false;
    if (ch === '[' && src[j + 1] === ':') {
      const close = src.indexOf(':]', j + 2);
      const name = close < 0 ? '' : src.slice(j + 2, close);
      if (!CLASSES.has(name)) throw new RegexError('Invalid character class name');
      body += `[:${name}:]`;
      j = close + 2;
    } else if (src[j + 1] === '-' && src[j + 2] !== undefined && src[j + 2] !== ']') {
      const lo = ch;
      const hi = src[j + 2];
      if (hi < lo) throw new RegexError('Invalid range end');
      body += `${lit(lo)}-${lit(hi)}`;
      j += 3;
    } else {
      body += lit(ch);
      j++;
    }
  }
  // A negated list never matches a newline, as with REG_NEWLINE.
  return { token: atom(negate ? `[^${body}\\n]` : `[${body}]`), end: j + 1 };
}

function tokenize(src: string, extended: boolean): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    const prev = tokens[tokens.length - 1];
    const atStart = !prev || prev.t === '(' || prev.t === '|';
    if (ch === '\\') {
      const next = src[++i];
      if (next === undefined) throw new RegexError('Trailing backslash');
      if (/[1-9]/.test(next)) throw new RegexError('back-references are not supported');
      if (ESCAPES[next]) tokens.push(ESCAPES[next]);
      else if (!extended && '(|)+?'.includes(next)) tokens.push({ t: next as '(' });
      else if (!extended && next === '{') i = interval(src, i, tokens, '\\}');
      else tokens.push(atom(lit(next === 'n' ? '\n' : next === 't' ? '\t' : next)));
    } else if (ch === '[') {
      const b = bracket(src, i);
      tokens.push(b.token);
      i = b.end - 1;
    } else if (ch === '.') {
      tokens.push(atom('[^\\n]'));
    } else if (ch === '*') {
      tokens.push(atStart || prev?.t === '^' ? atom(lit('*')) : { t: '*' });
    } else if (ch === '^') {
      tokens.push(extended || atStart ? { t: '^' } : atom(lit('^')));
    } else if (ch === '$') {
      const end = i === src.length - 1 || (!extended && (src.startsWith('\\)', i + 1) || src.startsWith('\\|', i + 1)));
      tokens.push(extended || end ? { t: '$' } : atom(lit('$')));
    } else if (extended && '()|+?'.includes(ch)) {
      tokens.push(atStart && (ch === '+' || ch === '?') ? atom(lit(ch)) : { t: ch as '(' });
    } else if (extended && ch === '{' && /^\{\d+(,\d*)?\}/.test(src.slice(i)) && !atStart) {
      i = interval(src, i, tokens, '}');
    } else tokens.push(atom(lit(ch)));
  }
  return tokens;
}

function interval(src: string, i: number, tokens: Token[], close: string): number {
  const end = src.indexOf(close, i);
  const m = end < 0 ? null : /^(\d+)(,(\d*))?$/.exec(src.slice(i + 1, end));
  if (!m) throw new RegexError('Invalid content of \\{\\}');
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  if (min > max || min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) throw new RegexError('Invalid content of \\{\\}');
  tokens.push({ t: 'interval', min, max });
  return end + close.length - 1;
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.alt();
    if (this.i < this.tokens.length) throw new RegexError('Unmatched ) or \\)');
    return node;
  }

  private alt(): Node {
    const items = [this.cat()];
    while (this.tokens[this.i]?.t === '|') {
      this.i++;
      items.push(this.cat());
    }
    return items.length === 1 ? items[0] : { t: 'alt', items };
  }

  private cat(): Node {
    const items: Node[] = [];
    for (let tok = this.tokens[this.i]; tok && tok.t !== '|' && tok.t !== ')'; tok = this.tokens[this.i]) {
      let node = this.atom();
      for (let q = this.tokens[this.i]; q && (q.t === '*' || q.t === '+' || q.t === '?' || q.t === 'interval'); q = this.tokens[this.i]) {
        this.i++;
        const [min, max] = q.t === 'interval' ? [q.min, q.max] : q.t === '*' ? [0, Infinity] : q.t === '+' ? [1, Infinity] : [0, 1];
        node = { t: 'rep', node, min, max };
      }
      items.push(node);
    }
    return { t: 'cat', items };
  }

  private atom(): Node {
    const tok = this.tokens[this.i++];
    switch (tok.t) {
      case 'atom':
        return tok;
      case '^':
      case '$':
        return atom(tok.t);
      case '(': {
        const node = this.alt();
        if (this.tokens[this.i++]?.t !== ')') throw new RegexError('Unmatched ( or \\(');
        return node;
      }
      default:
        throw new RegexError('Invalid preceding regular expression');
    }
  }
}

/** The tree in RE2 syntax; groups become non-capturing, as nothing reads their submatches. */
function emit(node: Node): string {
  switch (node.t) {
    case 'atom':
      return node.re;
    case 'cat':
      return node.items.length ? node.items.map(emit).join('') : '(?:)';
    case 'alt':
      return `(?:${node.items.map(emit).join('|')})`;
    case 'rep': {
      const q = node.max === Infinity ? (node.min === 0 ? '*' : node.min === 1 ? '+' : `{${node.min},}`) : node.min === 0 && node.max === 1 ? '?' : `{${node.min},${node.max}}`;
      return `(?:${emit(node.node)})${q}`;
    }
  }
}

const needsLookbehind = (node: Node): boolean =>
  node.t === 'atom' ? !!node.lookbehind : node.t === 'rep' ? needsLookbehind(node.node) : node.items.some(needsLookbehind);

export class Regex {
  private readonly re: LinearRegex;

  constructor(source: string, opts: { extended?: boolean; ignoreCase?: boolean } = {}) {
    const tree = new Parser(tokenize(source, opts.extended ?? false)).parse();
    try {
      this.re = new LinearRegex(emit(tree), {
        ignoreCase: opts.ignoreCase, longest: true, lookbehinds: needsLookbehind(tree), maxProgram: MAX_PROGRAM, maxWork: MAX_WORK,
      });
    } catch (e) {
      // The translation is valid RE2, so what the engine refuses is its size (repeat counts, program).
      if (e instanceof RegexSyntaxError) throw new RegexError('Regular expression too big');
      throw e;
    }
  }

  /** Work spent so far, in the engine's units. */
  get work(): number {
    return this.re.work;
  }

  test(text: string): boolean {
    return this.guard(() => this.re.test(text));
  }

  /** Leftmost-longest match at or after `from`. */
  exec(text: string, from = 0): { start: number; end: number } | null {
    return this.guard(() => this.re.find(text, from));
  }

  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof RegexLimitError) throw new RegexError(e.message);
      throw e;
    }
  }
}
