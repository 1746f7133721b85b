// The shell's own syntax tree: plain data produced by ast.ts from mvdan-sh's nodes, so the
// interpreter never touches the transpiled Go objects.

export interface Script {
  stmts: Stmt[];
}

export interface Stmt {
  cmd: Command | null;
  negated: boolean;
  background: boolean;
  redirs: Redir[];
  line: number;
}

export type BinaryOp = '&&' | '||' | '|' | '|&';

export type Command =
  | { type: 'call'; assigns: Assign[]; args: Word[] }
  /** export/local/readonly/declare: their assignments are not field-split. */
  | { type: 'decl'; variant: string; args: DeclArg[] }
  | { type: 'binary'; op: BinaryOp; left: Stmt; right: Stmt }
  | { type: 'subshell'; body: Stmt[] }
  | { type: 'block'; body: Stmt[] }
  | { type: 'if'; clauses: { cond: Stmt[]; body: Stmt[] }[]; orElse: Stmt[] | null }
  | { type: 'while'; until: boolean; cond: Stmt[]; body: Stmt[] }
  /** items null: iterate over "$@". */
  | { type: 'for'; name: string; items: Word[] | null; body: Stmt[] }
  | { type: 'case'; word: Word; items: CaseItem[] }
  | { type: 'func'; name: string; body: Stmt }
  | { type: 'arith'; expr: Arith }
  | { type: 'test'; expr: TestExpr }
  | { type: 'time'; stmt: Stmt | null }
  | { type: 'unsupported'; what: string };

export interface Assign {
  name: string;
  append: boolean;
  value: Word | null;
}

export type DeclArg = { kind: 'assign'; assign: Assign } | { kind: 'word'; word: Word };

export interface CaseItem {
  patterns: Word[];
  body: Stmt[];
  /** ';;' stops, ';&' falls through, ';;&' tests the next patterns. */
  op: ';;' | ';&' | ';;&';
}

export type RedirOp = '>' | '>>' | '<' | '<>' | '>&' | '<&' | '>|' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redir {
  op: RedirOp;
  fd: number | null;
  word: Word;
  /** Here-document body; its parts are literal when the delimiter was quoted. */
  hdoc: Word | null;
}

export interface Word {
  parts: WordPart[];
}

export type ParamOp =
  | '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?'
  | '#' | '##' | '%' | '%%' | '^' | '^^' | ',' | ',,';

export type WordPart =
  /** Unquoted text, backslashes still in place. */
  | { type: 'lit'; value: string }
  | { type: 'sq'; value: string; ansi: boolean }
  | { type: 'dq'; parts: WordPart[] }
  | {
      type: 'param';
      name: string;
      length: boolean;
      op: ParamOp | null;
      arg: Word | null;
      slice: { offset: Arith; length: Arith | null } | null;
      repl: { all: boolean; orig: Word; with: Word | null } | null;
      indirect: boolean;
    }
  | { type: 'cmdsubst'; stmts: Stmt[] }
  | { type: 'arith'; expr: Arith }
  | { type: 'brace'; sequence: boolean; elems: Word[] }
  /** Literal text from a here-document, where backslash only escapes $ ` \ and newline. */
  | { type: 'hdoc'; value: string }
  | { type: 'unsupported'; what: string };

export type Arith =
  | { type: 'binary'; op: string; left: Arith; right: Arith }
  | { type: 'unary'; op: string; post: boolean; operand: Arith }
  | { type: 'ternary'; cond: Arith; then: Arith; orElse: Arith }
  | { type: 'word'; word: Word };

export type TestExpr =
  | { type: 'binary'; op: string; left: TestExpr; right: TestExpr }
  | { type: 'unary'; op: string; operand: TestExpr }
  | { type: 'word'; word: Word };
