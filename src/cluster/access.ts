// Access to the cluster of one state file, as every front door (the CLI, the HTTP API) needs it:
// read-only views without a lock, and transactions (lock, read, change through the API server,
// settle the controllers and the kubelet, write atomically). A new default cluster is made on
// first use. One instance serves one command or one request, with that moment's clock.

import type { ApiServer } from '../apiserver/server.js';
import { readState, StateFileError, withStateLock, type LockOptions } from '../store/statefile.js';
import { stateStamp } from '../store/statepoll.js';
import type { StateData } from '../store/schema.js';
import { goDuration } from '../util/duration.js';
import { randomFor } from '../util/random.js';
import { Cluster, rfc3339 } from './cluster.js';
import { defaultConfig } from './config.js';

export interface ChangeOptions {
  /** Run everything but leave the state file as it was. */
  dryRun?: boolean;
  /** The field manager of the command's own writes (`kubectl-client-side-apply`…), recorded in managedFields. */
  fieldManager?: string;
}

/** The clock of a command or request: KCTL_NOW when set, else now. */
export function clockOf(env: NodeJS.ProcessEnv): number {
  return env.KCTL_NOW ? Date.parse(env.KCTL_NOW) : Date.now();
}

/**
 * The parsed state kept between reads of a long-lived process (kctl serve) while the file stays
 * the same: every write replaces it (a new inode), so inode, size and mtime name a version. The
 * stamp is taken before the read, so a write in between only costs a read more.
 */
export class StateReadCache {
  private stamp = '';
  private data: StateData | null = null;

  read(file: string): StateData | null {
    const stamp = stateStamp(file);
    if (!stamp) return readState(file);
    if (stamp !== this.stamp || !this.data) {
      this.data = readState(file);
      this.stamp = stamp;
    }
    return this.data;
  }
}

export class StateAccess {
  constructor(
    readonly statePath: string,
    /** The process environment: KCTL_SEED, KCTL_CHECKS, KCTL_IMAGES. */
    readonly env: NodeJS.ProcessEnv,
    readonly nowMs: number,
    private readonly opts: {
      /** Told once when the lock's holder is stopped, so a person knows what the command waits for. */
      notice?: (text: string) => void;
      /** Reads reuse the state parsed by earlier reads while the file is unchanged. */
      readCache?: StateReadCache;
    } = {},
  ) {}

  /** How a transaction waits for the lock: KCTL_LOCK_TIMEOUT, and the notice for a stopped holder. */
  private get lockOptions(): LockOptions {
    return { waitMs: lockTimeout(this.env.KCTL_LOCK_TIMEOUT), notice: this.opts.notice };
  }

  private cluster(data: StateData, salt: string): Cluster {
    return new Cluster(data, this.nowMs, randomFor(this.env.KCTL_SEED, `${data.resourceVersion}/${salt}`), !!this.env.KCTL_CHECKS);
  }

  /** A new default cluster; bootstrapping and the controllers load only when something writes. */
  private async fresh(): Promise<StateData> {
    const { bootstrap } = await import('./bootstrap.js');
    return await bootstrap(defaultConfig(rfc3339(this.nowMs)), this.nowMs, randomFor(this.env.KCTL_SEED, 'bootstrap'), this.env);
  }

  /** The cluster as it is, for what only looks. */
  async read(): Promise<Cluster> {
    const data = (this.opts.readCache ? this.opts.readCache.read(this.statePath) : readState(this.statePath)) ?? (await this.initialise());
    return this.cluster(data, 'read');
  }

  private async initialise(): Promise<StateData> {
    return withStateLock(this.statePath, async (current) => {
      if (current) return { write: null, result: current };
      const data = await this.fresh();
      return { write: data, result: data };
    }, this.lockOptions);
  }

  /**
   * Runs fn as one transaction. If fn throws, nothing is written. Then the controllers and the
   * kubelet settle (not for a dry run: the server answers it before anything is stored).
   */
  async change<T>(fn: (api: ApiServer) => T | Promise<T>, opts: ChangeOptions = {}): Promise<T> {
    return (await this.transaction([fn], opts))[0];
  }

  /**
   * Runs several writes as one transaction (group commit: one lock, one read, one settle and one
   * write for all of them), each with an ApiServer of its own. If one fails, that transaction is
   * dropped and each runs alone, so a failed write changes nothing and the others land as if
   * they had come one after another.
   */
  async changeAll<T>(fns: ((api: ApiServer) => T | Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
    if (fns.length > 1) {
      try {
        return (await this.transaction(fns, {})).map((value) => ({ status: 'fulfilled', value }));
      } catch {
        // Some write failed: each on its own below.
      }
    }
    const out: PromiseSettledResult<T>[] = [];
    for (const fn of fns) {
      try {
        out.push({ status: 'fulfilled', value: await this.change(fn) });
      } catch (reason) {
        out.push({ status: 'rejected', reason });
      }
    }
    return out;
  }

  private async transaction<T>(fns: ((api: ApiServer) => T | Promise<T>)[], opts: ChangeOptions): Promise<T[]> {
    return withStateLock(this.statePath, async (current) => {
      const [{ ApiServer, loadOwnership }, { MAX_REQUEST_BODY_BYTES }, { settle }] = await Promise.all([import('../apiserver/server.js'), import('../apiserver/limits.js'), import('../kubelet/index.js')]);
      if (opts.fieldManager) await loadOwnership();
      const data = current ?? (await this.fresh());
      const before = data.resourceVersion;
      const queued = String(data.queued);
      const cluster = this.cluster(data, 'write');
      const result: T[] = [];
      for (const fn of fns) {
        const api = new ApiServer(cluster, undefined, MAX_REQUEST_BODY_BYTES);
        api.fieldManager = opts.fieldManager;
        result.push(await fn(api));
      }
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
