// One run of a shell as a program: sets up its state from the process context, runs source
// text with every way out (exit, errors, limits, bugs) turned into an exit status, and
// cleans up (EXIT trap, background jobs, output after the end is dropped).

import { currentIdentity } from '../coreutils/identity.js';
import { WriteError, writeDiagnostic, type OutputSink, type Program, type ProgramContext } from '../program.js';
import { parse } from './ast.js';
import { Interp } from './interp.js';
import { Budget, DEFAULT_LIMITS, inherited, LimitedSink, LimitError, PARSE_COST, type ShellLimits } from './limits.js';
import { Messages, type Flavor, type SourceMode } from './messages.js';
import {
  BreakSignal, ContinueSignal, ExitSignal, FatalError, ReturnSignal, ShellState,
  type Io, type Runtime, type ShellConfig,
} from './state.js';

export interface ShellOptions {
  name: Flavor;
  /** major.minor; bash defaults to 5.2. */
  version?: string;
  /** Programs by name; the registry may include the shells themselves. */
  programs: Record<string, Program>;
  /** Names of the programs the image actually has. */
  available: ReadonlySet<string>;
  limits?: Partial<ShellLimits>;
  /** The cluster's random source (KCTL_SEED); Math.random when the shell runs on its own. */
  random?: () => number;
  /** The machine's simulated clock (ms); the host's when the shell runs on its own. */
  now?: () => number;
}

const DEFAULT_VERSION: Record<Flavor, string> = { sh: '0.5', bash: '5.2', ash: '1.36' };

/** Drops output once the shell has ended, so late background writes go nowhere. */
class EndableSink {
  ended = false;

  constructor(private readonly target: OutputSink) {}

  readonly write: OutputSink = (text) => {
    if (!this.ended) this.target(text);
  };
}

export class ShellInstance {
  readonly interp: Interp;
  readonly io: Io;
  private readonly controller = new AbortController();
  private readonly abort = () => this.controller.abort();
  private readonly sinks: EndableSink[];
  private readonly bounds: LimitedSink[];
  /** Whether the step budget is this shell's own (not inherited from a parent shell). */
  readonly ownBudget: boolean;

  constructor(
    private readonly ctx: ProgramContext,
    opts: ShellOptions,
    mode: SourceMode,
    arg0: string,
    positional: string[],
  ) {
    const limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const random = opts.random ?? Math.random;
    const config: ShellConfig = {
      flavor: opts.name,
      version: opts.version ?? DEFAULT_VERSION[opts.name],
      programs: opts.programs,
      available: opts.available,
      limits,
    };
    const parent = inherited.get(ctx);
    this.ownBudget = !parent;
    if (ctx.signal?.aborted) this.abort();
    ctx.signal?.addEventListener('abort', this.abort, { once: true });
    this.sinks = [new EndableSink(ctx.stdout), new EndableSink(ctx.stderr)];
    this.bounds = this.sinks.map((s) => new LimitedSink(s.write, limits));
    this.io = { stdin: ctx.stdin, stdout: this.bounds[0].write, stderr: this.bounds[1].write };
    const rt: Runtime = {
      config,
      fs: ctx.fs,
      budget: parent?.budget ?? new Budget(limits, this.controller.signal),
      signal: this.controller.signal,
      pid: 100 + Math.floor(random() * 32000),
      random,
      now: opts.now ?? Date.now,
      mode,
      messages: new Messages(opts.name, mode),
      jobs: new Set(),
    };
    this.interp = new Interp(rt, this.initialState(ctx, config, mode, arg0, positional, parent?.depth ?? 0), this.io);
  }

  private initialState(ctx: ProgramContext, config: ShellConfig, mode: SourceMode, arg0: string, positional: string[], depth: number): ShellState {
    const st = new ShellState();
    for (const [name, value] of ctx.env) {
      st.vars.set(name, value);
      st.exported.add(name);
    }
    st.arg0 = arg0;
    st.positional = positional;
    st.cwd = ctx.cwd;
    st.depth = depth;
    st.vars.set('PWD', ctx.cwd);
    st.vars.set('PPID', '1');
    st.vars.set('OPTIND', '1');
    st.vars.set('PS4', '+ ');
    if (config.flavor === 'bash') {
      st.vars.set('BASH', '/bin/bash');
      st.vars.set('BASH_VERSION', `${config.version}.0(1)-release`);
      st.vars.set('SHLVL', String(Number(ctx.env.get('SHLVL') ?? '0') + 1));
      st.exported.add('SHLVL');
    }
    if (mode === 'interactive') {
      const root = currentIdentity(ctx.fs, ctx.env).uid === 0;
      // bash `bash-5.2# `, busybox ash `/ # ` (its fancy prompt), dash `# ` or `$ `.
      const ps1 = config.flavor === 'bash' ? '\\s-\\v\\$ ' : config.flavor === 'ash' ? '\\w \\$ ' : root ? '# ' : '$ ';
      if (!st.vars.has('PS1')) st.vars.set('PS1', ps1);
      if (!st.vars.has('PS2')) st.vars.set('PS2', '> ');
    }
    return st;
  }

  get arg0(): string {
    return this.interp.st.arg0;
  }

  /** Parses and runs `text`; `exit` tells whether the shell must stop. */
  async run(text: string, lineOffset = 0): Promise<{ status: number; exit: boolean }> {
    const parsed = parse(text, this.interp.rt.config.flavor === 'sh' ? 'posix' : 'bash');
    if (parsed.fresh) {
      const charged = await this.guard(async () => {
        this.interp.rt.budget.charge(PARSE_COST);
        return 0;
      });
      if (charged.exit) return charged;
    }
    if (!parsed.ok) {
      writeDiagnostic(this.io.stderr, this.interp.rt.messages.syntax(this.arg0, parsed.error, lineOffset));
      this.interp.st.status = 2;
      return { status: 2, exit: this.interp.rt.mode !== 'interactive' };
    }
    this.interp.lineOffset = lineOffset;
    return this.guard(() => this.interp.runStmts(parsed.script.stmts, this.io));
  }

  /** Runs `fn`, turning whatever ends it into a status. */
  async guard(fn: () => Promise<number>): Promise<{ status: number; exit: boolean }> {
    const interactive = this.interp.rt.mode === 'interactive';
    let result: { status: number; exit: boolean };
    try {
      result = { status: await fn(), exit: false };
    } catch (e) {
      if (e instanceof ExitSignal) result = { status: e.status, exit: true };
      else if (e instanceof FatalError || e instanceof ReturnSignal) result = { status: e.status, exit: !interactive };
      else if (e instanceof BreakSignal || e instanceof ContinueSignal) result = { status: 0, exit: false };
      else if (e instanceof LimitError) {
        writeDiagnostic(this.ctx.stderr, `${this.arg0}: ${e.message}\n`);
        result = { status: e.status, exit: !interactive || !this.ownBudget };
      } else if (e instanceof WriteError) {
        // The shell's own output went to a full file: that write failed, the shell goes on.
        result = { status: 1, exit: false };
      } else {
        writeDiagnostic(this.ctx.stderr, `${this.arg0}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        result = { status: 2, exit: true };
      }
    }
    this.interp.st.status = result.status;
    return result;
  }

  /** A fresh step budget and output allowance, for each line of an interactive shell. */
  renewBudget(): void {
    if (!this.ownBudget) return;
    this.interp.rt.budget = new Budget(this.interp.rt.config.limits, this.controller.signal);
    for (const bound of this.bounds) bound.reset();
  }

  /** Runs the EXIT trap, stops background jobs and closes the streams. */
  async finish(status: number): Promise<number> {
    const action = this.interp.st.traps.get('EXIT');
    this.interp.st.traps.delete('EXIT');
    if (action !== undefined) {
      this.interp.st.status = status;
      const trapped = await this.guard(() => this.interp.runSource(action, this.io));
      if (trapped.exit) status = trapped.status;
    }
    // Aborting is not free (it builds a DOMException): only do it when jobs are left to stop.
    if (this.interp.rt.jobs.size > 0) this.abort();
    this.ctx.signal?.removeEventListener('abort', this.abort);
    for (const sink of this.sinks) sink.ended = true;
    return status & 255;
  }
}

/** Depth check for a shell started by another: too deep ends it before it starts. */
export function tooDeep(ctx: ProgramContext, limits: ShellLimits): boolean {
  const parent = inherited.get(ctx);
  return parent !== undefined && parent.depth > limits.maxDepth;
}
