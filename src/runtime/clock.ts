// Simulated time for one command. Sleeping costs no wall time: the clock jumps. A run has a
// deadline; whatever would outlive it (a `sleep 3600`, a ping without -c) is cut off there, and
// the processes still going are aborted through `signal`.

export class Clock {
  private ms: number;
  private readonly controller = new AbortController();

  constructor(
    startMs: number,
    /** How much simulated time the run may take. */
    budgetMs: number,
  ) {
    this.ms = startMs;
    this.deadline = startMs + budgetMs;
  }

  readonly deadline: number;

  now(): number {
    return this.ms;
  }

  /** Aborted once the deadline has passed. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  /** Moves time forward by a little (the cost of a request); never past the deadline. */
  tick(ms = 1): void {
    this.ms = Math.min(this.ms + ms, this.deadline);
  }

  /**
   * Lets `ms` of simulated time pass. False when the run's deadline or `signal` came first; the
   * clock then stands at the deadline and every process of the run is aborted.
   */
  async sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted || this.expired) return false;
    // Let other simulated work (background jobs) take turns, as a real sleep would.
    await new Promise((done) => setImmediate(done));
    if (signal?.aborted) return false;
    if (this.ms + ms > this.deadline) {
      this.ms = this.deadline;
      this.controller.abort();
      return false;
    }
    this.ms += ms;
    return true;
  }
}

/** How long processes may run: a detached container's command, and a command a user waits for. */
export const BACKGROUND_BUDGET_MS = 60_000;
export const ATTACHED_BUDGET_MS = 3_600_000;
