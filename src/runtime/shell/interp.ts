// Executes the syntax tree: statements, lists, compound commands (see compound.ts), functions
// and simple commands (dispatched to functions, builtins or programs, see external.ts).

import { ArithError, ArithEvaluator } from './arith.js';
import { parse } from './ast.js';
import { BUILTINS } from './builtins.js';
import { background, loop, pipeline, runCase } from './compound.js';
import { Expander } from './expand.js';
import { runExternal } from './external.js';
import { Capture, LimitedSink, LimitError, PARSE_COST } from './limits.js';
import type { Arith, Command, Stmt } from './nodes.js';
import { PatternTooComplex } from './pattern.js';
import { applyRedirections } from './redirect.js';
import { WriteError, writeDiagnostic } from '../program.js';
import {
  BreakSignal, ContinueSignal, ExitSignal, FatalError, ReturnSignal,
  type Io, type Runtime, type ShellState,
} from './state.js';
import { evalTestExpr } from './testexpr.js';

// Yield to the event loop every so many nested statements, so that deep nesting never builds
// a deep synchronous JS stack.
const YIELD_EVERY = 32;

export class Interp {
  readonly expand: Expander;
  /** Streams of the command being run, for diagnostics raised during expansion. */
  io: Io;
  /** Status of the last command substitution, which an assignment-only command returns. */
  substStatus = 0;
  /** Lines read before the text being run: an interactive shell numbers lines across commands. */
  lineOffset = 0;

  constructor(
    readonly rt: Runtime,
    readonly st: ShellState,
    io: Io,
    /** Statements being run in this chain of calls, to yield now and then and so bound the JS stack. */
    private nesting = 0,
  ) {
    this.expand = new Expander(this);
    this.io = io;
  }

  getVar(name: string): string | undefined {
    if (name === 'RANDOM') return String(Math.floor(this.rt.random() * 32768));
    if (name === 'LINENO') return String(this.st.line);
    return this.st.vars.get(name);
  }

  setVar(name: string, value: string): void {
    if (this.st.readonly.has(name)) {
      this.fatal(this.rt.config.flavor === 'sh' ? `${name}: is read only` : `${name}: readonly variable`, this.rt.config.flavor === 'sh' ? 2 : 1);
    }
    if (value.length > this.rt.config.limits.maxOutput) throw new LimitError('output', this.rt.config.limits);
    this.st.vars.set(name, value);
    if (this.st.options.allexport) this.st.exported.add(name);
  }

  optionFlags(): string {
    const o = this.st.options;
    return `${o.errexit ? 'e' : ''}${o.noglob ? 'f' : ''}${o.nounset ? 'u' : ''}${o.xtrace ? 'x' : ''}${o.allexport ? 'a' : ''}${this.rt.mode === 'interactive' ? 'i' : ''}`;
  }

  /** Prints a diagnostic prefixed like the shell does. */
  error(message: string, io: Io = this.io): void {
    writeDiagnostic(io.stderr, `${this.rt.messages.prefix(this.st.arg0, this.st.line)}${message}\n`);
  }

  /** Prints a diagnostic and abandons the command; a non-interactive shell then exits. */
  fatal(message: string, status: number): never {
    this.error(message);
    throw new FatalError(status);
  }

  async runStmts(stmts: Stmt[], io: Io): Promise<number> {
    let status = 0;
    for (const stmt of stmts) status = await this.runStmt(stmt, io);
    return status;
  }

  async runStmt(stmt: Stmt, io: Io): Promise<number> {
    if (++this.nesting % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      this.st.line = stmt.line + this.lineOffset;
      if (stmt.background) return background(this, stmt, io);
      let status: number;
      if (stmt.negated) {
        this.st.condition++;
        try {
          status = (await this.runRedirected(stmt, io)) === 0 ? 1 : 0;
        } finally {
          this.st.condition--;
        }
      } else {
        status = await this.runRedirected(stmt, io);
      }
      this.st.status = status;
      if (status !== 0 && this.st.options.errexit && this.st.condition === 0 && !stmt.negated && exitsOnError(stmt.cmd)) {
        throw new ExitSignal(status);
      }
      return status;
    } catch (e) {
      if (e instanceof PatternTooComplex) this.fatal(e.message, 2);
      throw e;
    } finally {
      this.nesting--;
    }
  }

  private async runRedirected(stmt: Stmt, io: Io): Promise<number> {
    if (stmt.redirs.length === 0) return this.runCommand(stmt.cmd, io);
    const redirected = await applyRedirections(this, stmt.redirs, io);
    if (!redirected) return this.rt.config.flavor === 'sh' ? 2 : 1;
    try {
      return await this.runCommand(stmt.cmd, redirected);
    } catch (e) {
      // The shell's own output (a trace, a diagnostic) to a full file fails the command, as a failed write(2) would.
      if (e instanceof WriteError) return 1;
      throw e;
    }
  }

  private async runCommand(cmd: Command | null, io: Io): Promise<number> {
    this.io = io;
    if (!cmd) return 0;
    switch (cmd.type) {
      case 'call':
        return this.runCall(cmd, io);
      case 'decl':
        return this.runDecl(cmd, io);
      case 'binary':
        if (cmd.op === '|' || cmd.op === '|&') return pipeline(this, cmd, io);
        return this.andOr(cmd.op, cmd.left, cmd.right, io);
      case 'subshell':
        return this.subshell((sub) => sub.runStmts(cmd.body, io));
      case 'block':
        return this.runStmts(cmd.body, io);
      case 'if':
        for (const clause of cmd.clauses) {
          if ((await this.condition(clause.cond, io)) === 0) return this.runStmts(clause.body, io);
        }
        return cmd.orElse ? this.runStmts(cmd.orElse, io) : 0;
      case 'while':
        return loop(this, async () => ((await this.condition(cmd.cond, io)) === 0) !== cmd.until, cmd.body, io);
      case 'for': {
        const items = cmd.items ? await this.expand.fields(cmd.items) : [...this.st.positional];
        let i = 0;
        return loop(this, async () => {
          if (i >= items.length) return false;
          this.setVar(cmd.name, items[i++]);
          return true;
        }, cmd.body, io);
      }
      case 'case':
        return runCase(this, cmd, io);
      case 'func':
        this.st.funcs.set(cmd.name, cmd.body);
        return 0;
      case 'arith':
        return (await this.arithmetic(cmd.expr)) !== 0n ? 0 : 1;
      case 'test':
        return evalTestExpr(this, cmd.expr);
      case 'time': {
        const start = this.rt.now();
        const status = cmd.stmt ? await this.runStmt(cmd.stmt, io) : 0;
        const ms = this.rt.now() - start;
        const real = `${Math.floor(ms / 60_000)}m${((ms % 60_000) / 1000).toFixed(3)}s`;
        io.stderr(`\nreal\t${real}\nuser\t0m0.000s\nsys\t0m0.000s\n`);
        return status;
      }
      case 'unsupported':
        return this.fatal(`${cmd.what}: not supported`, 2);
    }
  }

  async condition(stmts: Stmt[], io: Io): Promise<number> {
    this.st.condition++;
    try {
      return await this.runStmts(stmts, io);
    } finally {
      this.st.condition--;
    }
  }

  private async andOr(op: '&&' | '||', left: Stmt, right: Stmt, io: Io): Promise<number> {
    const first = await this.condition([left], io);
    if ((op === '&&') !== (first === 0)) return first;
    return this.runStmt(right, io);
  }

  /** Runs `fn` in a copy of this shell; exit, return and errors end only the copy. */
  async subshell(fn: (sub: Interp) => Promise<number>, io: Io = this.io): Promise<number> {
    const sub = new Interp(this.rt, this.st.clone(), io, this.nesting);
    sub.lineOffset = this.lineOffset;
    try {
      return await fn(sub);
    } catch (e) {
      return sub.statusOf(e);
    }
  }

  /** The status a shell ends with when `e` unwinds it; rethrows anything that is not a shell signal. */
  statusOf(e: unknown): number {
    if (e instanceof ExitSignal || e instanceof ReturnSignal || e instanceof FatalError) return e.status;
    if (e instanceof BreakSignal || e instanceof ContinueSignal) return 0;
    throw e;
  }

  async commandSubstitution(stmts: Stmt[]): Promise<string> {
    const capture = new Capture(this.rt.config.limits);
    const io: Io = { stdin: this.io.stdin, stdout: capture.write, stderr: this.io.stderr };
    const status = await this.subshell(async (sub) => {
      sub.st.depth++;
      this.rt.budget.checkDepth(sub.st.depth);
      return sub.runStmts(stmts, io);
    }, io);
    if (capture.overflowed) throw new LimitError('output', this.rt.config.limits);
    this.substStatus = status;
    this.st.status = status;
    return capture.text().replace(/\n+$/, '');
  }

  async arithmetic(expr: Arith): Promise<bigint> {
    const evaluator = new ArithEvaluator({
      expand: (word) => this.expand.string(word),
      get: (name) => this.getVar(name),
      set: (name, value) => this.setVar(name, value),
    });
    try {
      return await evaluator.eval(expr);
    } catch (e) {
      if (!(e instanceof ArithError)) throw e;
      const bash = this.rt.config.flavor === 'bash';
      return this.fatal(bash ? e.message : `arithmetic expression: ${e.message}`, bash ? 1 : 2);
    }
  }

  /** Parses and runs source text in this shell (eval, `.`); syntax errors give status 2. */
  async runSource(text: string, io: Io): Promise<number> {
    const parsed = parse(text, this.rt.config.flavor === 'sh' ? 'posix' : 'bash');
    if (parsed.fresh) this.rt.budget.charge(PARSE_COST);
    if (!parsed.ok) {
      io.stderr(this.rt.messages.syntax(this.st.arg0, parsed.error, this.st.line - 1));
      return 2;
    }
    this.st.depth++;
    try {
      this.rt.budget.checkDepth(this.st.depth);
      return await this.runStmts(parsed.script.stmts, io);
    } finally {
      this.st.depth--;
    }
  }

  private async runCall(cmd: Extract<Command, { type: 'call' }>, io: Io): Promise<number> {
    await this.rt.budget.step();
    this.substStatus = 0;
    const argv = await this.expand.fields(cmd.args);
    const assigns: [string, string][] = [];
    for (const a of cmd.assigns) {
      const value = a.value ? await this.expand.string(a.value) : '';
      assigns.push([a.name, a.append ? (this.getVar(a.name) ?? '') + value : value]);
    }
    this.trace([...assigns.map(([n, v]) => `${n}=${v}`), ...argv], io);
    if (argv.length === 0) {
      for (const [name, value] of assigns) this.setVar(name, value);
      return this.substStatus;
    }
    return this.execute(argv, assigns, io);
  }

  private async runDecl(cmd: Extract<Command, { type: 'decl' }>, io: Io): Promise<number> {
    await this.rt.budget.step();
    const argv = [cmd.variant];
    for (const arg of cmd.args) {
      if (arg.kind === 'word') argv.push(...(await this.expand.fields([arg.word])));
      else argv.push(`${arg.assign.name}=${arg.assign.value ? await this.expand.string(arg.assign.value) : ''}`);
    }
    this.trace(argv, io);
    return this.execute(argv, [], io);
  }

  private trace(words: string[], io: Io): void {
    if (!this.st.options.xtrace || words.length === 0) return;
    const quoted = words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`));
    writeDiagnostic(io.stderr, `${this.getVar('PS4') ?? '+ '}${quoted.join(' ')}\n`);
  }

  /** Runs a command by name: function, then builtin, then program. */
  async execute(argv: string[], assigns: [string, string][], io: Io, skipFunctions = false): Promise<number> {
    const name = argv[0];
    const fn = skipFunctions || name.includes('/') ? undefined : this.st.funcs.get(name);
    if (fn) return this.withTemporaryVars(assigns, () => this.callFunction(fn, argv, io));
    const builtin = name.includes('/') ? undefined : BUILTINS.get(this.rt.config.flavor, name);
    if (builtin) {
      const limits = this.rt.config.limits;
      const bounded: Io = { stdin: io.stdin, stdout: new LimitedSink(io.stdout, limits).write, stderr: new LimitedSink(io.stderr, limits).write };
      try {
        return await this.withTemporaryVars(assigns, () => builtin(this, argv, bounded));
      } catch (e) {
        if (!(e instanceof WriteError)) throw e;
        this.error(this.rt.messages.writeError(name, e.reason), bounded);
        return 1;
      }
    }
    return runExternal(this, argv, assigns, io);
  }

  private async withTemporaryVars(assigns: [string, string][], fn: () => Promise<number>): Promise<number> {
    const saved = assigns.map(([name]) => [name, this.st.vars.get(name)] as const);
    for (const [name, value] of assigns) this.setVar(name, value);
    try {
      return await fn();
    } finally {
      for (const [name, old] of saved.reverse()) {
        if (old === undefined) this.st.vars.delete(name);
        else this.st.vars.set(name, old);
      }
    }
  }

  private async callFunction(body: Stmt, argv: string[], io: Io): Promise<number> {
    this.st.depth++;
    const positional = this.st.positional;
    this.st.positional = argv.slice(1);
    this.st.locals.push(new Map());
    try {
      this.rt.budget.checkDepth(this.st.depth);
      return await this.runStmt(body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      for (const [name, old] of this.st.locals.pop() ?? []) {
        if (old === undefined) this.st.vars.delete(name);
        else this.st.vars.set(name, old);
      }
      this.st.positional = positional;
      this.st.depth--;
    }
  }
}

/** Under `set -e`, failures of these commands end the shell; compound commands defer to their parts. */
function exitsOnError(cmd: Command | null): boolean {
  return cmd !== null && (cmd.type === 'call' || cmd.type === 'decl' || cmd.type === 'subshell' || (cmd.type === 'binary' && cmd.op !== '&&' && cmd.op !== '||') || cmd.type === 'arith' || cmd.type === 'test');
}
