// A process fed from kctl's stdin (a person at a terminal, or a pipe) runs across transactions:
// whenever it has to wait for the next line, what it changed is saved and the state lock
// released (other kctl commands go on meanwhile); the state is read afresh before the line is
// handed over.

import type { ApiServer } from '../../apiserver/server.js';
import type { ContainerHandle } from '../../runtime/container.js';
import type { InputStream } from '../../runtime/program.js';
import type { World } from '../../runtime/world.js';
import { CliError } from '../errors.js';
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

  const readLine = async (): Promise<string | null> => {
    // Input that has already arrived is taken within the transaction; only waiting lets go of it.
    const ready = session.io.lineReady?.();
    if (ready !== undefined) return ready;
    release!();
    await done;
    const line = (await session.io.readLine?.()) ?? null;
    await begin();
    return line;
  };
  const stdin: InputStream = {
    readLine,
    async readAll() {
      const lines: string[] = [];
      for (let l = await readLine(); l !== null; l = await readLine()) lines.push(l);
      return lines.map((l) => `${l}\n`).join('');
    },
  };

  await begin();
  const result = await run.body(handle!, stdin);
  release!((api) => run.close(api, handle!, result));
  return (await done) as R;
}
