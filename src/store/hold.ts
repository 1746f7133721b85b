// Holding the state lock for one transaction. Ctrl-C, SIGTERM or a closed terminal, while the
// command waits for the lock or works under it, ends it quietly as the signal would, with
// nothing written and the lock let go. Writes are synchronous, so a signal is handled either
// before the new state replaces the old or after the lock is released, never in between; long
// work yields to the event loop now and then so that this happens within a moment.

import { Lock, type AcquireOptions } from './lock.js';
import { reason, StateFileError } from './statepath.js';

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type Handled = keyof typeof SIGNALS;

export async function hold<T>(lockedFile: string, shown: string, opts: AcquireOptions, body: (lock: Lock) => Promise<T>): Promise<T> {
  let lock: Lock | undefined;
  const release = () => lock?.release();
  const quit = (signal: Handled) => {
    stop();
    // Ended by the signal itself, as a shell expects of an interrupted command (status 128+n).
    process.kill(process.pid, signal);
    process.exit(128 + SIGNALS[signal]);
  };
  const stop = () => {
    release();
    for (const s of Object.keys(SIGNALS)) process.off(s, quit);
    process.off('exit', release);
  };
  for (const s of Object.keys(SIGNALS)) process.on(s, quit);
  // An exit from inside the transaction (a closed output pipe) still lets go of the lock.
  process.on('exit', release);
  try {
    try {
      lock = await Lock.acquire(`${lockedFile}.lock`, shown, opts);
    } catch (e) {
      if (e instanceof StateFileError) throw e;
      throw new StateFileError(`cannot lock the state file ${shown}: ${reason(e)}`);
    }
    return await body(lock);
  } finally {
    stop();
  }
}
