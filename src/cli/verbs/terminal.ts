// A process fed from kctl's stdin (a person at a terminal, or a pipe) runs across transactions:
// whenever it has to wait for the next line, what it changed is saved and the state lock
// released (other kctl commands go on meanwhile); the state is read afresh before the line is
// handed over.

import type { ApiServer } from '../../apiserver/server.js';
import type { ContainerHandle } from '../../runtime/container.js';
import type { InputStream } from '../../runtime/program.js';
import type { World } from '../../runtime/world.js';
import { CliError } from '../errors.js';
import { InputTooLarge } from '../../util/readcapped.js';
import { containerInputTooLarge } from '../input.js';
import type { Session } from '../session.js';

export interface TerminalRun<H, T, R> {
  /** Finds the machine in the first transaction (throwing leaves the state untouched). */
  open(api: ApiServer, world: World): H;
  /** Binds it to the fresh read of the next transaction. */
  reopen(handle: H, api: ApiServer, world: World): void;
  /** Runs the process with the terminal as its stdin. */
  body(handle: H, stdin: InputStream): Promise<T>;
  /** In the last transaction: record how it ended, delete what --rm deletes. */
  close(api: ApiServer, handle: H, result: T): R;
}

/** A container across transactions: the same pod, read again, or an error when it went away. */
export function reopenContainer(c: ContainerHandle, api: ApiServer, world: World): void {
  const pod = api.cluster.store.list('pods').find((p) => p.metadata.uid === c.pod.metadata.uid);
  if (!pod) throw new CliError(`pod ${c.pod.metadata.name} is gone`);
  c.rebind(world, pod);
}

export async function runAtTerminal<H, T, R>(session: Session, makeWorld: (api: ApiServer) => World, run: TerminalRun<H, T, R>): Promise<R> {
  let handle: H | undefined;
  let release: ((finish?: (api: ApiServer) => R) => void) | undefined;
  let done: Promise<R | undefined> = Promise.resolve(undefined);

  /** Opens a transaction that lasts until release(); resolves once the container is bound. */
  const begin = () =>
    new Promise<void>((ready, fail) => {
      done = session.change(async (api) => {
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

  // Input past the cap ends the process's stdin there; the command then fails saying so.
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
      ready = session.io.lineReady?.();
    } catch (e) {
      return refused(e);
    }
    if (ready !== undefined) return ready;
    release!();
    await done;
    let line: string | null;
    try {
      line = (await session.io.readLine?.()) ?? null;
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
  const result = await run.body(handle!, stdin);
  release!((api) => run.close(api, handle!, result));
  const out = (await done) as R;
  if (tooLarge) throw containerInputTooLarge();
  return out;
}
