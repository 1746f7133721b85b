// pflag's flag forms, which commander reads differently: `-n=kube-system` is namespace
// `kube-system` (commander would take `=kube-system`); in a group such as `-it` or `-in=x` each
// letter is a flag until one that takes a value, which takes the rest; and a boolean flag takes
// an explicit `=true`/`=false` (`--watch=false`, `-i=false`).

import type { Command, Option } from 'commander';
import { CliError } from './errors.js';

type Owned = { option: Option; owner: Command };

function find(cmd: Command, flag: string): Owned | undefined {
  for (let c: Command | null = cmd; c; c = c.parent) {
    const option = c.options.find((o) => o.short === flag || o.long === flag);
    if (option) return { option, owner: c };
  }
  return undefined;
}

const shorthand = (cmd: Command, letter: string) => find(cmd, `-${letter}`);

/** strconv.ParseBool, with pflag's message for what it refuses. */
function parseBool(cmd: Command, option: Option, text: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) return false;
  const name = [option.short, option.long].filter(Boolean).join(', ');
  const path: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) path.unshift(c.name());
  throw new CliError(`invalid argument "${text}" for "${name}" flag: strconv.ParseBool: parsing "${text}": invalid syntax\nSee '${path.join(' ')} --help' for usage.`);
}

/** A boolean flag with an explicit value, given to its command as commander would set it. */
function booleanWith(cmd: Command, found: Owned, text: string): string[] {
  const on = parseBool(cmd, found.option, text);
  give(found.owner, found.option, found.option.negate ? !on : on);
  return [];
}

/**
 * Rewrites cmd's shorthand groups into forms commander reads as pflag does. A flag of an
 * enclosing command (a global flag inside a group, `-in=x`) is given to that command directly,
 * as commander would otherwise report it unknown here.
 */
export function normaliseShorthands(cmd: Command, args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const long = /^(--[^=]+)=(.*)$/s.exec(arg);
    const found = long ? find(cmd, long[1]) : undefined;
    if (long && found && !found.option.required && !found.option.optional) {
      out.push(...booleanWith(cmd, found, long[2]));
      continue;
    }
    if (!/^-[^-]/.test(arg) || arg.length < 3) {
      out.push(arg);
      // A flag's value is never itself a group: `-l -x` stays as commander reads it.
      const own = arg.length === 2 && arg[0] === '-' ? shorthand(cmd, arg[1]) : undefined;
      if (own?.option.required && i + 1 < args.length) out.push(args[++i]);
      continue;
    }
    out.push(...group(cmd, arg));
  }
  return out;
}

/** Sets a flag of an enclosing command the way commander's parser does (a Command is an EventEmitter). */
function give(owner: Command, option: Option, value?: string | boolean): void {
  (owner as unknown as NodeJS.EventEmitter).emit(`option:${option.name()}`, value);
}

function group(cmd: Command, arg: string): string[] {
  const out: string[] = [];
  for (let p = 1; p < arg.length; p++) {
    const found = shorthand(cmd, arg[p]);
    // Not ours (an unknown flag, or a subcommand's): commander reports or passes it on.
    if (!found) {
      out.push(`-${arg.slice(p)}`);
      return out;
    }
    const { option, owner } = found;
    const flag = `-${arg[p]}`;
    let rest = arg.slice(p + 1);
    const explicit = rest.startsWith('=');
    if (explicit) rest = rest.slice(1);
    if (option.required || option.optional) {
      if (!explicit && !rest) {
        out.push(flag);
        return out;
      }
      if (owner !== cmd) give(owner, option, rest);
      else if (option.required) out.push(flag, rest);
      else out.push(rest ? `${flag}${rest}` : flag);
      return out;
    }
    if (explicit) return [...out, ...booleanWith(cmd, found, rest)];
    if (owner !== cmd) give(owner, option);
    else out.push(flag);
  }
  return out;
}
