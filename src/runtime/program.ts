// The contract between the simulated shell and the programs it runs (builtins, coreutils,
// network clients). Programs never touch the host: they see only the simulated filesystem,
// the environment and the streams handed to them here.

import type { VirtualFS } from './fs.js';

/** Where a program reads its standard input from. */
export interface InputStream {
  /** Next line without its trailing newline, or null at end of input. */
  readLine(): Promise<string | null>;
  /** Everything that is left. */
  readAll(): Promise<string>;
}

export type OutputSink = (text: string) => void;

/**
 * A write to an output stream failed: its file is on a full disk. The sink throws it from the
 * write, so a program stops there, and whoever started the program reports it in the program's
 * name, as coreutils do (`seq: write error: No space left on device`, status 1).
 */
export class WriteError extends Error {
  constructor(readonly reason: string) {
    super(`write error: ${reason}`);
  }
}

/** Writes a diagnostic to a stream that may itself have failed; a real process's message is lost then. */
export function writeDiagnostic(sink: OutputSink, text: string): void {
  try {
    sink(text);
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
  }
}

export interface ProgramContext {
  /** argv[0] is the program name as invoked. */
  argv: string[];
  /** The exported environment of the process (a copy it may change freely). */
  env: Map<string, string>;
  cwd: string;
  fs: VirtualFS;
  stdin: InputStream;
  stdout: OutputSink;
  stderr: OutputSink;
  /** Aborts long-running programs (sleep, ping) when the session ends. */
  signal?: AbortSignal;
  /** Set by the shell, for programs that start other programs (env, which). */
  commands?: CommandRunner;
}

/** How a program finds and starts other programs, without going through the shell. */
export interface CommandRunner {
  /** The path a command would be run from (as `which` prints it), or null when there is none. */
  which(name: string): string | null;
  /** Runs the program named by ctx.argv[0]; null when there is no such program. */
  run(ctx: ProgramContext): Promise<number | null>;
}

/** Resolves to the exit status. */
export type Program = (ctx: ProgramContext) => Promise<number>;

export function stringInput(text: string): InputStream {
  let rest = text;
  return {
    async readLine() {
      if (rest === '') return null;
      const i = rest.indexOf('\n');
      const line = i < 0 ? rest : rest.slice(0, i);
      rest = i < 0 ? '' : rest.slice(i + 1);
      return line;
    },
    async readAll() {
      const all = rest;
      rest = '';
      return all;
    },
  };
}
