// Starting a process in a machine the way runc does: argv[0] looked up on $PATH (or taken as a
// path), a program of the image, or a script run by the interpreter of its #! line. Plain
// programs start directly; the shell is only loaded when a shell runs.

import type { Machine } from './machine.js';
import { resolvePath } from './overlayfs.js';
import type { CommandRunner, InputStream, OutputSink, Program, ProgramContext } from './program.js';
import type { Toolbox } from './programs/index.js';
import { DEFAULT_LIMITS, LimitError, LimitedSink } from './shell/limits.js';

const STD_BIN = /^\/(usr\/(local\/)?)?s?bin\/[^/]+$/;
const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

export interface ProcessIO {
  stdin: InputStream;
  stdout: OutputSink;
  stderr: OutputSink;
}

export interface ProcessSpec {
  argv: string[];
  env: Map<string, string>;
  cwd: string;
  signal?: AbortSignal;
}

export type Executable = { ok: true; program: Program; argv: string[] } | { ok: false; message: string };

function executable(m: Machine, path: string): boolean {
  const st = m.fs.stat(path);
  return st?.type === 'file' && (st.mode & 0o111) !== 0;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The executable file a name without a slash runs, searched on $PATH. */
function lookPath(m: Machine, name: string, env: Map<string, string>, cwd: string): string | null {
  for (const dir of (env.get('PATH') ?? DEFAULT_PATH).split(':')) {
    const candidate = resolvePath(cwd, `${dir || '.'}/${name}`);
    if (executable(m, candidate)) return candidate;
  }
  return null;
}

/** What runs for argv, or runc's complaint when nothing would. */
export function findExecutable(m: Machine, box: Toolbox, argv: string[], env: Map<string, string>, cwd: string): Executable {
  const name = argv[0] ?? '';
  let path: string | null = null;
  if (name.includes('/')) {
    path = resolvePath(cwd, name);
    if (!m.fs.stat(path)) return { ok: false, message: `exec: "${name}": stat ${name}: no such file or directory` };
  } else if (name) {
    path = lookPath(m, name, env, cwd);
    if (!path) return { ok: false, message: `exec: "${name}": executable file not found in $PATH` };
  }
  if (!path || !executable(m, path)) return { ok: false, message: `exec: "${name}": permission denied` };
  const base = basename(path);
  if (box.available.has(base) && STD_BIN.test(path) && (m.fs.readFile(path) ?? '') === '') return { ok: true, program: box.programs[base], argv };
  // A script: #!interpreter [arg], or the shell when it has no #! line.
  const first = (m.fs.readFile(path) ?? '').split('\n', 1)[0];
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
  let interpreter = shebang ? basename(shebang[1]) : 'sh';
  let extra = shebang?.[2] ? [shebang[2]] : [];
  if (interpreter === 'env' && extra.length) [interpreter, extra] = [extra[0], []];
  if (!box.available.has(interpreter)) return { ok: false, message: `exec: "${name}": ${shebang ? 'no such file or directory' : 'exec format error'}` };
  return { ok: true, program: box.programs[interpreter], argv: [interpreter, ...extra, path, ...argv.slice(1)] };
}

/** Lets programs like env start other programs without a shell. */
function runner(m: Machine, box: Toolbox, cwd: string): CommandRunner {
  return {
    which: (name) => (name.includes('/') ? (executable(m, resolvePath(cwd, name)) ? resolvePath(cwd, name) : null) : lookPath(m, name, new Map(), cwd)),
    run: async (ctx) => {
      const found = findExecutable(m, box, ctx.argv, ctx.env, ctx.cwd);
      return found.ok ? found.program({ ...ctx, argv: found.argv }) : null;
    },
  };
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

/**
 * A shell started without a command is interactive only on a terminal; without one it reads its
 * commands from stdin (`sh -s`), with no prompts — the shell cannot tell by itself.
 */
export function withoutTerminal(argv: string[], tty: boolean): string[] {
  if (tty || !SHELLS.has(basename(argv[0] ?? ''))) return argv;
  return argv.slice(1).every((a) => a === '-l' || a === '--login') ? [...argv, '-s'] : argv;
}

/**
 * Runs a found executable to its exit status; a program that throws ends with status 1. A
 * program other than a shell (which bounds each of its commands itself) may write what one
 * shell command may: past that it ends as the shell ends such a command, with SIGXFSZ's 153.
 */
export async function runProgram(m: Machine, box: Toolbox, found: Extract<Executable, { ok: true }>, spec: ProcessSpec, io: ProcessIO): Promise<number> {
  const shell = SHELLS.has(basename(found.argv[0]));
  const out = shell ? undefined : new LimitedSink(io.stdout, DEFAULT_LIMITS);
  const err = shell ? undefined : new LimitedSink(io.stderr, DEFAULT_LIMITS);
  const ctx: ProgramContext = {
    argv: found.argv,
    env: new Map(spec.env),
    cwd: spec.cwd,
    fs: m.fs,
    stdin: io.stdin,
    stdout: out?.write ?? io.stdout,
    stderr: err?.write ?? io.stderr,
    signal: spec.signal,
    commands: runner(m, box, spec.cwd),
  };
  const name = basename(found.argv[0]);
  let status: number;
  try {
    const s = await found.program(ctx);
    status = Number.isInteger(s) ? s & 255 : 1;
  } catch (e) {
    if (!out?.overflowed && !err?.overflowed) io.stderr(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    status = 1;
  }
  // A program may catch the error its write threw; the overflow still ends it.
  if (out?.overflowed || err?.overflowed) {
    io.stderr(`${name}: ${new LimitError('output', DEFAULT_LIMITS).message}\n`);
    return new LimitError('output', DEFAULT_LIMITS).status;
  }
  return status;
}
