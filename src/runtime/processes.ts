// Running processes in containers: a container's main process (its argv given by the kubelet,
// which decides when it runs), and commands started in a running container (`kctl exec`).
// Output of a main process goes to the container's log.

import type { ContainerHandle } from './container.js';
import { LineLog } from './logs.js';
import { findExecutable, runProgram, withoutTerminal } from './process.js';
import type { InputStream, OutputSink } from './program.js';
import { toolbox } from './programs/index.js';

export type MainResult = { kind: 'exited'; code: number } | { kind: 'start-error'; message: string } | { kind: 'running' };

export interface Streams {
  stdin: InputStream;
  stdout?: OutputSink;
  stderr?: OutputSink;
  tty: boolean;
}

/** runc's words when the main process cannot start. */
function startError(message: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${message}: unknown`;
}

/**
 * Runs a container's main process. It is `running` when it is the image's own server, when kctl
 * cannot know what the program of an unknown image does, or when it outlives the run's time.
 */
export async function runMain(c: ContainerHandle, argv: string[], streams: Streams): Promise<MainResult> {
  const clock = c.world.clock;
  const env = c.processEnv(streams.tty);
  if (argv.length === 0 || c.runsDaemon()) return { kind: 'running' };
  const box = toolbox(c, c.image);
  const found = findExecutable(c, box, withoutTerminal(argv, streams.tty), env, c.cwd);
  if (!found.ok) return c.image.spec.opaque ? { kind: 'running' } : { kind: 'start-error', message: startError(found.message) };
  const keep = (text: string) => {
    if (!clock.expired) c.write(text);
  };
  const out = new LineLog(keep);
  const err = streams.tty ? out : new LineLog(keep);
  const code = await runProgram(c, box, found, { argv: found.argv, env, cwd: c.cwd, signal: clock.signal }, {
    stdin: streams.stdin,
    stdout: (t) => {
      out.write(t);
      streams.stdout?.(t);
    },
    stderr: (t) => {
      err.write(t);
      (streams.tty ? streams.stdout : streams.stderr)?.(t);
    },
  });
  out.close();
  err.close();
  return clock.expired ? { kind: 'running' } : { kind: 'exited', code };
}

export type ExecResult = { kind: 'exited'; code: number } | { kind: 'error'; message: string };

/** A command started in a running container; with a TTY its stderr joins stdout. */
export async function execIn(c: ContainerHandle, argv: string[], streams: Streams): Promise<ExecResult> {
  const env = c.processEnv(streams.tty);
  const box = toolbox(c, c.image);
  const found = findExecutable(c, box, withoutTerminal(argv, streams.tty), env, c.cwd);
  if (!found.ok) return { kind: 'error', message: found.message };
  const stdout = streams.stdout ?? (() => undefined);
  const code = await runProgram(c, box, found, { argv: found.argv, env, cwd: c.cwd, signal: c.world.clock.signal }, {
    stdin: streams.stdin,
    stdout,
    stderr: streams.tty ? stdout : streams.stderr ?? (() => undefined),
  });
  return { kind: 'exited', code };
}

/** containerd's words when a command cannot start in a running container (the API server prefixes `Internal error occurred: `). */
export function execFailure(execId: string, message: string): string {
  return `error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${message}: unknown`;
}
