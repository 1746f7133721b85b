// POSIX regular expressions (basic and extended, with the GNU extensions \w \W \s \S \b \B
// \< \> \| \+ \?), matched by simulating a Thompson NFA. JS RegExp backtracks and can take
// exponential time on hostile patterns; this engine takes at most (text × pattern) steps per
// search, and every compiled expression has an overall work cap. Back-references are refused.

export class RegexError extends Error {}

type Test = (ch: string) => boolean;
type Check = (text: string, i: number) => boolean;

type Node =
  | { t: 'char'; test: Test }
  | { t: 'assert'; check: Check }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number };

type Token =
  | { t: 'char'; test: Test }
  | { t: 'assert'; check: Check }
  | { t: '(' | ')' | '|' | '*' | '+' | '?' | '^' | '$' }
  | { t: 'interval'; min: number; max: number };

const MAX_STATES = 20_000;
const MAX_REPEAT = 255;
const MAX_WORK = 200_000_000;

const isWord = (ch: string | undefined) => ch !== undefined && /\w/.test(ch);
const CLASSES: Record<string, Test> = {
  alpha: (c) => /[a-zA-Z]/.test(c), digit: (c) => /[0-9]/.test(c), alnum: (c) => /[a-zA-Z0-9]/.test(c),
  upper: (c) => /[A-Z]/.test(c), lower: (c) => /[a-z]/.test(c), space: (c) => /\s/.test(c),
  blank: (c) => c === ' ' || c === '\t', punct: (c) => /[!-/:-@[-`{-~]/.test(c), xdigit: (c) => /[0-9a-fA-F]/.test(c),
  cntrl: (c) => c < ' ' || c === '\x7f', print: (c) => c >= ' ' && c <= '~', graph: (c) => c > ' ' && c <= '~',
};
const ESCAPES: Record<string, Token> = {
  w: { t: 'char', test: (c) => isWord(c) },
  W: { t: 'char', test: (c) => !isWord(c) },
  s: { t: 'char', test: (c) => /\s/.test(c) },
  S: { t: 'char', test: (c) => !/\s/.test(c) },
  b: { t: 'assert', check: (s, i) => isWord(s[i - 1]) !== isWord(s[i]) },
  B: { t: 'assert', check: (s, i) => isWord(s[i - 1]) === isWord(s[i]) },
  '<': { t: 'assert', check: (s, i) => !isWord(s[i - 1]) && isWord(s[i]) },
  '>': { t: 'assert', check: (s, i) => isWord(s[i - 1]) && !isWord(s[i]) },
};

function bracket(src: string, i: number, fold: (t: Test) => Test): { token: Token; end: number } {
  let j = i + 1;
  const negate = src[j] === '^';
  if (negate) j++;
  const tests: Test[] = [];
  let first = true;
  for (;;) {
    if (j >= src.length) throw new RegexError('Unmatched [, [^, [:, [., or [=');
    const ch = src[j];
    if (ch === ']' && !first) break;
    first = false;
    if (ch === '[' && src[j + 1] === ':') {
      const close = src.indexOf(':]', j + 2);
      const test = close < 0 ? undefined : CLASSES[src.slice(j + 2, close)];
      if (!test) throw new RegexError('Invalid character class name');
      tests.push(test);
      j = close + 2;
    } else if (src[j + 1] === '-' && src[j + 2] !== undefined && src[j + 2] !== ']') {
      const lo = ch;
      const hi = src[j + 2];
      if (hi < lo) throw new RegexError('Invalid range end');
      tests.push((c) => c >= lo && c <= hi);
      j += 3;
    } else {
      tests.push((c) => c === ch);
      j++;
    }
  }
  const test = fold((c) => tests.some((t) => t(c)));
  return { token: { t: 'char', test: negate ? (c) => !test(c) && c !== '\n' : test }, end: j + 1 };
}

function tokenize(src: string, extended: boolean, fold: (t: Test) => Test): Token[] {
  const tokens: Token[] = [];
  const literal = (ch: string): Token => ({ t: 'char', test: fold((c) => c === ch) });
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
      else tokens.push(literal(next === 'n' ? '\n' : next === 't' ? '\t' : next));
    } else if (ch === '[') {
      const b = bracket(src, i, fold);
      tokens.push(b.token);
      i = b.end - 1;
    } else if (ch === '.') {
      tokens.push({ t: 'char', test: (c) => c !== '\n' });
    } else if (ch === '*') {
      tokens.push(atStart || prev?.t === '^' ? literal('*') : { t: '*' });
    } else if (ch === '^') {
      tokens.push(extended || atStart ? { t: '^' } : literal('^'));
    } else if (ch === '$') {
      const end = i === src.length - 1 || (!extended && (src.startsWith('\\)', i + 1) || src.startsWith('\\|', i + 1)));
      tokens.push(extended || end ? { t: '$' } : literal('$'));
    } else if (extended && '()|+?'.includes(ch)) {
      tokens.push(atStart && (ch === '+' || ch === '?') ? literal(ch) : { t: ch as '(' });
    } else if (extended && ch === '{' && /^\{\d+(,\d*)?\}/.test(src.slice(i)) && !atStart) {
      i = interval(src, i, tokens, '}');
    } else tokens.push(literal(ch));
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
      case 'char':
        return { t: 'char', test: tok.test };
      case 'assert':
        return { t: 'assert', check: tok.check };
      case '^':
        return { t: 'assert', check: (_, i) => i === 0 };
      case '$':
        return { t: 'assert', check: (s, i) => i === s.length };
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

type State =
  | { k: 'char'; test: Test; out: number }
  | { k: 'assert'; check: Check; out: number }
  | { k: 'split'; out: number; out2: number }
  | { k: 'match' };

export class Regex {
  private readonly states: State[] = [];
  private readonly start: number;
  private work = 0;

  constructor(source: string, opts: { extended?: boolean; ignoreCase?: boolean } = {}) {
    const fold = (t: Test): Test => (opts.ignoreCase ? (c) => t(c) || t(c.toLowerCase()) || t(c.toUpperCase()) : t);
    const tree = new Parser(tokenize(source, opts.extended ?? false, fold)).parse();
    const matchState = this.add({ k: 'match' });
    this.start = this.build(tree, matchState);
  }

  private add(state: State): number {
    if (this.states.length >= MAX_STATES) throw new RegexError('Regular expression too big');
    this.states.push(state);
    return this.states.length - 1;
  }

  /** Builds states for `node` that continue to `next`; returns the entry state. */
  private build(node: Node, next: number): number {
    switch (node.t) {
      case 'char':
        return this.add({ k: 'char', test: node.test, out: next });
      case 'assert':
        return this.add({ k: 'assert', check: node.check, out: next });
      case 'cat':
        return node.items.reduceRight((out, item) => this.build(item, out), next);
      case 'alt': {
        const entries = node.items.map((item) => this.build(item, next));
        return entries.reduceRight((rest, entry) => this.add({ k: 'split', out: entry, out2: rest }));
      }
      case 'rep': {
        let entry = next;
        if (node.max === Infinity) {
          const loop = this.add({ k: 'split', out: -1, out2: next });
          const body = this.build(node.node, loop);
          (this.states[loop] as { out: number }).out = body;
          entry = loop;
        } else {
          for (let n = node.min; n < node.max; n++) entry = this.add({ k: 'split', out: this.build(node.node, entry), out2: next });
        }
        for (let n = 0; n < node.min; n++) entry = this.build(node.node, entry);
        return entry;
      }
    }
  }

  private closure(set: Uint8Array, list: number[], state: number, text: string, pos: number): void {
    const stack = [state];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (set[s]) continue;
      set[s] = 1;
      const st = this.states[s];
      if (st.k === 'split') stack.push(st.out2, st.out);
      else if (st.k === 'assert') {
        if (st.check(text, pos)) stack.push(st.out);
      } else list.push(s);
    }
  }

  /**
   * Runs the automaton over text from `from`. Anchored: only matches starting at `from`, and
   * returns the end of the longest one (-1 if none). Unanchored: returns the end of the first
   * match found anywhere (-1 if none).
   */
  private run(text: string, from: number, anchored: boolean): number {
    const n = this.states.length;
    let list: number[] = [];
    let best = -1;
    this.closure(new Uint8Array(n), list, this.start, text, from);
    for (let pos = from; ; pos++) {
      if (list.some((s) => this.states[s].k === 'match')) {
        best = pos;
        if (!anchored) return pos;
      }
      if (pos >= text.length || (anchored && list.length === 0)) return best;
      this.work += list.length + 1;
      if (this.work > MAX_WORK) throw new RegexError('regular expression too expensive');
      const nextSet = new Uint8Array(n);
      const nextList: number[] = [];
      for (const s of list) {
        const st = this.states[s];
        if (st.k === 'char' && st.test(text[pos])) this.closure(nextSet, nextList, st.out, text, pos + 1);
      }
      if (!anchored) this.closure(nextSet, nextList, this.start, text, pos + 1);
      list = nextList;
    }
  }

  test(text: string): boolean {
    return this.run(text, 0, false) >= 0;
  }

  /** Leftmost-longest match at or after `from`. */
  exec(text: string, from = 0): { start: number; end: number } | null {
    if (from === 0 && !this.test(text)) return null;
    for (let start = from; start <= text.length; start++) {
      const end = this.run(text, start, true);
      if (end >= 0) return { start, end };
    }
    return null;
  }
}
