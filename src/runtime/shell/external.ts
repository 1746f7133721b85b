// Finding and starting programs. A name without a slash is a program of the image (present
// in the registry and in the image's set of available names) or an executable file on $PATH;
// a path runs the program of that basename when the file exists or sits in a standard bin
// directory, or else the script at that path (#! line honoured; without one, the shell runs it).

import { coreutils } from '../coreutils/index.js';
import { errorText, resolvePath } from '../overlayfs.js';
import { writeDiagnostic, type CommandRunner, type Program, type ProgramContext } from '../program.js';
import type { Interp } from './interp.js';
import { inherited, LimitError, LimitedSink } from './limits.js';
import type { Io } from './state.js';

const STD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const STD_BIN_DIRS = new Set(STD_PATH.split(':'));
/** Where programs live when the image has no file for them. */
const IN_BIN = new Set([...Object.keys(coreutils), 'sh', 'bash', 'ash', 'dash', 'busybox']);
/** Like Linux's ARG_MAX. */
const ARG_MAX = 2 * 1024 * 1024;

type Resolved =
  | { kind: 'program'; program: Program }
  | { kind: 'script'; path: string }
  | { kind: 'missing'; message: string; status: number };

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function programFor(sh: Interp, name: string): Program | null {
  const { programs, available } = sh.rt.config;
  return available.has(name) && Object.hasOwn(programs, name) ? programs[name] : null;
}

function executableFile(sh: Interp, path: string): boolean {
  const stat = sh.rt.fs.stat(path);
  return stat?.type === 'file' && (stat.mode & 0o111) !== 0;
}

/** The path `command -v` / `which` print for a name without a slash, or null. */
export function commandPath(sh: Interp, name: string): string | null {
  const dirs = (sh.getVar('PATH') ?? STD_PATH).split(':').filter(Boolean);
  for (const dir of dirs) {
    const path = resolvePath(sh.st.cwd, `${dir}/${name}`);
    if (executableFile(sh, path)) return path;
  }
  if (programFor(sh, name)) return `${IN_BIN.has(name) ? '/bin' : '/usr/bin'}/${name}`;
  return null;
}

function resolve(sh: Interp, name: string): Resolved {
  const bash = sh.rt.config.flavor === 'bash';
  const prefix = sh.rt.messages.prefix(sh.st.arg0, sh.st.line);
  if (!name.includes('/')) {
    const program = programFor(sh, name);
    if (program) return { kind: 'program', program };
    const path = commandPath(sh, name);
    if (path) return { kind: 'script', path };
    return { kind: 'missing', message: sh.rt.messages.notFound(sh.st.arg0, sh.st.line, name), status: 127 };
  }
  const path = resolvePath(sh.st.cwd, name);
  const stat = sh.rt.fs.stat(path);
  const program = programFor(sh, baseName(path));
  if (program && (stat?.type === 'file' || STD_BIN_DIRS.has(path.slice(0, path.lastIndexOf('/')) || '/'))) {
    return { kind: 'program', program };
  }
  if (!stat) {
    const text = bash ? 'No such file or directory' : 'not found';
    return { kind: 'missing', message: `${prefix}${name}: ${text}\n`, status: 127 };
  }
  if (stat.type === 'dir' || !executableFile(sh, path)) {
    const text = stat.type === 'dir' && bash ? 'Is a directory' : 'Permission denied';
    return { kind: 'missing', message: `${prefix}${name}: ${text}\n`, status: 126 };
  }
  return { kind: 'script', path };
}

export async function runExternal(sh: Interp, argv: string[], assigns: [string, string][], io: Io): Promise<number> {
  const resolved = resolve(sh, argv[0]);
  if (resolved.kind === 'missing') {
    writeDiagnostic(io.stderr, resolved.message);
    return resolved.status;
  }
  const limits = sh.rt.config.limits;
  if (argv.some((a) => a.length > limits.maxArg) || argv.reduce((n, a) => n + a.length + 1, 0) > ARG_MAX) {
    sh.error(`${argv[0]}: Argument list too long`, io);
    return 126;
  }
  const env = sh.st.env();
  for (const [name, value] of assigns) env.set(name, value);
  return start(sh, resolved, argv, env, io);
}

function start(sh: Interp, resolved: Exclude<Resolved, { kind: 'missing' }>, argv: string[], env: Map<string, string>, io: Io): Promise<number> {
  return resolved.kind === 'program' ? spawn(sh, resolved.program, argv, env, io) : runScriptFile(sh, resolved.path, argv, env, io);
}

async function runScriptFile(sh: Interp, path: string, argv: string[], env: Map<string, string>, io: Io): Promise<number> {
  const content = sh.rt.fs.readFile(path) ?? '';
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(content.split('\n', 1)[0]);
  let interpreter = shebang ? shebang[1] : sh.rt.config.flavor;
  let extra = shebang?.[2] ? [shebang[2]] : [];
  if (baseName(interpreter) === 'env' && extra.length > 0) {
    interpreter = extra[0];
    extra = [];
  }
  const program = programFor(sh, baseName(interpreter)) ?? (shebang ? null : programFor(sh, 'sh'));
  if (!program) {
    sh.error(`${argv[0]}: ${interpreter}: bad interpreter: No such file or directory`, io);
    return 126;
  }
  return spawn(sh, program, [interpreter, ...extra, argv[0], ...argv.slice(1)], env, io);
}

/** Runs a program with its own bounded streams; it inherits the budget and nesting depth. */
export async function spawn(sh: Interp, program: Program, argv: string[], env: Map<string, string>, io: Io): Promise<number> {
  const limits = sh.rt.config.limits;
  const out = new LimitedSink(io.stdout, limits);
  const err = new LimitedSink(io.stderr, limits);
  const ctx: ProgramContext = {
    argv, env, cwd: sh.st.cwd, fs: sh.rt.fs, stdin: io.stdin, stdout: out.write, stderr: err.write,
    signal: sh.rt.signal, commands: commandRunner(sh),
  };
  inherited.set(ctx, { budget: sh.rt.budget, depth: sh.st.depth + 1, pid: sh.rt.pid });
  let status: unknown;
  try {
    status = await program(ctx);
  } catch (e) {
    if (e instanceof LimitError) throw e;
    // A WriteError reads `seq: write error: No space left on device`, as coreutils say it.
    if (!out.overflowed && !err.overflowed) writeDiagnostic(io.stderr, `${baseName(argv[0])}: ${errorText(e)}\n`);
    status = 1;
  }
  if (out.overflowed || err.overflowed) throw new LimitError('output', limits);
  return typeof status === 'number' && Number.isInteger(status) ? status & 255 : 1;
}

export function commandRunner(sh: Interp): CommandRunner {
  return {
    which: (name) => {
      if (!name.includes('/')) return commandPath(sh, name);
      const path = resolvePath(sh.st.cwd, name);
      return executableFile(sh, path) ? path : null;
    },
    run: async (ctx) => {
      await sh.rt.budget.step();
      const resolved = resolve(sh, ctx.argv[0]);
      if (resolved.kind === 'missing') return null;
      return start(sh, resolved, ctx.argv, ctx.env, { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr });
    },
  };
}
