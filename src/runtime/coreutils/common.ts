// Option parsing, input reading and GNU-style diagnostics shared by the coreutils programs.

import { errorText, FsError, resolvePath } from '../overlayfs.js';
import type { ProgramContext } from '../program.js';

export interface OptionSpec {
  /** Letters that take no value. */
  flags?: string;
  /** Letters that take a value (`-n 5`, `-n5`). */
  values?: string;
  /** Long option → letter (or a name of its own); a trailing `=` means it takes a value. */
  long?: Record<string, string>;
}

export interface Parsed {
  /** Letter → value (`''` for flags); repeated value options keep every value in `all`. */
  opts: Map<string, string>;
  all: Map<string, string[]>;
  args: string[];
}

/** GNU-style parsing: options may follow operands; `--` ends them. Null after reporting an error. */
export function parseOptions(ctx: ProgramContext, argv: string[], spec: OptionSpec): Parsed | null {
  const name = ctx.argv[0].slice(ctx.argv[0].lastIndexOf('/') + 1);
  const flags = spec.flags ?? '';
  const values = spec.values ?? '';
  const parsed: Parsed = { opts: new Map(), all: new Map(), args: [] };
  const set = (key: string, value: string) => {
    parsed.opts.set(key, value);
    parsed.all.set(key, [...(parsed.all.get(key) ?? []), value]);
  };
  const usage = (message: string): null => {
    ctx.stderr(`${name}: ${message}\nTry '${name} --help' for more information.\n`);
    return null;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.args.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split(/=(.*)/s, 2);
      const match = Object.keys(spec.long ?? {}).filter((l) => l.replace(/=$/, '') === key || l.startsWith(key));
      const exact = match.find((l) => l.replace(/=$/, '') === key) ?? (match.length === 1 ? match[0] : undefined);
      if (!exact) return usage(`unrecognized option '${arg}'`);
      const target = spec.long![exact];
      if (exact.endsWith('=')) {
        const value = inline ?? argv[++i];
        if (value === undefined) return usage(`option '--${key}' requires an argument`);
        set(target, value);
      } else set(target, '');
      continue;
    }
    if (arg.length < 2 || !arg.startsWith('-')) {
      parsed.args.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j];
      if (values.includes(letter)) {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : argv[++i];
        if (value === undefined) return usage(`option requires an argument -- '${letter}'`);
        set(letter, value);
        break;
      }
      if (!flags.includes(letter)) return usage(`invalid option -- '${letter}'`);
      set(letter, '');
    }
  }
  return parsed;
}

export function programName(ctx: ProgramContext): string {
  return ctx.argv[0].slice(ctx.argv[0].lastIndexOf('/') + 1);
}

export function fail(ctx: ProgramContext, message: string): void {
  ctx.stderr(`${programName(ctx)}: ${message}\n`);
}

export function resolve(ctx: ProgramContext, path: string): string {
  return resolvePath(ctx.cwd, path);
}

/** Contents of an input operand (`-` and /dev/stdin are standard input), or an error text. */
export async function readInput(ctx: ProgramContext, operand: string): Promise<{ text: string } | { error: string }> {
  if (operand === '-' || operand === '/dev/stdin') return { text: await ctx.stdin.readAll() };
  const path = resolve(ctx, operand);
  const stat = ctx.fs.stat(path);
  if (stat?.type === 'dir') return { error: 'Is a directory' };
  const text = ctx.fs.readFile(path);
  return text === null ? { error: 'No such file or directory' } : { text };
}

/** Writes a file, accepting /dev/stdout and /dev/stderr; returns an error text on failure. */
export function writeOutput(ctx: ProgramContext, operand: string, text: string, append: boolean): string | null {
  if (operand === '/dev/stdout' || operand === '-') {
    ctx.stdout(text);
    return null;
  }
  if (operand === '/dev/stderr') {
    ctx.stderr(text);
    return null;
  }
  const path = resolve(ctx, operand);
  try {
    // Opened (emptied unless appending), then written: a full disk keeps what fitted.
    if (!append || !ctx.fs.stat(path)) ctx.fs.writeFile(path, '');
    ctx.fs.appendFile(path, text);
    return null;
  } catch (e) {
    return errorText(e);
  }
}

export function isFsError(e: unknown, code?: FsError['code']): e is FsError {
  return e instanceof FsError && (code === undefined || e.code === code);
}

/** Splits text into lines; a final newline does not start another line. */
export function lines(text: string): string[] {
  if (text === '') return [];
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

export { errorText };
