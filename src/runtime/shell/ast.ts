// Parses shell source with mvdan-sh and converts its (untyped, transpiled Go) nodes into the
// plain tree of nodes.ts. Operator codes are mvdan.cc/sh/v3 token values.

import sh, { type GoNode } from 'mvdan-sh';
import type {
  Arith, Assign, BinaryOp, CaseItem, Command, DeclArg, ParamOp, Redir, RedirOp, Script, Stmt,
  TestExpr, Word, WordPart,
} from './nodes.js';

export type Dialect = 'posix' | 'bash';

export interface SyntaxError {
  line: number;
  col: number;
  text: string;
  /** The input ended in the middle of a construct: more lines could complete it. */
  incomplete: boolean;
}

/** `fresh` is false when the result came from the cache (parsing costs ~0.1 ms each time). */
export type ParseResult = ({ ok: true; script: Script } | { ok: false; error: SyntaxError }) & { fresh: boolean };

// Deeper trees are refused rather than risking stack exhaustion later on.
const MAX_NESTING = 500;
// Loops re-parse the same text (eval, sh -c, prompts); trees are never mutated, so they are shared.
const CACHE_SIZE = 512;
const CACHE_MAX_TEXT = 16 * 1024;
const cache = new Map<string, ParseResult>();

const REDIR_OPS: Record<number, RedirOp> = {
  54: '>', 55: '>>', 56: '<', 57: '<>', 58: '<&', 59: '>&', 60: '>|',
  61: '<<', 62: '<<-', 63: '<<<', 64: '&>', 65: '&>>',
};
const BINARY_OPS: Record<number, BinaryOp> = { 10: '&&', 11: '||', 12: '|', 13: '|&' };
const PARAM_OPS: Record<number, ParamOp> = {
  68: '+', 69: ':+', 70: '-', 71: ':-', 72: '?', 73: ':?', 74: '=', 75: ':=',
  76: '%', 77: '%%', 78: '#', 79: '##', 80: '^', 81: '^^', 82: ',', 83: ',,',
};
const CASE_OPS: Record<number, CaseItem['op']> = { 30: ';;', 31: ';&', 32: ';;&' };
const ARITH_OPS: Record<number, string> = {
  68: '+', 70: '-', 38: '*', 85: '/', 76: '%', 39: '**', 56: '<', 54: '>', 42: '<=', 43: '>=',
  40: '==', 41: '!=', 10: '&&', 11: '||', 9: '&', 12: '|', 80: '^', 61: '<<', 55: '>>',
  74: '=', 44: '+=', 45: '-=', 46: '*=', 47: '/=', 48: '%=', 49: '&=', 50: '|=', 51: '^=',
  52: '<<=', 53: '>>=', 82: ',', 34: '!', 35: '~', 36: '++', 37: '--',
};
const TEST_OPS: Record<number, string> = {
  74: '=', 40: '==', 41: '!=', 56: '<', 54: '>', 116: '-eq', 117: '-ne', 120: '-lt', 118: '-le',
  121: '-gt', 119: '-ge', 112: '=~', 113: '-nt', 114: '-ot', 115: '-ef', 10: '&&', 11: '||',
  88: '-e', 89: '-f', 90: '-d', 91: '-c', 92: '-b', 93: '-p', 94: '-S', 95: '-L', 96: '-k',
  97: '-g', 98: '-u', 99: '-G', 100: '-O', 101: '-N', 102: '-r', 103: '-w', 104: '-x',
  105: '-s', 106: '-t', 107: '-z', 108: '-n', 109: '-o', 110: '-v', 111: '-R', 34: '!',
};

class TooDeep extends Error {}

const parsers = new Map<Dialect, ReturnType<typeof sh.syntax.NewParser>>();

function parserFor(dialect: Dialect) {
  let parser = parsers.get(dialect);
  if (!parser) {
    const lang = dialect === 'bash' ? sh.syntax.LangBash : sh.syntax.LangPOSIX;
    parser = sh.syntax.NewParser(sh.syntax.Variant(lang));
    parsers.set(dialect, parser);
  }
  return parser;
}

export function parse(src: string, dialect: Dialect): ParseResult {
  const key = `${dialect}:${src}`;
  const hit = cache.get(key);
  if (hit) return { ...hit, fresh: false };
  const result = parseUncached(src, dialect);
  if (src.length <= CACHE_MAX_TEXT) {
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, result);
  }
  return result;
}

function parseUncached(src: string, dialect: Dialect): ParseResult {
  let file: GoNode;
  try {
    file = parserFor(dialect).Parse(src, '');
  } catch (e) {
    return { ok: false, error: describeParseError(e), fresh: true };
  }
  try {
    return { ok: true, script: { stmts: new Converter(dialect).stmts(file.Stmts, 0) }, fresh: true };
  } catch (e) {
    if (e instanceof TooDeep || e instanceof RangeError) {
      return { ok: false, error: { line: 1, col: 1, text: 'nesting too deep', incomplete: false }, fresh: true };
    }
    throw e;
  }
}

function describeParseError(e: GoNode): SyntaxError {
  if (e instanceof RangeError) return { line: 1, col: 1, text: 'nesting too deep', incomplete: false };
  if (e && typeof e.Error === 'function' && e.Pos && typeof e.Pos.Line === 'function') {
    const text = typeof e.Text === 'string' ? e.Text : `${String(e.Feature)} not supported`;
    return { line: e.Pos.Line(), col: e.Pos.Col(), text, incomplete: e.Incomplete === true };
  }
  return { line: 1, col: 1, text: String(e?.message ?? e), incomplete: false };
}

function list(slice: GoNode): GoNode[] {
  return slice ? Array.from(slice as ArrayLike<GoNode>) : [];
}

class Converter {
  constructor(private readonly dialect: Dialect) {}

  stmts(nodes: GoNode, depth: number): Stmt[] {
    return list(nodes).map((n) => this.stmt(n, depth));
  }

  stmt(node: GoNode, depth: number): Stmt {
    if (depth > MAX_NESTING) throw new TooDeep();
    return {
      cmd: node.Cmd ? this.command(node.Cmd, depth + 1) : null,
      negated: node.Negated === true,
      background: node.Background === true,
      redirs: list(node.Redirs).map((r) => this.redir(r, depth)),
      line: node.Position.Line(),
    };
  }

  command(node: GoNode, depth: number): Command {
    const type = sh.syntax.NodeType(node);
    switch (type) {
      case 'CallExpr':
        if (list(node.Assigns).some((a) => a.Array || a.Index)) return { type: 'unsupported', what: 'arrays' };
        return {
          type: 'call',
          assigns: list(node.Assigns).map((a) => this.assign(a, depth)),
          args: list(node.Args).map((w) => this.word(this.braces(w), depth)),
        };
      case 'DeclClause':
        return { type: 'decl', variant: node.Variant.Value, args: list(node.Args).map((a) => this.declArg(a, depth)) };
      case 'BinaryCmd':
        return {
          type: 'binary',
          op: BINARY_OPS[node.Op] ?? '&&',
          left: this.stmt(node.X, depth + 1),
          right: this.stmt(node.Y, depth + 1),
        };
      case 'Subshell':
        return { type: 'subshell', body: this.stmts(node.Stmts, depth + 1) };
      case 'Block':
        return { type: 'block', body: this.stmts(node.Stmts, depth + 1) };
      case 'IfClause':
        return this.ifClause(node, depth);
      case 'WhileClause':
        return { type: 'while', until: node.Until === true, cond: this.stmts(node.Cond, depth + 1), body: this.stmts(node.Do, depth + 1) };
      case 'ForClause':
        return this.forClause(node, depth);
      case 'CaseClause':
        return {
          type: 'case',
          word: this.word(node.Word, depth),
          items: list(node.Items).map((item) => ({
            patterns: list(item.Patterns).map((w) => this.word(w, depth)),
            body: this.stmts(item.Stmts, depth + 1),
            op: CASE_OPS[item.Op] ?? ';;',
          })),
        };
      case 'FuncDecl':
        return { type: 'func', name: node.Name.Value, body: this.stmt(node.Body, depth + 1) };
      case 'ArithmCmd':
        return { type: 'arith', expr: this.arith(node.X, depth + 1) };
      case 'TestClause':
        return { type: 'test', expr: this.test(node.X, depth + 1) };
      case 'TimeClause':
        return { type: 'time', stmt: node.Stmt ? this.stmt(node.Stmt, depth + 1) : null };
      case 'LetClause': {
        const exprs = list(node.Exprs).map((x) => this.arith(x, depth + 1));
        const expr = exprs.reduce((left, right): Arith => ({ type: 'binary', op: ',', left, right }));
        return { type: 'arith', expr };
      }
      default:
        return { type: 'unsupported', what: type };
    }
  }

  ifClause(node: GoNode, depth: number): Command {
    const clauses: { cond: Stmt[]; body: Stmt[] }[] = [];
    let orElse: Stmt[] | null = null;
    for (let clause = node; clause; clause = clause.Else) {
      if (clause !== node && list(clause.Cond).length === 0) {
        orElse = this.stmts(clause.Then, depth + 1);
        break;
      }
      clauses.push({ cond: this.stmts(clause.Cond, depth + 1), body: this.stmts(clause.Then, depth + 1) });
    }
    return { type: 'if', clauses, orElse };
  }

  forClause(node: GoNode, depth: number): Command {
    const loop = node.Loop;
    if (sh.syntax.NodeType(loop) !== 'WordIter') return { type: 'unsupported', what: 'for ((;;))' };
    const items = loop.InPos.IsValid() ? list(loop.Items).map((w) => this.word(this.braces(w), depth)) : null;
    return { type: 'for', name: loop.Name.Value, items, body: this.stmts(node.Do, depth + 1) };
  }

  assign(node: GoNode, depth: number): Assign {
    return { name: node.Name.Value, append: node.Append === true, value: node.Value ? this.word(node.Value, depth) : null };
  }

  declArg(node: GoNode, depth: number): DeclArg {
    if (node.Naked && !node.Name) return { kind: 'word', word: this.word(node.Value, depth) };
    if (node.Naked) return { kind: 'word', word: { parts: [{ type: 'lit', value: node.Name.Value }] } };
    return { kind: 'assign', assign: this.assign(node, depth) };
  }

  redir(node: GoNode, depth: number): Redir {
    const op = REDIR_OPS[node.Op] ?? '>';
    let hdoc = node.Hdoc ? this.word(node.Hdoc, depth, 'hdoc') : null;
    if (hdoc && op === '<<-') hdoc = stripTabs(hdoc);
    const delimiter = list(node.Word?.Parts);
    const quoted = delimiter.some((p) => sh.syntax.NodeType(p) !== 'Lit' || String(p.Value).includes('\\'));
    if (hdoc && quoted) {
      const text = hdoc.parts.map((p) => (p.type === 'hdoc' ? p.value : '')).join('');
      hdoc = { parts: [{ type: 'sq', value: text, ansi: false }] };
    }
    return { op, fd: node.N ? Number(node.N.Value) : null, word: this.word(node.Word, depth), hdoc };
  }

  braces(word: GoNode): GoNode {
    return this.dialect === 'bash' ? sh.syntax.SplitBraces(word) : word;
  }

  word(node: GoNode, depth: number, context: 'word' | 'hdoc' = 'word'): Word {
    if (depth > MAX_NESTING) throw new TooDeep();
    return { parts: list(node?.Parts).map((p) => this.part(p, depth + 1, context)) };
  }

  part(node: GoNode, depth: number, context: 'word' | 'hdoc' | 'dq'): WordPart {
    const type = sh.syntax.NodeType(node);
    switch (type) {
      case 'Lit':
        return context === 'hdoc' ? { type: 'hdoc', value: node.Value } : { type: 'lit', value: node.Value };
      case 'SglQuoted':
        return { type: 'sq', value: node.Value, ansi: node.Dollar === true };
      case 'DblQuoted':
        return { type: 'dq', parts: list(node.Parts).map((p) => this.part(p, depth + 1, 'dq')) };
      case 'ParamExp':
        return this.param(node, depth);
      case 'CmdSubst':
        return { type: 'cmdsubst', stmts: this.stmts(node.Stmts, depth + 1) };
      case 'ArithmExp':
        return { type: 'arith', expr: this.arith(node.X, depth + 1) };
      case 'BraceExp':
        return { type: 'brace', sequence: node.Sequence === true, elems: list(node.Elems).map((w) => this.word(w, depth)) };
      default:
        return { type: 'unsupported', what: type };
    }
  }

  param(node: GoNode, depth: number): WordPart {
    if (node.Index || node.Width || node.Names) return { type: 'unsupported', what: 'arrays' };
    const exp = node.Exp;
    const op = exp ? PARAM_OPS[exp.Op] : null;
    if (exp && !op) return { type: 'unsupported', what: 'parameter transformation' };
    return {
      type: 'param',
      name: node.Param.Value,
      length: node.Length === true,
      op: op ?? null,
      arg: exp?.Word ? this.word(exp.Word, depth) : null,
      slice: node.Slice
        ? { offset: this.arith(node.Slice.Offset, depth + 1), length: node.Slice.Length ? this.arith(node.Slice.Length, depth + 1) : null }
        : null,
      repl: node.Repl
        ? { all: node.Repl.All === true, orig: this.word(node.Repl.Orig, depth), with: node.Repl.With ? this.word(node.Repl.With, depth) : null }
        : null,
      indirect: node.Excl === true,
    };
  }

  arith(node: GoNode, depth: number): Arith {
    if (depth > MAX_NESTING) throw new TooDeep();
    switch (sh.syntax.NodeType(node)) {
      case 'BinaryArithm':
        if (node.Op === 72 && sh.syntax.NodeType(node.Y) === 'BinaryArithm' && node.Y.Op === 87) {
          return {
            type: 'ternary',
            cond: this.arith(node.X, depth + 1),
            then: this.arith(node.Y.X, depth + 1),
            orElse: this.arith(node.Y.Y, depth + 1),
          };
        }
        return { type: 'binary', op: ARITH_OPS[node.Op] ?? '?', left: this.arith(node.X, depth + 1), right: this.arith(node.Y, depth + 1) };
      case 'UnaryArithm':
        return { type: 'unary', op: ARITH_OPS[node.Op] ?? '?', post: node.Post === true, operand: this.arith(node.X, depth + 1) };
      case 'ParenArithm':
        return this.arith(node.X, depth + 1);
      default:
        return { type: 'word', word: this.word(node, depth) };
    }
  }

  test(node: GoNode, depth: number): TestExpr {
    if (depth > MAX_NESTING) throw new TooDeep();
    switch (sh.syntax.NodeType(node)) {
      case 'BinaryTest':
        return { type: 'binary', op: TEST_OPS[node.Op] ?? '?', left: this.test(node.X, depth + 1), right: this.test(node.Y, depth + 1) };
      case 'UnaryTest':
        return { type: 'unary', op: TEST_OPS[node.Op] ?? '?', operand: this.test(node.X, depth + 1) };
      case 'ParenTest':
        return this.test(node.X, depth + 1);
      default:
        return { type: 'word', word: this.word(node, depth) };
    }
  }
}

/** `<<-`: leading tabs go from every line of the body, which mvdan-sh leaves in place. */
function stripTabs(word: Word): Word {
  let atLineStart = true;
  const parts = word.parts.map((part): WordPart => {
    if (part.type !== 'hdoc') {
      atLineStart = false;
      return part;
    }
    let value = part.value.replace(/\n\t+/g, '\n');
    if (atLineStart) value = value.replace(/^\t+/, '');
    atLineStart = value.endsWith('\n');
    return { type: 'hdoc', value };
  });
  return { parts };
}
