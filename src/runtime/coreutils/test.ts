// test(1) / [ — shared by the shells' builtins and the standalone programs. Follows POSIX's
// rules by argument count and falls back to a recursive-descent parser for -a / -o / ( ).

import type { VirtualFS } from '../fs.js';
import { resolvePath } from '../overlayfs.js';
import type { Program } from '../program.js';

export interface TestEnv {
  fs: VirtualFS;
  cwd: string;
  /** Whether a variable is set, for -v. */
  isSet?: (name: string) => boolean;
}

export type TestResult = { status: 0 | 1 } | { status: 2; error: string };

export class TestError extends Error {}

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-b', '-c', '-p', '-S', '-t', '-z', '-n', '-g', '-u', '-k', '-O', '-G', '-N', '-v', '-a']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

function integer(text: string): bigint {
  const s = text.trim();
  if (!/^[+-]?\d+$/.test(s)) throw new TestError(`${text}: integer expression expected`);
  return BigInt(s);
}

export function unaryTest(op: string, arg: string, env: TestEnv): boolean {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  if (op === '-t') return false;
  if (op === '-v') return env.isSet?.(arg) ?? false;
  const stat = arg === '' ? null : env.fs.stat(resolvePath(env.cwd, arg));
  switch (op) {
    case '-e':
    case '-a':
      return stat !== null;
    case '-f':
      return stat?.type === 'file';
    case '-d':
      return stat?.type === 'dir';
    case '-s':
      return stat !== null && stat.size > 0;
    case '-r':
    case '-w':
      return stat !== null;
    case '-x':
      return stat !== null && (stat.type === 'dir' || (stat.mode & 0o111) !== 0);
    case '-c':
      return resolvePath(env.cwd, arg) === '/dev/null';
    default:
      return false;
  }
}

export function binaryTest(op: string, left: string, right: string, env: TestEnv): boolean {
  switch (op) {
    case '=':
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '-eq':
      return integer(left) === integer(right);
    case '-ne':
      return integer(left) !== integer(right);
    case '-lt':
      return integer(left) < integer(right);
    case '-le':
      return integer(left) <= integer(right);
    case '-gt':
      return integer(left) > integer(right);
    case '-ge':
      return integer(left) >= integer(right);
    case '-ef':
      return resolvePath(env.cwd, left) === resolvePath(env.cwd, right) && env.fs.stat(resolvePath(env.cwd, left)) !== null;
    default:
      // No modification times are kept, so -nt / -ot only compare existence.
      return op === '-nt'
        ? env.fs.stat(resolvePath(env.cwd, left)) !== null && env.fs.stat(resolvePath(env.cwd, right)) === null
        : env.fs.stat(resolvePath(env.cwd, left)) === null && env.fs.stat(resolvePath(env.cwd, right)) !== null;
  }
}

class Parser {
  private i = 0;

  constructor(
    private readonly args: string[],
    private readonly env: TestEnv,
  ) {}

  run(): boolean {
    const value = this.byCount(this.args.length) ?? this.or();
    if (this.i < this.args.length) throw new TestError(`${this.args[this.i]}: unexpected operator`);
    return value;
  }

  /** POSIX's unambiguous cases for up to four arguments. */
  private byCount(n: number): boolean | null {
    const a = this.args;
    this.i = n;
    if (n === 0) return false;
    if (n === 1) return a[0] !== '';
    if (n === 2) {
      if (a[0] === '!') return a[1] === '';
      if (UNARY.has(a[0])) return unaryTest(a[0], a[1], this.env);
      throw new TestError(`${a[0]}: unary operator expected`);
    }
    if (n === 3) {
      if (BINARY.has(a[1])) return binaryTest(a[1], a[0], a[2], this.env);
      if (a[1] === '-a' || a[1] === '-o') {
        return a[1] === '-a' ? a[0] !== '' && a[2] !== '' : a[0] !== '' || a[2] !== '';
      }
      if (a[0] === '!') return !this.sub(1, 2);
      if (a[0] === '(' && a[2] === ')') return a[1] !== '';
      throw new TestError(`${a[1]}: binary operator expected`);
    }
    if (n === 4 && a[0] === '!') return !this.sub(1, 3);
    if (n === 4 && a[0] === '(' && a[3] === ')') return this.sub(1, 2);
    this.i = 0;
    return null;
  }

  private sub(from: number, count: number): boolean {
    return new Parser(this.args.slice(from, from + count), this.env).run();
  }

  private or(): boolean {
    let value = this.and();
    while (this.args[this.i] === '-o') {
      this.i++;
      const right = this.and();
      value = value || right;
    }
    return value;
  }

  private and(): boolean {
    let value = this.not();
    while (this.args[this.i] === '-a') {
      this.i++;
      const right = this.not();
      value = value && right;
    }
    return value;
  }

  private not(): boolean {
    if (this.args[this.i] === '!') {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.args;
    if (this.i >= a.length) throw new TestError('argument expected');
    if (a[this.i] === '(') {
      this.i++;
      const value = this.or();
      if (a[this.i] !== ')') throw new TestError("missing ')'");
      this.i++;
      return value;
    }
    if (BINARY.has(a[this.i + 1] ?? '')) {
      const value = binaryTest(a[this.i + 1], a[this.i], a[this.i + 2] ?? '', this.env);
      this.i += 3;
      return value;
    }
    if (UNARY.has(a[this.i]) && this.i + 1 < a.length) {
      const value = unaryTest(a[this.i], a[this.i + 1], this.env);
      this.i += 2;
      return value;
    }
    return a[this.i++] !== '';
  }
}

/** `args` excludes the command name and, for `[`, the closing `]`. */
export function evaluateTest(args: string[], env: TestEnv): TestResult {
  try {
    return { status: new Parser(args, env).run() ? 0 : 1 };
  } catch (e) {
    if (e instanceof TestError) return { status: 2, error: e.message };
    throw e;
  }
}

/** Runs test or [ as named by argv[0]; errors are reported as `<prefix><message>`. */
export function runTest(argv: string[], env: TestEnv, report: (message: string) => void): number {
  const bracket = argv[0].endsWith('[');
  let args = argv.slice(1);
  if (bracket) {
    if (args[args.length - 1] !== ']') {
      report("missing ']'");
      return 2;
    }
    args = args.slice(0, -1);
  }
  const result = evaluateTest(args, env);
  if (result.status === 2) report(result.error);
  return result.status;
}

export const test: Program = async (ctx) => {
  const name = ctx.argv[0].endsWith('[') ? '[' : 'test';
  return runTest(ctx.argv, { fs: ctx.fs, cwd: ctx.cwd }, (m) => ctx.stderr(`${name}: ${m}\n`));
};
