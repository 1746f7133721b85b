// The simulated POSIX shell (sh = dash flavour, bash, ash = busybox flavour), parsed with
// mvdan-sh and interpreted over the container's VirtualFS. It never touches the host.
//
//   createShell(opts): Program
//     `sh -c 'script' [name [args…]]`, `sh script.sh [args…]`, `sh -s` (script on stdin),
//     and interactive `sh` / `sh -i` / `bash -il` (prompt on stderr, lines from stdin).
//     Options: -c -i -l -s -e -u -x -f -a -o name, --login, --norc, --noprofile, --posix,
//     bash --version. Login shells read /etc/profile and ~/.profile; interactive bash reads
//     ~/.bashrc.
//   runScript(script, ctx, opts): Promise<number>   — runs source text directly (as `-c`).
//   runCommand(argv, ctx, opts): Promise<number | null>
//     — execs argv without a shell, as a container runtime does (`kctl exec pod -- ls`):
//     programs found as the shell finds them, same bounds; null when there is no such program.
//
// Programs come from opts.programs, looked up by basename and only if opts.available has the
// name; the registry may contain the shells themselves (the same object can be passed to
// createShell while it is being filled), so nested `sh -c "bash -c …"` works.
//
// Everything a script can trigger is bounded (see limits.ts): a shared step budget, nesting
// depth, output per command and the size of values. Exceeding a bound ends the shell with a
// message and status 152 (steps), 153 (output) or 2 (depth); an interrupted shell gives 130.
// Syntax errors give status 2, unknown commands 127.

import { resolvePath } from '../overlayfs.js';
import type { Program, ProgramContext } from '../program.js';
import { commandRunner } from './external.js';
import { runInteractive } from './interactive.js';
import { DEFAULT_LIMITS } from './limits.js';
import { ShellInstance, tooDeep, type ShellOptions } from './instance.js';
import { OPTION_LETTERS, type Options } from './state.js';

export type { ShellOptions } from './instance.js';
export type { ShellLimits } from './limits.js';
export { DEFAULT_LIMITS } from './limits.js';

interface Invocation {
  command?: string;
  file?: string;
  arg0?: string;
  args: string[];
  interactive: boolean;
  login: boolean;
  stdin: boolean;
  rc: boolean;
  options: Partial<Options>;
}

const LONG_OPTIONS: Record<string, keyof Options> = {
  errexit: 'errexit', nounset: 'nounset', xtrace: 'xtrace', noglob: 'noglob', pipefail: 'pipefail', allexport: 'allexport',
};

function parseArgs(argv: string[]): Invocation | { error: string } {
  const inv: Invocation = { args: [], interactive: false, login: argv[0].startsWith('-'), stdin: false, rc: true, options: {} };
  let wantsCommand = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--' || arg === '-') {
      i++;
      break;
    }
    if (arg === '--login') inv.login = true;
    else if (arg === '--norc' || arg === '--noprofile') inv.rc = false;
    else if (arg === '--posix' || arg === '--noediting') continue;
    else if (arg.startsWith('--')) return { error: `${arg}: invalid option` };
    else if (/^[-+]/.test(arg) && arg.length > 1) {
      const on = arg[0] === '-';
      for (const letter of arg.slice(1)) {
        if (letter === 'c') wantsCommand = true;
        else if (letter === 'i') inv.interactive = true;
        else if (letter === 'l') inv.login = true;
        else if (letter === 's') inv.stdin = true;
        else if (letter === 'o') {
          const name = argv[++i];
          if (!name || !Object.hasOwn(LONG_OPTIONS, name)) return { error: `${name ?? ''}: invalid option name` };
          inv.options[LONG_OPTIONS[name]] = on;
        } else if (OPTION_LETTERS[letter]) inv.options[OPTION_LETTERS[letter]] = on;
        else if (!'vhmBHCbnTEP'.includes(letter)) return { error: `-${letter}: invalid option` };
      }
    } else break;
  }
  const rest = argv.slice(i);
  if (wantsCommand) {
    if (rest.length === 0) return { error: '-c: option requires an argument' };
    inv.command = rest[0];
    inv.arg0 = rest[1];
    inv.args = rest.slice(2);
  } else if (!inv.stdin && rest.length > 0) {
    inv.file = rest[0];
    inv.arg0 = rest[0];
    inv.args = rest.slice(1);
  } else {
    inv.args = rest;
  }
  return inv;
}

function errorMessage(opts: ShellOptions, arg0: string, error: string): string {
  if (opts.name === 'bash') return `${arg0}: ${error}\n`;
  const m = /^-(\w): invalid option$/.exec(error);
  return m ? `${arg0}: 0: Illegal option -${m[1]}\n` : `${arg0}: 0: ${error}\n`;
}

async function sourceIfPresent(shell: ShellInstance, path: string): Promise<boolean> {
  const text = shell.interp.rt.fs.readFile(path);
  if (text === null) return false;
  await shell.guard(() => shell.interp.runSource(text, shell.io));
  return true;
}

async function startupFiles(shell: ShellInstance, inv: Invocation, opts: ShellOptions): Promise<void> {
  if (!inv.rc) return;
  const home = shell.interp.getVar('HOME') ?? '/root';
  if (inv.login) {
    await sourceIfPresent(shell, '/etc/profile');
    const candidates = opts.name === 'bash' ? ['.bash_profile', '.bash_login', '.profile'] : ['.profile'];
    for (const name of candidates) if (await sourceIfPresent(shell, `${home}/${name}`)) break;
  } else if (opts.name === 'bash') {
    await sourceIfPresent(shell, `${home}/.bashrc`);
  } else {
    const env = shell.interp.getVar('ENV');
    if (env) await sourceIfPresent(shell, env);
  }
}

async function runShell(ctx: ProgramContext, opts: ShellOptions): Promise<number> {
  const name = ctx.argv[0] ?? opts.name;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (tooDeep(ctx, limits)) {
    ctx.stderr(`${name}: maximum nesting depth exceeded (${limits.maxDepth})\n`);
    return 2;
  }
  if (ctx.argv.some((a) => a.length > limits.maxArg)) {
    ctx.stderr(`${name}: Argument list too long\n`);
    return 126;
  }
  if (opts.name === 'bash' && ctx.argv.includes('--version')) {
    const version = opts.version ?? '5.2';
    ctx.stdout(`GNU bash, version ${version}.0(1)-release (x86_64-pc-linux-gnu)\n`);
    return 0;
  }
  const inv = parseArgs(ctx.argv.length ? ctx.argv : [name]);
  if ('error' in inv) {
    ctx.stderr(errorMessage(opts, name, inv.error));
    return 2;
  }
  const mode = inv.command !== undefined ? 'c' : inv.file !== undefined ? 'script' : inv.stdin && !inv.interactive ? 'c' : 'interactive';
  const shell = new ShellInstance(ctx, opts, mode, inv.arg0 ?? name, inv.args);
  Object.assign(shell.interp.st.options, inv.options);
  let status = 0;
  if (inv.command !== undefined) {
    status = (await shell.run(inv.command)).status;
  } else if (inv.file !== undefined) {
    const text = ctx.fs.readFile(resolvePath(ctx.cwd, inv.file));
    if (text === null) {
      ctx.stderr(opts.name === 'bash' ? `${name}: ${inv.file}: No such file or directory\n` : `${name}: 0: cannot open ${inv.file}: No such file\n`);
      return opts.name === 'bash' ? 127 : 2;
    }
    status = text.length > limits.maxScript ? tooLarge(ctx, name) : (await shell.run(text)).status;
  } else if (mode === 'c') {
    const text = await ctx.stdin.readAll();
    status = text.length > limits.maxScript ? tooLarge(ctx, name) : (await shell.run(text)).status;
  } else {
    await startupFiles(shell, inv, opts);
    status = await runInteractive(shell, inv.login);
  }
  return shell.finish(status);
}

function tooLarge(ctx: ProgramContext, name: string): number {
  ctx.stderr(`${name}: script too large\n`);
  return 2;
}

export function createShell(opts: ShellOptions): Program {
  return (ctx) => runShell(ctx, opts);
}

/** Runs `script` as `sh -c` would, with $0 = arg0 and the given positional parameters. */
export async function runScript(
  script: string,
  ctx: ProgramContext,
  opts: ShellOptions & { arg0?: string; args?: string[] },
): Promise<number> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const arg0 = opts.arg0 ?? opts.name;
  if (script.length > limits.maxScript) return tooLarge(ctx, arg0);
  const shell = new ShellInstance(ctx, opts, 'c', arg0, opts.args ?? []);
  return shell.finish((await shell.run(script)).status);
}

export async function runCommand(argv: string[], ctx: ProgramContext, opts: ShellOptions): Promise<number | null> {
  if (argv.length === 0) return null;
  const shell = new ShellInstance(ctx, opts, 'c', argv[0], []);
  let found = true;
  const result = await shell.guard(async () => {
    const status = await commandRunner(shell.interp).run({ ...ctx, argv });
    found = status !== null;
    return status ?? 127;
  });
  const status = await shell.finish(result.status);
  return found ? status : null;
}
