// The mutable state of one shell (variables, functions, options, positional parameters) and
// the control-flow signals that unwind the interpreter.

import type { VirtualFS } from '../fs.js';
import type { InputStream, OutputSink, Program } from '../program.js';
import type { Budget, ShellLimits } from './limits.js';
import type { Flavor, Messages, SourceMode } from './messages.js';
import type { Stmt } from './nodes.js';

export interface Io {
  stdin: InputStream;
  stdout: OutputSink;
  stderr: OutputSink;
}

export interface ShellConfig {
  flavor: Flavor;
  /** major.minor, for $BASH_VERSION and `\v`. */
  version: string;
  programs: Record<string, Program>;
  available: ReadonlySet<string>;
  limits: ShellLimits;
}

/** Shared by a shell and everything it starts (subshells, substitutions, background jobs). */
export interface Runtime {
  config: ShellConfig;
  fs: VirtualFS;
  budget: Budget;
  /** Aborted when the caller cancels or the top-level shell exits (stops background jobs). */
  signal: AbortSignal;
  pid: number;
  /** Uniform in [0, 1): $RANDOM and the pid, reproducible under KCTL_SEED. */
  random: () => number;
  /** Milliseconds on the machine's clock (`time` measures simulated time). */
  now: () => number;
  mode: SourceMode;
  messages: Messages;
  jobs: Set<Promise<unknown>>;
}

export interface Options {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  noglob: boolean;
  pipefail: boolean;
  allexport: boolean;
}

export const OPTION_LETTERS: Record<string, keyof Options> = {
  e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob', a: 'allexport',
};

export class BreakSignal {
  constructor(readonly levels: number) {}
}

export class ContinueSignal {
  constructor(readonly levels: number) {}
}

export class ReturnSignal {
  constructor(readonly status: number) {}
}

export class ExitSignal {
  constructor(readonly status: number) {}
}

/** A failed expansion or builtin that ends a non-interactive shell, message already printed. */
export class FatalError {
  constructor(readonly status: number) {}
}

export class ShellState {
  vars = new Map<string, string>();
  exported = new Set<string>();
  readonly = new Set<string>();
  funcs = new Map<string, Stmt>();
  /** Saved outer values of `local` variables, one frame per function call. */
  locals: Map<string, string | undefined>[] = [];
  traps = new Map<string, string>();
  positional: string[] = [];
  arg0 = 'sh';
  cwd = '/';
  status = 0;
  lastBackground = '';
  line = 1;
  /** > 0 while running a condition, where `set -e` does not apply. */
  condition = 0;
  loops = 0;
  depth = 0;
  options: Options = { errexit: false, nounset: false, xtrace: false, noglob: false, pipefail: false, allexport: false };

  /** A copy for a subshell: changes made there do not come back. */
  clone(): ShellState {
    const copy = new ShellState();
    copy.vars = new Map(this.vars);
    copy.exported = new Set(this.exported);
    copy.readonly = new Set(this.readonly);
    copy.funcs = new Map(this.funcs);
    copy.locals = this.locals.map((frame) => new Map(frame));
    copy.traps = new Map([...this.traps].filter(([name]) => name !== 'EXIT'));
    copy.positional = [...this.positional];
    copy.arg0 = this.arg0;
    copy.cwd = this.cwd;
    copy.status = this.status;
    copy.lastBackground = this.lastBackground;
    copy.line = this.line;
    copy.condition = this.condition;
    copy.depth = this.depth;
    copy.options = { ...this.options };
    return copy;
  }

  env(): Map<string, string> {
    const env = new Map<string, string>();
    for (const name of this.exported) {
      const value = this.vars.get(name);
      if (value !== undefined) env.set(name, value);
    }
    return env;
  }
}
