// Bounds on the work one shell invocation may cause, so that any input ends quickly with a
// status instead of hanging or exhausting memory. A budget is shared by everything a
// top-level shell starts: subshells, substitutions, functions and nested `sh -c`.

import type { OutputSink, ProgramContext } from '../program.js';

export interface ShellLimits {
  /** Commands run plus loop iterations, over the whole invocation. */
  maxSteps: number;
  /** Nesting of functions, substitutions, eval/source and nested shells. */
  maxDepth: number;
  /** Bytes one command may write to one stream; also the largest value a word may take. */
  maxOutput: number;
  /** Largest script the shell will parse. */
  maxScript: number;
  /** Largest single argument passed to a program, like Linux's MAX_ARG_STRLEN. */
  maxArg: number;
  /** Background jobs running at once, like a container's pids limit. */
  maxJobs: number;
}

export const DEFAULT_LIMITS: ShellLimits = {
  maxSteps: 100_000,
  maxDepth: 64,
  maxOutput: 4 * 1024 * 1024,
  maxScript: 1024 * 1024,
  maxArg: 128 * 1024,
  maxJobs: 64,
};

export type LimitKind = 'steps' | 'depth' | 'output' | 'aborted';

/**
 * Ends the whole shell. Statuses mimic what a real process would see: exceeding CPU time
 * (SIGXCPU, 152) or file size (SIGXFSZ, 153) limits, or being interrupted (130).
 */
export class LimitError extends Error {
  constructor(readonly kind: LimitKind, limits: ShellLimits) {
    super(
      kind === 'steps' ? `step limit exceeded (${limits.maxSteps} commands)`
      : kind === 'depth' ? `maximum nesting depth exceeded (${limits.maxDepth})`
      : kind === 'output' ? `output limit exceeded (${limits.maxOutput} bytes)`
      : 'interrupted',
    );
  }

  get status(): number {
    return { steps: 152, depth: 2, output: 153, aborted: 130 }[this.kind];
  }
}

/** Parsing costs about as much as this many simple commands. */
export const PARSE_COST = 25;
// Work runs in microtasks; every so many steps the event loop gets a turn (timers, abort).
const YIELD_EVERY = 1000;

export class Budget {
  private steps = 0;

  constructor(
    readonly limits: ShellLimits,
    private readonly signal?: AbortSignal,
  ) {}

  /** Counts `cost` units of work; throws once the budget is spent (and from then on). */
  charge(cost: number): void {
    if (this.signal?.aborted) throw new LimitError('aborted', this.limits);
    this.steps += cost;
    if (this.steps > this.limits.maxSteps) throw new LimitError('steps', this.limits);
  }

  /** One command or loop iteration. */
  async step(): Promise<void> {
    this.charge(1);
    if (this.steps % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  checkDepth(depth: number): void {
    if (depth > this.limits.maxDepth) throw new LimitError('depth', this.limits);
  }
}

/** What a nested shell started by another shell inherits, keyed by the context it was given. */
export interface Inherited {
  budget: Budget;
  depth: number;
  pid: number;
}

export const inherited = new WeakMap<ProgramContext, Inherited>();

/** A sink that refuses to carry more than `limit` characters. */
export class LimitedSink {
  private written = 0;
  overflowed = false;

  constructor(
    private readonly target: OutputSink,
    private readonly limits: ShellLimits,
  ) {}

  readonly write: OutputSink = (text) => {
    if (this.overflowed) throw new LimitError('output', this.limits);
    this.written += text.length;
    if (this.written > this.limits.maxOutput) {
      this.overflowed = true;
      throw new LimitError('output', this.limits);
    }
    this.target(text);
  };

  reset(): void {
    this.written = 0;
    this.overflowed = false;
  }
}

/** Collects output in memory, within the output limit. */
export class Capture {
  private chunks: string[] = [];
  private readonly sink: LimitedSink;

  constructor(limits: ShellLimits) {
    this.sink = new LimitedSink((text) => this.chunks.push(text), limits);
  }

  get write(): OutputSink {
    return this.sink.write;
  }

  get overflowed(): boolean {
    return this.sink.overflowed;
  }

  text(): string {
    const all = this.chunks.join('');
    this.chunks = [all];
    return all;
  }
}
