// Enough of nginx's configuration language to run the snippets of ingress-nginx annotations:
// `set`, `if` with = != ~ ~* !~ !~* and bare variables, `return`, `rewrite`, `break`,
// `add_header` and `more_set_headers`, with $variables, ${braces} and regex captures $1..$9.
// Anything else is reported, so the controller can log it instead of silently ignoring it.
// Regexes run as pcre.ts says: linear time, with a match limit that fails the request.

import { pcreExec, unsupportedRegex } from './pcre.js';

export interface Directive {
  name: string;
  args: { text: string; quoted: boolean }[];
  block?: Directive[];
  line: number;
}

export interface Snippet {
  directives: Directive[];
  /** What kctl will not do, one message each (unknown directives, file tests, syntax errors). */
  issues: string[];
}

const SUPPORTED = new Set(['set', 'if', 'return', 'rewrite', 'break', 'add_header', 'more_set_headers']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

type Token = { text: string; quoted: boolean; line: number } | { special: ';' | '{' | '}'; line: number };

/** nginx unescapes \" \' \\ \t \r \n in arguments and keeps other backslashes, so `\d` reaches PCRE. */
function unescape(ch: string): string {
  return ch === 't' ? '\t' : ch === 'r' ? '\r' : ch === 'n' ? '\n' : '"\'\\'.includes(ch) ? ch : `\\${ch}`;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') line++;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === ';' || c === '{' || c === '}') {
      out.push({ special: c, line });
      i++;
    } else if (c === '"' || c === "'") {
      let text = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\' && i + 1 < src.length) {
          text += unescape(src[i + 1]);
          i += 2;
          continue;
        }
        if (src[i] === '\n') line++;
        text += src[i++];
      }
      if (i >= src.length) throw new SyntaxError(`unexpected end of file, expecting ${c} in line ${line}`);
      i++;
      out.push({ text, quoted: true, line });
    } else {
      let text = '';
      while (i < src.length && !/[\s;{}]/.test(src[i])) {
        if (src[i] === '\\' && i + 1 < src.length) {
          text += unescape(src[i + 1]);
          i += 2;
          continue;
        }
        text += src[i++];
      }
      out.push({ text, quoted: false, line });
    }
  }
  return out;
}

function parseBlock(tokens: Token[], pos: { i: number }, nested: boolean): Directive[] {
  const out: Directive[] = [];
  let current: Directive | undefined;
  while (pos.i < tokens.length) {
    const t = tokens[pos.i++];
    if ('special' in t) {
      if (t.special === '}') {
        if (!nested || current) throw new SyntaxError(`unexpected "}" in line ${t.line}`);
        return out;
      }
      if (!current) throw new SyntaxError(`unexpected "${t.special}" in line ${t.line}`);
      if (t.special === '{') current.block = parseBlock(tokens, pos, true);
      out.push(current);
      current = undefined;
      continue;
    }
    if (!current) current = { name: t.text, args: [], line: t.line };
    else current.args.push({ text: t.text, quoted: t.quoted });
  }
  if (current) throw new SyntaxError(`unexpected end of file, expecting ";" or "}" in line ${current.line}`);
  if (nested) throw new SyntaxError('unexpected end of file, expecting "}"');
  return out;
}

/** The `if` condition's words without the parentheses around them. */
function conditionWords(d: Directive): Directive['args'] {
  const args = d.args.map((a) => ({ ...a }));
  if (!args.length) return args;
  if (!args[0].quoted) args[0].text = args[0].text.replace(/^\(/, '');
  const last = args[args.length - 1];
  if (!last.quoted) last.text = last.text.replace(/\)$/, '');
  return args.filter((a, i) => a.quoted || a.text !== '' || (i !== 0 && i !== args.length - 1));
}

function check(list: Directive[], issues: string[]): void {
  for (const d of list) {
    if (!SUPPORTED.has(d.name)) {
      issues.push(`directive "${d.name}" (line ${d.line}) is not simulated and is ignored`);
      continue;
    }
    if (d.name === 'if') {
      const w = conditionWords(d);
      if (!(w.length === 1 || (w.length === 3 && ['=', '!=', '~', '~*', '!~', '!~*'].includes(w[1].text)))) {
        issues.push(`condition "${d.args.map((a) => a.text).join(' ')}" (line ${d.line}) is not simulated; the block never runs`);
      } else if (w.length === 3 && w[1].text.includes('~')) {
        const why = unsupportedRegex(w[2].text);
        if (why) issues.push(`regex "${w[2].text}" (line ${d.line}) is not simulated (${why}); it never matches`);
      }
      check(d.block ?? [], issues);
    }
    if (d.name === 'rewrite' && d.args.length >= 2) {
      const why = unsupportedRegex(d.args[0].text);
      if (why) issues.push(`regex "${d.args[0].text}" (line ${d.line}) is not simulated (${why}); the rewrite never applies`);
    }
    if (d.name === 'return' && d.args.length && !/^\d{3}$/.test(d.args[0].text) && !/^(https?:\/\/|\$scheme)/.test(d.args[0].text)) {
      issues.push(`"return ${d.args[0].text}" (line ${d.line}) is not a status code or URL`);
    }
  }
}

export function parseSnippet(text: string): Snippet {
  try {
    const directives = parseBlock(tokenize(text), { i: 0 }, false);
    const issues: string[] = [];
    check(directives, issues);
    return { directives, issues };
  } catch (e) {
    return { directives: [], issues: [`${(e as Error).message}; the snippet is ignored`] };
  }
}

/** The request as nginx's variables see it. */
export interface SnippetRequest {
  uri: string;
  args: string;
  variables: (name: string) => string | undefined;
}

export interface SnippetResult {
  /** A `return` or redirecting `rewrite` ended the request. */
  response?: { status: number; location?: string; body?: string };
  /** The URI after `rewrite … break|last`. */
  uri: string;
  headers: [string, string][];
}

class Interpreter {
  readonly vars = new Map<string, string>();
  captures: string[] = [];
  readonly headers: [string, string][] = [];
  uri: string;
  stopped = false;

  constructor(private readonly req: SnippetRequest) {
    this.uri = req.uri;
  }

  variable(name: string): string {
    if (/^\d$/.test(name)) return this.captures[Number(name)] ?? '';
    if (this.vars.has(name)) return this.vars.get(name)!;
    if (name === 'uri' || name === 'document_uri') return this.uri;
    return this.req.variables(name) ?? '';
  }

  expand(text: string): string {
    return text.replace(/\$(?:\{(\w+)\}|(\d|\w+))/g, (_, a: string | undefined, b: string | undefined) => this.variable((a ?? b)!));
  }

  condition(d: Directive): boolean {
    const w = conditionWords(d);
    if (w.length === 1) {
      const v = this.expand(w[0].text);
      return v !== '' && v !== '0';
    }
    if (w.length !== 3) return false;
    const left = this.expand(w[0].text);
    const op = w[1].text;
    if (op === '=' || op === '!=') return (left === this.expand(w[2].text)) === (op === '=');
    const m = pcreExec(w[2].text, left, op.endsWith('*'));
    if (m && !op.startsWith('!')) this.captures = m;
    return op.startsWith('!') ? !m : !!m;
  }

  run(list: Directive[]): SnippetResult['response'] {
    for (const d of list) {
      if (this.stopped) return undefined;
      const a = d.args.map((x) => x.text);
      switch (d.name) {
        case 'set':
          if (a.length === 2 && a[0].startsWith('$')) this.vars.set(a[0].slice(1), this.expand(a[1]));
          break;
        case 'if':
          if (this.condition(d)) {
            const r = this.run(d.block ?? []);
            if (r) return r;
          }
          break;
        case 'break':
          this.stopped = true;
          break;
        case 'return': {
          const r = this.returnResponse(a);
          if (r) return r;
          break;
        }
        case 'rewrite': {
          const r = this.rewrite(a);
          if (r) return r;
          break;
        }
        case 'add_header':
          if (a.length >= 2) this.headers.push([this.expand(a[0]), this.expand(a[1])]);
          break;
        case 'more_set_headers':
          for (const h of a) {
            const m = /^([^:]+):\s*(.*)$/.exec(this.expand(h));
            if (m) this.headers.push([m[1], m[2]]);
          }
          break;
      }
    }
    return undefined;
  }

  private returnResponse(a: string[]): SnippetResult['response'] {
    if (!a.length) return undefined;
    if (!/^\d{3}$/.test(a[0])) return /^(https?:\/\/|\$scheme)/.test(a[0]) ? { status: 302, location: this.expand(a[0]) } : undefined;
    const status = Number(a[0]);
    const arg = a[1] === undefined ? undefined : this.expand(a[1]);
    return REDIRECTS.has(status) ? { status, location: arg } : { status, body: arg };
  }

  private rewrite(a: string[]): SnippetResult['response'] {
    if (a.length < 2) return undefined;
    const m = pcreExec(a[0], this.uri);
    if (!m) return undefined;
    this.captures = m;
    let target = this.expand(a[1]);
    const flag = a[2];
    // A replacement ending in `?` drops the original arguments.
    const keepArgs = !target.endsWith('?');
    if (!keepArgs) target = target.slice(0, -1);
    if (flag === 'redirect' || flag === 'permanent' || /^(https?:\/\/)/.test(target)) {
      const args = keepArgs && this.req.args ? `${target.includes('?') ? '&' : '?'}${this.req.args}` : '';
      return { status: flag === 'permanent' ? 301 : 302, location: target + args };
    }
    this.uri = target;
    if (flag === 'break' || flag === 'last') this.stopped = true;
    return undefined;
  }
}

/** Runs a parsed snippet against a request. */
export function runSnippet(s: Snippet, req: SnippetRequest): SnippetResult {
  const it = new Interpreter(req);
  const response = it.run(s.directives);
  return { response, uri: it.uri, headers: it.headers };
}
