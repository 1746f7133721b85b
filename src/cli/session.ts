// What every verb gets: global flags, output streams, and access to the cluster — read-only
// (no lock) or as a transaction (lock, read, change, reconcile, atomic write).

import type { ApiServer } from '../apiserver/server.js';
import { Cluster } from '../cluster/cluster.js';
import { defaultConfig } from '../cluster/config.js';
import type { Colorize } from '../printers/table.js';
import type { StateData } from '../store/schema.js';
import { readState, StateFileError, statePath, withStateLock, type LockOptions } from '../store/statefile.js';
import { goDuration } from '../util/duration.js';
import { randomFor } from '../util/random.js';

export interface GlobalFlags {
  namespace?: string;
  state?: string;
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

export interface ChangeOptions {
  /** Run everything but leave the state file as it was. */
  dryRun?: boolean;
}

export class Session {
  readonly statePath: string;
  readonly nowMs: number;

  constructor(
    readonly flags: GlobalFlags,
    readonly env: NodeJS.ProcessEnv,
    readonly io: IO,
    /** The command line as typed, for --record's change cause. */
    readonly argv: string[] = [],
  ) {
    this.statePath = statePath(flags.state, env);
    this.nowMs = env.KCTL_NOW ? Date.parse(env.KCTL_NOW) : Date.now();
  }

  /** The namespace of -n, or default. */
  get namespace(): string {
    return this.flags.namespace || 'default';
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

  private cluster(data: StateData, salt: string): Cluster {
    return new Cluster(data, this.nowMs, randomFor(this.env.KCTL_SEED, `${data.resourceVersion}/${salt}`), !!this.env.KCTL_CHECKS);
  }

  /** A new default cluster; bootstrapping and the controllers load only when a command writes. */
  private async fresh(): Promise<StateData> {
    const { bootstrap } = await import('../cluster/bootstrap.js');
    return await bootstrap(defaultConfig(new Date(this.nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z')), this.nowMs, randomFor(this.env.KCTL_SEED, 'bootstrap'), this.env);
  }

  /** The cluster as it is, for verbs that only look. */
  async read(): Promise<Cluster> {
    const data = readState(this.statePath) ?? (await this.initialise());
    return this.cluster(data, 'read');
  }

  /** How a transaction waits for the lock: KCTL_LOCK_TIMEOUT, and a word on stderr for a stopped holder. */
  private get lockOptions(): LockOptions {
    return { waitMs: lockTimeout(this.env.KCTL_LOCK_TIMEOUT), notice: (text) => this.io.err(text) };
  }

  private async initialise(): Promise<StateData> {
    return withStateLock(
      this.statePath,
      async (current) => {
        if (current) return { write: null, result: current };
        const data = await this.fresh();
        return { write: data, result: data };
      },
      this.lockOptions,
    );
  }

  /**
   * Runs fn as one transaction. If fn throws, nothing is written. Then the controllers and the
   * kubelet settle (not for a dry run: the server answers it before anything is stored).
   */
  async change<T>(fn: (api: ApiServer) => T | Promise<T>, opts: ChangeOptions = {}): Promise<T> {
    return withStateLock(this.statePath, async (current) => {
      const [{ ApiServer }, { MAX_REQUEST_BODY_BYTES }, { settle }] = await Promise.all([import('../apiserver/server.js'), import('../apiserver/limits.js'), import('../kubelet/index.js')]);
      const data = current ?? (await this.fresh());
      const before = data.resourceVersion;
      const queued = String(data.queued);
      const cluster = this.cluster(data, 'write');
      const result = await fn(new ApiServer(cluster, undefined, MAX_REQUEST_BODY_BYTES));
      if (!opts.dryRun) await settle(cluster, this.env);
      // A queued controller that found nothing left to do changes no object, only the queue.
      const changed = !current || data.resourceVersion !== before || String(data.queued) !== queued;
      // Resources the command did not write go back to the file as the bytes it read.
      const unchanged = (section: string) => section.startsWith('objects/') && cluster.store.changedAt(section.slice('objects/'.length)) === 0;
      return { write: !opts.dryRun && changed ? data : null, unchanged, result };
    }, this.lockOptions);
  }

  /** Replaces the whole state without reading it (cluster reset works on a corrupt file too). */
  async replace(data: StateData): Promise<void> {
    await withStateLock(this.statePath, async () => ({ write: data, result: undefined }), { ...this.lockOptions, read: false });
  }
}

/** KCTL_LOCK_TIMEOUT as a Go duration (`90s`, `2m`) or a number of seconds; undefined for the default. */
function lockTimeout(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  let ms: number;
  try {
    ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : goDuration(text);
  } catch (e) {
    throw new StateFileError(`invalid KCTL_LOCK_TIMEOUT ${JSON.stringify(text)}: ${(e as Error).message}`);
  }
  if (ms < 0) throw new StateFileError(`invalid KCTL_LOCK_TIMEOUT ${JSON.stringify(text)}: a duration cannot be negative`);
  return ms;
}
