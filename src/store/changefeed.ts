// Changes to a state file as they happen, for a long-lived watcher (kctl serve's watches, kctl's
// own `get -w`): it notices each replacement of the file (fs.watch on its directory, as every
// write renames a new file into place, with a short poll in case no notice comes) and hands the
// history's new changes to its listeners in order. It only reads: no lock is held while it waits.

import { watch as watchDir, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { changesSince, ResourceVersionTooOld, type Change } from './history.js';
import type { StateData } from './schema.js';

/** What a listener is told: the next changes, or that the changes since its version are lost. */
export type FeedEvent = { changes: Change[]; data: StateData } | { lost: ResourceVersionTooOld };

export type FeedListener = (event: FeedEvent) => void;

/** How often the file is looked at when no change notice came. */
const POLL_MS = 100;

export class ChangeFeed {
  private data: StateData | null = null;
  /** The version the listeners were last told about. */
  private version = -1;
  private readonly listeners = new Set<FeedListener>();
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private pending = false;

  constructor(
    private readonly file: string,
    /** The state as the file now holds it (a cached read: the same object while the file is unchanged). */
    private readonly read: () => StateData | null,
  ) {}

  /**
   * Reads the file if it was replaced, tells the listeners what changed, and returns the state.
   * Synchronous, so a new listener can catch up from the returned state and subscribe before any
   * later change is handed out.
   */
  refresh(): StateData | null {
    const data = this.read();
    if (data === this.data) return data;
    this.data = data;
    if (!data) return data;
    const before = this.version;
    this.version = data.resourceVersion;
    if (before < 0 || before === data.resourceVersion) return data;
    let event: FeedEvent;
    try {
      // A reset cluster starts its clock again: what watchers knew is gone.
      if (data.resourceVersion < before) throw new ResourceVersionTooOld(before, data.resourceVersion);
      event = { changes: changesSince(data, before), data };
    } catch (e) {
      if (!(e instanceof ResourceVersionTooOld)) throw e;
      event = { lost: e };
    }
    for (const l of [...this.listeners]) l(event);
    return data;
  }

  /** Calls listener with every change from now on; returns the unsubscribe. */
  subscribe(listener: FeedListener): () => void {
    if (this.version < 0) this.refresh();
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /**
   * Resolves true at the next change after the last one this feed saw (refresh() first sets
   * where that is), false at the deadline (ms since the epoch). Nothing is locked meanwhile.
   */
  next(deadline = Infinity): Promise<boolean> {
    return new Promise((done) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (changed: boolean) => {
        clearTimeout(timer);
        clearInterval(timer);
        unsubscribe();
        done(changed);
      };
      // The feed's own watcher and poll do not keep the process alive; a waiter does, to its deadline.
      timer = deadline === Infinity ? setInterval(() => undefined, 2 ** 30) : setTimeout(() => finish(false), Math.max(0, deadline - Date.now()));
      const unsubscribe = this.subscribe(() => finish(true));
    });
  }

  private check = () => {
    this.pending = false;
    try {
      this.refresh();
    } catch {
      // A file being replaced or briefly unreadable: the next notice or poll reads it again.
    }
  };

  private schedule = () => {
    if (this.pending) return;
    this.pending = true;
    setImmediate(this.check);
  };

  private start(): void {
    const name = basename(this.file);
    try {
      this.watcher = watchDir(dirname(this.file), { persistent: false }, (_event, changed) => {
        if (!changed || changed === name) this.schedule();
      });
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      // No notices on this file system: the poll alone finds the changes.
    }
    this.timer = setInterval(this.schedule, POLL_MS);
    this.timer.unref();
  }

  private stop(): void {
    this.watcher?.close();
    this.watcher = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
