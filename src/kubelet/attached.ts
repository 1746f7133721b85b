// A process fed from a client's stdin (a person at a terminal, a pipe, a stream of kctl serve)
// runs across transactions: whenever it has to wait for the next line, what it changed is saved
// and the state lock released (other commands go on meanwhile); the state is read afresh before
// the line is handed over. kctl's exec, run -i and host use it, and kctl serve's exec and attach.

import type { ApiServer } from '../apiserver/server.js';
import type { InputStream } from '../runtime/program.js';
import type { World } from '../runtime/world.js';
import { InputTooLarge } from '../util/readcapped.js';

export interface AttachedRun<H, T, R> {
  /** Finds the machine in the first transaction (throwing leaves the state untouched). */
  open(api: ApiServer, world: World): H;
  /** Binds it to the fresh read of the next transaction. */
  reopen(handle: H, api: ApiServer, world: World): void;
  /** Runs the process with the client's input as its stdin. */
  body(handle: H, stdin: InputStream): Promise<T>;
  /** In the last transaction: record how it ended, delete what --rm deletes. */
  close(api: ApiServer, handle: H, result: T): R;
}

/** Where the lines come from. */
export interface LineSource {
  /** The next line, null at the end; may wait. InputTooLarge past the source's cap. */
  readLine(): Promise<string | null>;
  /** A line already at hand (null: the end), or undefined when readLine would wait. */
  lineReady?(): string | null | undefined;
}

export interface AttachedResult<R> {
  result: R;
  /** The input passed its cap: the process saw its end there. */
  inputTooLarge: boolean;
}

/** One transaction of the front door (StateAccess.change, or the CLI session's). */
export type Transaction = <T>(fn: (api: ApiServer) => Promise<T>) => Promise<T>;

export async function runAttached<H, T, R>(change: Transaction, input: LineSource, makeWorld: (api: ApiServer) => World, run: AttachedRun<H, T, R>): Promise<AttachedResult<R>> {
  let handle: H | undefined;
  let release: ((finish?: (api: ApiServer) => R) => void) | undefined;
  let done: Promise<R | undefined> = Promise.resolve(undefined);

  /** Opens a transaction that lasts until release(); resolves once the container is bound. */
  const begin = () =>
    new Promise<void>((ready, fail) => {
      done = change(async (api) => {
        const world = makeWorld(api);
        if (handle === undefined) handle = run.open(api, world);
        else run.reopen(handle, api, world);
        ready();
        const finish = await new Promise<((api: ApiServer) => R) | undefined>((r) => (release = r));
        const result = finish?.(api);
        world.commit();
        return result;
      });
      done.catch(fail);
    });

  // Input past the cap ends the process's stdin there; the caller then fails saying so.
  let tooLarge = false;
  const refused = (e: unknown): null => {
    if (!(e instanceof InputTooLarge)) throw e;
    tooLarge = true;
    return null;
  };
  const readLine = async (): Promise<string | null> => {
    if (tooLarge) return null;
    // Input that has already arrived is taken within the transaction; only waiting lets go of it.
    let ready: string | null | undefined;
    try {
      ready = input.lineReady?.();
    } catch (e) {
      return refused(e);
    }
    if (ready !== undefined) return ready;
    release!();
    await done;
    let line: string | null;
    try {
      line = await input.readLine();
    } catch (e) {
      line = refused(e);
    }
    await begin();
    return line;
  };
  const stdin: InputStream = {
    readLine,
    async readAll() {
      // Joined as it comes: millions of short lines held apart would cost many times their text.
      const joined: string[] = [];
      let batch: string[] = [];
      for (let l = await readLine(); l !== null; l = await readLine()) {
        batch.push(l, '\n');
        if (batch.length >= 8192) {
          joined.push(batch.join(''));
          batch = [];
        }
      }
      return joined.join('') + batch.join('');
    },
  };

  await begin();
  let result: T;
  try {
    result = await run.body(handle!, stdin);
  } catch (e) {
    // What the process did so far is kept; a long-lived server must never keep the lock.
    release!();
    await done.catch(() => undefined);
    throw e;
  }
  release!((api) => run.close(api, handle!, result));
  const out = (await done) as R;
  return { result: out, inputTooLarge: tooLarge };
}
