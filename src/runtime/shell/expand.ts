// Word expansion: braces (bash), tilde, parameters, command substitution, arithmetic, field
// splitting, pathname expansion and quote removal, in POSIX order.
//
// A word first becomes a list of pieces that remember whether they were quoted (then they
// are neither split nor globbed) and whether they came from an expansion (only those are
// split). Globbing sees quoted characters backslash-escaped, see pattern.ts.

import { LimitError } from './limits.js';
import type { ParamOp, Word, WordPart } from './nodes.js';
import { escapePattern, glob, hasGlob, removeAffix, replacePattern } from './pattern.js';
import { braceExpand } from './braces.js';
import type { Interp } from './interp.js';
import { userByName } from '../coreutils/identity.js';

interface Piece {
  text: string;
  quoted: boolean;
  split: boolean;
}

/** A field boundary that is not produced by splitting: between the words of "$@". */
type Pieces = (Piece | null)[];

interface Field {
  text: string;
  pattern: string;
  keep: boolean;
}

const DEFAULT_IFS = ' \t\n';
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ANSI: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?',
};

export class Expander {
  constructor(private readonly sh: Interp) {}

  /** Command words → fields, with splitting and globbing. */
  async fields(words: Word[]): Promise<string[]> {
    const out: string[] = [];
    for (const word of words) {
      for (const w of this.sh.rt.config.flavor === 'bash' ? braceExpand(word, this.sh.rt.config.limits) : [word]) {
        for (const field of this.split(await this.pieces(w.parts, false))) out.push(...this.globField(field));
      }
    }
    return out;
  }

  /** One string, no splitting or globbing: assignments, redirection targets, `case` words. */
  async string(word: Word): Promise<string> {
    return this.join(await this.pieces(word.parts, false));
  }

  /** A pattern for `case` or `${v#…}`: quoted characters are escaped. */
  async pattern(word: Word): Promise<string> {
    return (await this.pieces(word.parts, false))
      .map((p) => (p === null ? ' ' : p.quoted ? escapePattern(p.text) : p.text))
      .join('');
  }

  private join(pieces: Pieces): string {
    const text = pieces.map((p) => (p === null ? ' ' : p.text)).join('');
    if (text.length > this.sh.rt.config.limits.maxOutput) throw new LimitError('output', this.sh.rt.config.limits);
    return text;
  }

  private async pieces(parts: WordPart[], inDq: boolean): Promise<Pieces> {
    const out: Pieces = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      switch (part.type) {
        case 'lit': {
          let value = part.value;
          if (i === 0 && !inDq && value.startsWith('~')) {
            const tilde = this.tilde(value);
            if (tilde) {
              out.push({ text: tilde.home, quoted: true, split: false });
              value = value.slice(tilde.length);
            }
          }
          out.push(...(inDq ? unescapeDq(value) : unescapeLit(value)));
          break;
        }
        case 'hdoc':
          out.push({ text: unescapeHeredoc(part.value), quoted: true, split: false });
          break;
        case 'sq':
          out.push({ text: part.ansi ? ansiC(part.value) : part.value, quoted: true, split: false });
          break;
        case 'dq': {
          // "" is an empty field, but "$@" with no arguments is no field at all.
          const only = part.parts.length === 1 ? part.parts[0] : null;
          const bareAt = only?.type === 'param' && only.name === '@' && !only.length && !only.op && !only.slice && !only.repl;
          if (!bareAt) out.push({ text: '', quoted: true, split: false });
          out.push(...(await this.pieces(part.parts, true)));
          break;
        }
        case 'param':
          out.push(...(await this.param(part, inDq)));
          break;
        case 'cmdsubst':
          out.push(this.result(await this.sh.commandSubstitution(part.stmts), inDq));
          break;
        case 'arith':
          out.push(this.result(String(await this.sh.arithmetic(part.expr)), inDq));
          break;
        case 'brace':
          // Only command words are brace-expanded (before this point); mvdan-sh marks no others.
          this.sh.fatal('brace expansion not supported here', 2);
        case 'unsupported':
          this.sh.fatal(`${part.what}: not supported`, 2);
      }
    }
    return out;
  }

  private result(text: string, inDq: boolean): Piece {
    if (text.length > this.sh.rt.config.limits.maxOutput) throw new LimitError('output', this.sh.rt.config.limits);
    return { text, quoted: inDq, split: !inDq };
  }

  private tilde(lit: string): { home: string; length: number } | null {
    const m = /^~([A-Za-z0-9_.-]*)(?=\/|$)/.exec(lit);
    if (!m) return null;
    const home = m[1] === '' ? this.sh.getVar('HOME') ?? '/root' : userByName(this.sh.rt.fs, m[1])?.home;
    return home === undefined ? null : { home, length: m[0].length };
  }

  private special(name: string): string | undefined {
    const st = this.sh.st;
    switch (name) {
      case '@':
      case '*':
        return st.positional.join(' ');
      case '#':
        return String(st.positional.length);
      case '?':
        return String(st.status);
      case '$':
        return String(this.sh.rt.pid);
      case '!':
        return st.lastBackground || undefined;
      case '-':
        return this.sh.optionFlags();
      case '0':
        return st.arg0;
      default:
        if (/^\d+$/.test(name)) return st.positional[Number(name) - 1];
        return this.sh.getVar(name);
    }
  }

  private async param(p: Extract<WordPart, { type: 'param' }>, inDq: boolean): Promise<Pieces> {
    const st = this.sh.st;
    const all = p.name === '@' || p.name === '*';
    if (all && !p.length && !p.op && !p.slice && !p.repl) return this.positional(p.name, inDq);
    let name = p.name;
    if (p.indirect) name = this.special(name) ?? '';
    let value = this.special(name);
    const isSet = all ? st.positional.length > 0 : value !== undefined;
    if (p.length) {
      if (!isSet && st.options.nounset && !all) this.unset(name);
      return [this.result(String(all ? st.positional.length : (value ?? '').length), inDq)];
    }
    if (p.op) {
      const colon = p.op.startsWith(':');
      const present = colon ? isSet && value !== '' : isSet;
      switch (p.op) {
        case '-':
        case ':-':
          if (!present) return p.arg ? this.withQuoting(await this.pieces(p.arg.parts, inDq), inDq) : [];
          break;
        case '=':
        case ':=':
          if (!present) {
            if (!NAME.test(name)) this.sh.fatal(`${name}: bad variable name`, 2);
            value = p.arg ? await this.string(p.arg) : '';
            this.sh.setVar(name, value);
          }
          break;
        case '+':
        case ':+':
          if (!present) return [];
          return p.arg ? this.withQuoting(await this.pieces(p.arg.parts, inDq), inDq) : [];
        case '?':
        case ':?':
          if (!present) {
            const message = p.arg ? await this.string(p.arg) : 'parameter null or not set';
            this.sh.fatal(`${name}: ${message}`, this.sh.rt.config.flavor === 'bash' ? 1 : 2);
          }
          break;
        default:
          value = await this.transform(p.op, value ?? '', p.arg);
      }
    }
    if (value === undefined && st.options.nounset && !all) this.unset(name);
    value ??= '';
    if (p.slice) value = await this.slice(value, p.slice);
    if (p.repl) {
      const pattern = await this.pattern(p.repl.orig);
      const replacement = p.repl.with ? await this.string(p.repl.with) : '';
      value = replacePattern(value, pattern, replacement, p.repl.all);
    }
    return [this.result(value, inDq)];
  }

  /** Unquoted words inside `${v:-word}` are split like any unquoted expansion. */
  private withQuoting(pieces: Pieces, inDq: boolean): Pieces {
    return inDq ? pieces : pieces.map((p) => (p && !p.quoted ? { ...p, split: true } : p));
  }

  private positional(name: string, inDq: boolean): Pieces {
    const args = this.sh.st.positional;
    if (inDq && name === '*') {
      const ifs = this.sh.getVar('IFS') ?? DEFAULT_IFS;
      return [this.result(args.join(ifs.slice(0, 1)), true)];
    }
    const out: Pieces = [];
    args.forEach((arg, i) => {
      if (i > 0) out.push(null);
      out.push({ text: arg, quoted: inDq, split: !inDq });
    });
    return out;
  }

  private unset(name: string): never {
    const bash = this.sh.rt.config.flavor === 'bash';
    return this.sh.fatal(bash ? `${name}: unbound variable` : `${name}: parameter not set`, bash ? 1 : 2);
  }

  private async transform(op: ParamOp, value: string, arg: Word | null): Promise<string> {
    const pattern = arg ? await this.pattern(arg) : '';
    switch (op) {
      case '#':
      case '##':
        return removeAffix(value, pattern, 'prefix', op === '##');
      case '%':
      case '%%':
        return removeAffix(value, pattern, 'suffix', op === '%%');
      case '^':
        return value.slice(0, 1).toUpperCase() + value.slice(1);
      case '^^':
        return value.toUpperCase();
      case ',':
        return value.slice(0, 1).toLowerCase() + value.slice(1);
      default:
        return value.toLowerCase();
    }
  }

  private async slice(value: string, slice: NonNullable<Extract<WordPart, { type: 'param' }>['slice']>): Promise<string> {
    let offset = Number(await this.sh.arithmetic(slice.offset));
    if (offset < 0) offset = Math.max(0, value.length + offset);
    if (!slice.length) return value.slice(offset);
    let length = Number(await this.sh.arithmetic(slice.length));
    if (length < 0) length = Math.max(0, value.length + length - offset);
    return value.slice(offset, offset + length);
  }

  private split(pieces: Pieces): Field[] {
    const ifs = this.sh.getVar('IFS') ?? DEFAULT_IFS;
    const fields: Field[] = [];
    let cur: Field | null = null;
    let endedByWhitespace = false;
    const open = (): Field => (cur ??= { text: '', pattern: '', keep: false });
    const close = () => {
      if (cur && (cur.text !== '' || cur.keep)) fields.push(cur);
      cur = null;
    };
    for (const piece of pieces) {
      if (piece === null) {
        close();
        continue;
      }
      if (piece.quoted || !piece.split || ifs === '') {
        const f = open();
        f.text += piece.text;
        f.pattern += piece.quoted ? escapePattern(piece.text) : piece.text;
        if (piece.quoted) f.keep = true;
        endedByWhitespace = false;
        continue;
      }
      for (const ch of piece.text) {
        if (!ifs.includes(ch)) {
          const f = open();
          f.text += ch;
          f.pattern += ch;
          endedByWhitespace = false;
        } else if (DEFAULT_IFS.includes(ch)) {
          if (cur) {
            close();
            endedByWhitespace = true;
          }
        } else {
          if (cur) close();
          else if (!endedByWhitespace) fields.push({ text: '', pattern: '', keep: true });
          endedByWhitespace = false;
        }
      }
    }
    close();
    return fields;
  }

  private globField(field: Field): string[] {
    if (this.sh.st.options.noglob || !hasGlob(field.pattern)) return [field.text];
    const matches = glob(this.sh.rt.fs, this.sh.st.cwd, field.pattern);
    return matches.length > 0 ? matches : [field.text];
  }
}

/** Unquoted literal text: a backslash quotes the next character. */
function unescapeLit(value: string): Piece[] {
  if (!value.includes('\\')) return [{ text: value, quoted: false, split: false }];
  const out: Piece[] = [];
  let plain = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\' && i + 1 < value.length) {
      if (plain) out.push({ text: plain, quoted: false, split: false });
      plain = '';
      out.push({ text: value[++i], quoted: true, split: false });
    } else plain += value[i];
  }
  if (plain) out.push({ text: plain, quoted: false, split: false });
  return out;
}

function unescapeDq(value: string): Piece[] {
  return [{ text: value.replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c)), quoted: true, split: false }];
}

function unescapeHeredoc(value: string): string {
  return value.replace(/\\([$`\\\n])/g, (_, c: string) => (c === '\n' ? '' : c));
}

/** $'…' strings. */
function ansiC(value: string): string {
  return value.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/gs, (m, esc: string) => {
    if (esc in ANSI) return ANSI[esc];
    if (/^[xuU]/.test(esc)) return String.fromCodePoint(Math.min(parseInt(esc.slice(1), 16), 0x10ffff));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8) & 0xff);
    if (esc.startsWith('c')) return String.fromCharCode(esc.charCodeAt(1) & 0x1f);
    return m;
  });
}
