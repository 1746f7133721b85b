// What every verb gets: global flags, output streams, and access to the cluster — read-only
// (no lock) or as a transaction (lock, read, change, reconcile, atomic write; cluster/access.ts).

import type { ApiServer } from '../apiserver/server.js';
import { clockOf, StateAccess, type ChangeOptions } from '../cluster/access.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Colorize } from '../printers/table.js';
import type { StateData } from '../store/schema.js';
import { statePath } from '../store/statefile.js';
import { CliError } from './errors.js';
import { KubeconfigError } from './kubeconfig.js';
import { currentContext, type ContextInfo } from './kubeconfigcontext.js';

export interface GlobalFlags {
  namespace?: string;
  state?: string;
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  v?: string;
  /** false with --no-color. */
  color?: boolean;
}

export interface IO {
  out(text: string): void;
  err(text: string): void;
  /** Standard input as text (only read when a verb needs it). */
  readStdin(): Promise<string>;
  /** The next line of stdin (typed at a terminal, or from a pipe), or null at its end. */
  readLine?(): Promise<string | null>;
  /** A line of stdin that has already arrived, null at its end, undefined while none is there. */
  lineReady?(): string | null | undefined;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
}

export class Session {
  readonly nowMs: number;
  private readonly context: ContextInfo | Error;

  constructor(
    readonly flags: GlobalFlags,
    readonly env: NodeJS.ProcessEnv,
    readonly io: IO,
    /** The command line as typed, for --record's change cause. */
    readonly argv: string[] = [],
    /** The kubeconfig's context (see open), or why it could not be read. */
    context: ContextInfo | Error = { name: '' },
  ) {
    this.context = context;
    this.nowMs = clockOf(env);
  }

  /**
   * A session in the kubeconfig's current context. A broken kubeconfig or an unknown --context
   * fails only the commands that need the cluster, as kubectl's config commands still run.
   */
  static async open(flags: GlobalFlags, env: NodeJS.ProcessEnv, io: IO, argv: string[], overrides: GlobalFlags = flags): Promise<Session> {
    let context: ContextInfo | Error;
    try {
      context = await currentContext(overrides, env);
    } catch (e) {
      if (!(e instanceof CliError || e instanceof KubeconfigError)) throw e;
      context = e;
    }
    return new Session(flags, env, io, argv, context);
  }

  private get contextInfo(): ContextInfo {
    if (this.context instanceof Error) throw this.context;
    return this.context;
  }

  /** --state, KCTL_STATE, the context's cluster's state file, or the default one. */
  get statePath(): string {
    return (this.resolvedState ??= statePath(this.flags.state, this.env, this.flags.state || this.env.KCTL_STATE ? undefined : this.contextInfo.state));
  }

  private resolvedState?: string;

  /** The namespace of -n, else the current context's, else default. */
  get namespace(): string {
    return this.flags.namespace || this.contextInfo.namespace || 'default';
  }

  /** Colour only for a person at a terminal: never piped, never with NO_COLOR or --no-color. */
  get color(): boolean {
    return !this.env.NO_COLOR && this.flags.color !== false && this.io.stdoutIsTTY;
  }

  /** A function that colours text, or undefined when output stays plain. */
  async colorizer(): Promise<Colorize | undefined> {
    if (!this.color) return undefined;
    const { Chalk } = await import('chalk');
    const chalk = new Chalk({ level: 1 });
    return (style, text) => chalk[style](text);
  }

  get debug(): boolean {
    return !!this.env.KCTL_DEBUG || Number(this.flags.v ?? 0) >= 6;
  }

  /** The state file's cluster at this command's clock. */
  get access(): StateAccess {
    return (this.stateAccess ??= new StateAccess(this.statePath, this.env, this.nowMs, { notice: (text) => this.io.err(text) }));
  }

  private stateAccess?: StateAccess;

  /** The cluster as it is, for verbs that only look. */
  read(): Promise<Cluster> {
    return this.access.read();
  }

  /** One transaction: see StateAccess.change. */
  change<T>(fn: (api: ApiServer) => T | Promise<T>, opts: ChangeOptions = {}): Promise<T> {
    return this.access.change(fn, opts);
  }

  /** Replaces the whole state without reading it (cluster reset works on a corrupt file too). */
  replace(data: StateData): Promise<void> {
    return this.access.replace(data);
  }

}

