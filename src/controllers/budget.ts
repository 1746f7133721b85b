// How much controller work one command does. A real cluster's controllers work in the
// background, a burst per sync; kctl's work while a command holds the state lock. So each
// command gives them a budget of objects to create or delete, and a controller whose work needs
// more stops where the budget ends. Its name is queued in the state (StateData.queued), and the
// next command that writes runs it first, as a work queue would resync it: a huge scale
// converges over several commands instead of holding the lock for minutes.

import type { Cluster } from '../cluster/cluster.js';
import { writesPerCommand } from '../cluster/config.js';

/** replicaset.BurstReplicas: pods a ReplicaSet creates or deletes in one sync. */
export const BURST_REPLICAS = 500;
/** The daemon set controller's BurstReplicas. */
export const DAEMONSET_BURST_REPLICAS = 250;
/** The job controller's MaxPodCreateDeletePerSync. */
export const JOB_MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export class Budget {
  /** Controllers that wanted more than was left; they carry on in the next command. */
  readonly queued = new Set<string>();
  /** The controller running now, queued if it asks for more than is left. */
  running?: string;
  /**
   * Owners (by uid) whose creations the API server refused in this command: like a key requeued
   * with rate limiting, they are not retried until a later command, so one command records one
   * failed batch per owner rather than one per round.
   */
  readonly backoff = new Set<string>();

  constructor(
    public remaining: number,
    /** Controllers the previous command queued: they have work although nothing woke them. */
    readonly carried: ReadonlySet<string> = new Set(),
  ) {}

  /** Grants up to n writes; asking for more than is left queues the running controller. */
  take(n: number): number {
    const granted = Math.max(0, Math.min(n, this.remaining));
    if (granted < n && this.running) this.queued.add(this.running);
    this.remaining -= granted;
    return granted;
  }

  /** Gives back writes granted but not made (a creation refused by the API server). */
  refund(n: number): void {
    this.remaining += n;
  }
}

const budgets = new WeakMap<Cluster, Budget>();

/** The command's budget, begun with what the previous command queued. */
export function budgetOf(cluster: Cluster): Budget {
  let b = budgets.get(cluster);
  if (!b) budgets.set(cluster, (b = new Budget(writesPerCommand(cluster.config), new Set(cluster.data.queued ?? []))));
  return b;
}

/**
 * slowStartBatch: calls fn up to count times in batches of 1, 2, 4… and stops after the first
 * batch with a failure (the rest of that batch still runs, as its calls would run at once), so
 * a quota that refuses the first pod costs one request, not hundreds. Returns how many
 * succeeded and the first error.
 */
export function slowStartBatch<E>(count: number, initialBatchSize: number, fn: () => E | undefined): { successes: number; error?: E } {
  let remaining = count;
  let successes = 0;
  for (let size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
    let error: E | undefined;
    for (let i = 0; i < size; i++) {
      const e = fn();
      if (e === undefined) successes++;
      else error ??= e;
    }
    if (error !== undefined) return { successes, error };
    remaining -= size;
  }
  return { successes };
}
