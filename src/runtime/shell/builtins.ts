// Shell builtins. Those that change the shell itself (cd, exit, set, …) must be builtins; echo,
// printf, test and pwd are builtins as in every real shell, sharing their code with coreutils.

import { echoOutput } from '../coreutils/echo.js';
import { formatPrintf } from '../coreutils/printf.js';
import { runTest } from '../coreutils/test.js';
import { resolvePath } from '../overlayfs.js';
import {
  declare, exportBuiltin, local, read, readonlyBuiltin, set, shellQuote, shift, unset,
} from './builtins-vars.js';
import { commandPath, runExternal } from './external.js';
import type { Interp } from './interp.js';
import type { Flavor } from './messages.js';
import { BreakSignal, ContinueSignal, ExitSignal, ReturnSignal, type Io } from './state.js';

export type Builtin = (sh: Interp, argv: string[], io: Io) => Promise<number>;

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', 'in', '!', '{', '}']);
const SIGNALS = ['EXIT', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM'];

function numberArg(sh: Interp, cmd: string, arg: string | undefined, fallback: number, io: Io): number | null {
  if (arg === undefined) return fallback;
  if (/^-?\d+$/.test(arg)) return Number(arg);
  const bash = sh.rt.config.flavor === 'bash';
  sh.error(bash ? `${cmd}: ${arg}: numeric argument required` : `${cmd}: Illegal number: ${arg}`, io);
  return null;
}

const cd: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1).filter((a) => a !== '-L' && a !== '-P');
  let target = args[0] ?? sh.getVar('HOME') ?? '/';
  if (target === '-') {
    target = sh.getVar('OLDPWD') ?? sh.st.cwd;
    io.stdout(`${target}\n`);
  }
  const path = resolvePath(sh.st.cwd, target);
  const stat = sh.rt.fs.stat(path);
  if (stat?.type !== 'dir') {
    const why = stat ? 'Not a directory' : 'No such file or directory';
    const flavor = sh.rt.config.flavor;
    sh.error(flavor === 'bash' ? `cd: ${target}: ${why}` : flavor === 'ash' ? `cd: can't cd to ${target}: ${why}` : `cd: can't cd to ${target}`, io);
    return flavor === 'sh' ? 2 : 1;
  }
  sh.setVar('OLDPWD', sh.st.cwd);
  sh.st.cwd = path;
  sh.setVar('PWD', path);
  return 0;
};

const exit: Builtin = async (sh, argv, io) => {
  const n = numberArg(sh, 'exit', argv[1], sh.st.status, io);
  throw new ExitSignal(n === null ? 2 : n & 255);
};

const returnBuiltin: Builtin = async (sh, argv, io) => {
  const n = numberArg(sh, 'return', argv[1], sh.st.status, io);
  throw new ReturnSignal(n === null ? 2 : n & 255);
};

function loopControl(kind: 'break' | 'continue'): Builtin {
  return async (sh, argv, io) => {
    const n = numberArg(sh, kind, argv[1], 1, io);
    if (n === null) return 1;
    if (sh.st.loops === 0) {
      if (sh.rt.config.flavor === 'bash') sh.error(`${kind}: only meaningful in a \`for', \`while', or \`until' loop`, io);
      return 0;
    }
    throw kind === 'break' ? new BreakSignal(Math.max(1, n)) : new ContinueSignal(Math.max(1, n));
  };
}

const source: Builtin = async (sh, argv, io) => {
  const name = argv[1];
  if (name === undefined) {
    sh.error(`${argv[0]}: filename argument required`, io);
    return 2;
  }
  const dirs = name.includes('/') ? [''] : [...(sh.getVar('PATH') ?? '').split(':').filter(Boolean), '.'];
  const path = dirs.map((d) => resolvePath(sh.st.cwd, d ? `${d}/${name}` : name)).find((p) => sh.rt.fs.stat(p)?.type === 'file');
  const text = path === undefined ? null : sh.rt.fs.readFile(path);
  if (text === null) {
    if (sh.rt.config.flavor === 'bash') {
      sh.error(`${name}: No such file or directory`, io);
      return 1;
    }
    return sh.fatal(`${argv[0]}: cannot open ${name}: No such file`, 2);
  }
  const positional = sh.st.positional;
  if (argv.length > 2) sh.st.positional = argv.slice(2);
  try {
    return await sh.runSource(text, io);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    if (argv.length > 2) sh.st.positional = positional;
  }
};

const exec: Builtin = async (sh, argv, io) => {
  if (argv.length < 2) return 0;
  throw new ExitSignal(await runExternal(sh, argv.slice(1), [], io));
};

/** How `command -v` / `type` see a name. */
function describe(sh: Interp, name: string): { kind: 'keyword' | 'function' | 'builtin' | 'file'; path?: string } | null {
  if (KEYWORDS.has(name)) return { kind: 'keyword' };
  if (sh.st.funcs.has(name)) return { kind: 'function' };
  if (BUILTINS.get(sh.rt.config.flavor, name)) return { kind: 'builtin' };
  const path = name.includes('/') ? (sh.rt.fs.stat(resolvePath(sh.st.cwd, name))?.type === 'file' ? name : null) : commandPath(sh, name);
  return path ? { kind: 'file', path } : null;
}

function describeText(name: string, d: NonNullable<ReturnType<typeof describe>>): string {
  if (d.kind === 'keyword') return `${name} is a shell keyword`;
  if (d.kind === 'function') return `${name} is a function`;
  if (d.kind === 'builtin') return `${name} is a shell builtin`;
  return `${name} is ${d.path}`;
}

const command: Builtin = async (sh, argv, io) => {
  let i = 1;
  let mode: '' | 'v' | 'V' = '';
  for (; i < argv.length && /^-[pvV]+$/.test(argv[i]); i++) {
    if (argv[i].includes('V')) mode = 'V';
    else if (argv[i].includes('v') && mode === '') mode = 'v';
  }
  if (i >= argv.length) return 0;
  if (mode === '') return sh.execute(argv.slice(i), [], io, true);
  let status = 0;
  for (const name of argv.slice(i)) {
    const d = describe(sh, name);
    if (!d) {
      if (mode === 'V') sh.error(`command: ${name}: not found`, io);
      status = 1;
    } else io.stdout(mode === 'v' ? `${d.path ?? name}\n` : `${describeText(name, d)}\n`);
  }
  return status;
};

const type: Builtin = async (sh, argv, io) => {
  let status = 0;
  for (const name of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const d = describe(sh, name);
    if (d) io.stdout(`${describeText(name, d)}\n`);
    else {
      sh.error(sh.rt.config.flavor === 'bash' ? `type: ${name}: not found` : `${name}: not found`, io);
      status = 1;
    }
  }
  return status;
};

const trap: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1).filter((a) => a !== '--');
  if (args.length === 0) {
    for (const [signal, action] of sh.st.traps) io.stdout(`trap -- ${shellQuote(action)} ${signal}\n`);
    return 0;
  }
  if (args[0] === '-l') {
    io.stdout(`${SIGNALS.slice(1).map((s, i) => `${i + 1}) SIG${s}`).join(' ')}\n`);
    return 0;
  }
  const action = args.length === 1 ? '-' : args[0];
  for (const raw of args.length === 1 ? args : args.slice(1)) {
    const upper = raw.toUpperCase().replace(/^SIG/, '');
    const signal = /^\d+$/.test(upper) ? SIGNALS[Number(upper)] : SIGNALS.includes(upper) ? upper : undefined;
    if (!signal) {
      sh.error(`trap: ${raw}: invalid signal specification`, io);
      return 1;
    }
    if (action === '-') sh.st.traps.delete(signal);
    else sh.st.traps.set(signal, action);
  }
  return 0;
};

const COMMON: Record<string, Builtin> = {
  ':': async () => 0,
  true: async () => 0,
  false: async () => 1,
  echo: async (_, argv, io) => {
    io.stdout(echoOutput(argv.slice(1)));
    return 0;
  },
  printf: async (sh, argv, io) => {
    const args = argv.slice(1);
    let target: string | null = null;
    if (args[0] === '-v' && sh.rt.config.flavor === 'bash') {
      target = args[1] ?? '';
      args.splice(0, 2);
    }
    if (args[0] === '--') args.shift();
    if (args.length === 0) {
      sh.error('printf: usage: printf [-v var] format [arguments]', io);
      return 2;
    }
    const result = formatPrintf(args[0], args.slice(1));
    if (target !== null) sh.setVar(target, result.text);
    else io.stdout(result.text);
    for (const e of result.errors) sh.error(`printf: ${e}`, io);
    return result.status;
  },
  test: async (sh, argv, io) => runTest(argv, { fs: sh.rt.fs, cwd: sh.st.cwd, isSet: (n) => sh.getVar(n) !== undefined }, (m) => sh.error(`${argv[0]}: ${m}`, io)),
  pwd: async (sh, _, io) => {
    io.stdout(`${sh.st.cwd}\n`);
    return 0;
  },
  cd,
  exit,
  return: returnBuiltin,
  break: loopControl('break'),
  continue: loopControl('continue'),
  eval: async (sh, argv, io) => sh.runSource(argv.slice(1).join(' '), io),
  '.': source,
  exec,
  command,
  type,
  trap,
  export: exportBuiltin,
  readonly: readonlyBuiltin,
  unset,
  local,
  set,
  shift,
  read,
  wait: async (sh) => {
    while (sh.rt.jobs.size > 0) await Promise.all([...sh.rt.jobs]);
    return 0;
  },
  umask: async (_, argv, io) => {
    if (argv.length === 1) io.stdout('0022\n');
    else if (argv[1] === '-S') io.stdout('u=rwx,g=rx,o=rx\n');
    return 0;
  },
  hash: async () => 0,
};
COMMON['['] = COMMON.test;

const BASH_ONLY: Record<string, Builtin> = { source, declare, typeset: declare };
const ASH_ONLY: Record<string, Builtin> = { source };

export const BUILTINS = {
  get(flavor: Flavor, name: string): Builtin | undefined {
    const extra = flavor === 'bash' ? BASH_ONLY : flavor === 'ash' ? ASH_ONLY : {};
    return Object.hasOwn(COMMON, name) ? COMMON[name] : Object.hasOwn(extra, name) ? extra[name] : undefined;
  },
};
