// A process fed from kctl's stdin (a person at a terminal, or a pipe) runs across transactions
// (kubelet/attached.ts): the state lock is let go of whenever it waits for the next line.

import type { ApiServer } from '../../apiserver/server.js';
import { runAttached, type AttachedRun } from '../../kubelet/attached.js';
import type { ContainerHandle } from '../../runtime/container.js';
import type { World } from '../../runtime/world.js';
import { CliError } from '../errors.js';
import { containerInputTooLarge } from '../input.js';
import type { Session } from '../session.js';

export type TerminalRun<H, T, R> = AttachedRun<H, T, R>;

/** A container across transactions: the same pod, read again, or an error when it went away. */
export function reopenContainer(c: ContainerHandle, api: ApiServer, world: World): void {
  const pod = api.cluster.store.list('pods').find((p) => p.metadata.uid === c.pod.metadata.uid);
  if (!pod) throw new CliError(`pod ${c.pod.metadata.name} is gone`);
  c.rebind(world, pod);
}

export async function runAtTerminal<H, T, R>(session: Session, makeWorld: (api: ApiServer) => World, run: TerminalRun<H, T, R>): Promise<R> {
  const input = {
    readLine: async () => (await session.io.readLine?.()) ?? null,
    lineReady: () => session.io.lineReady?.(),
  };
  const { result, inputTooLarge } = await runAttached((fn) => session.change(fn), input, makeWorld, run);
  if (inputTooLarge) throw containerInputTooLarge();
  return result;
}
