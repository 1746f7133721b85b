// Builtins that manage variables and parameters: export, readonly, unset, local, declare,
// set, shift, read.

import type { Builtin } from './builtins.js';
import type { Interp } from './interp.js';
import { OPTION_LETTERS, type Io, type Options } from './state.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LONG_OPTIONS: Record<string, keyof Options> = {
  errexit: 'errexit', nounset: 'nounset', xtrace: 'xtrace', noglob: 'noglob', pipefail: 'pipefail', allexport: 'allexport',
};

export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function badName(sh: Interp, cmd: string, name: string, io: Io): number {
  if (sh.rt.config.flavor === 'bash') {
    sh.error(`${cmd}: \`${name}': not a valid identifier`, io);
    return 1;
  }
  return sh.fatal(`${cmd}: ${name}: bad variable name`, 2);
}

/** export and readonly: mark names, optionally assigning; with no names, list them. */
function marker(kind: 'exported' | 'readonly'): Builtin {
  const cmd = kind === 'exported' ? 'export' : 'readonly';
  return async (sh, argv, io) => {
    let remove = false;
    const args = argv.slice(1).filter((a) => {
      if (a === '-n') remove = true;
      return !/^-[pnf]+$/.test(a);
    });
    const set = sh.st[kind];
    if (args.length === 0) {
      const bash = sh.rt.config.flavor === 'bash';
      for (const name of [...set].sort()) {
        const value = sh.st.vars.get(name);
        const shown = value === undefined ? '' : bash ? `="${value.replace(/(["\\$`])/g, '\\$1')}"` : `=${shellQuote(value)}`;
        io.stdout(bash ? `declare -${kind === 'exported' ? 'x' : 'r'} ${name}${shown}\n` : `${cmd} ${name}${shown}\n`);
      }
      return 0;
    }
    let status = 0;
    for (const arg of args) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (!NAME.test(name)) {
        status = badName(sh, cmd, name, io);
        continue;
      }
      if (eq >= 0) sh.setVar(name, arg.slice(eq + 1));
      if (remove) set.delete(name);
      else set.add(name);
    }
    return status;
  };
}

export const exportBuiltin = marker('exported');
export const readonlyBuiltin = marker('readonly');

export const unset: Builtin = async (sh, argv, io) => {
  let functions = false;
  let status = 0;
  for (const arg of argv.slice(1)) {
    if (arg === '-f' || arg === '-v') {
      functions = arg === '-f';
      continue;
    }
    if (functions) {
      sh.st.funcs.delete(arg);
    } else if (sh.st.readonly.has(arg)) {
      sh.error(`unset: ${arg}: cannot unset: readonly variable`, io);
      status = 1;
    } else if (!sh.st.vars.delete(arg) && sh.rt.config.flavor === 'bash') {
      sh.st.funcs.delete(arg);
    } else {
      sh.st.exported.delete(arg);
    }
  }
  return status;
};

/** local, and declare/typeset inside a function: the variable's outer value comes back on return. */
function makeLocal(sh: Interp, name: string): void {
  const frame = sh.st.locals[sh.st.locals.length - 1];
  if (!frame.has(name)) frame.set(name, sh.st.vars.get(name));
}

export const local: Builtin = async (sh, argv, io) => {
  if (sh.st.locals.length === 0) {
    sh.error('local: can only be used in a function', io);
    return 1;
  }
  for (const arg of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!NAME.test(name)) return badName(sh, 'local', name, io);
    makeLocal(sh, name);
    if (eq >= 0) sh.setVar(name, arg.slice(eq + 1));
  }
  return 0;
};

export const declare: Builtin = async (sh, argv, io) => {
  const isFlag = (a: string) => /^-[a-zA-Z]+$/.test(a);
  const flags = new Set(argv.slice(1).filter(isFlag).flatMap((a) => [...a.slice(1)]));
  const args = argv.slice(1).filter((a) => !isFlag(a) && !/^\+[a-zA-Z]+$/.test(a));
  if (flags.has('a') || flags.has('A')) {
    sh.error(`${argv[0]}: arrays are not supported`, io);
    return 2;
  }
  if (flags.has('f') || flags.has('F')) {
    for (const name of [...sh.st.funcs.keys()].sort()) io.stdout(`declare -f ${name}\n`);
    return 0;
  }
  if (args.length === 0 || flags.has('p')) {
    for (const name of args.length ? args : [...sh.st.vars.keys()].sort()) {
      const value = sh.st.vars.get(name);
      const attrs = `${sh.st.exported.has(name) ? 'x' : ''}${sh.st.readonly.has(name) ? 'r' : ''}` || '-';
      if (value !== undefined) io.stdout(`declare -${attrs} ${name}="${value}"\n`);
    }
    return 0;
  }
  const inFunction = sh.st.locals.length > 0 && !flags.has('g');
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!NAME.test(name)) return badName(sh, argv[0], name, io);
    if (inFunction) makeLocal(sh, name);
    if (eq >= 0) sh.setVar(name, arg.slice(eq + 1));
    if (flags.has('x')) sh.st.exported.add(name);
    if (flags.has('r')) sh.st.readonly.add(name);
  }
  return 0;
};

export const set: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const name of [...sh.st.vars.keys()].sort()) io.stdout(`${name}=${shellQuote(sh.st.vars.get(name) ?? '')}\n`);
    return 0;
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--' || arg === '-') {
      sh.st.positional = args.slice(i + 1);
      return 0;
    }
    if (!/^[-+]/.test(arg)) {
      sh.st.positional = args.slice(i);
      return 0;
    }
    const on = arg[0] === '-';
    for (const letter of arg.slice(1)) {
      if (letter === 'o') {
        const name = args[++i];
        if (name === undefined) {
          for (const [long, key] of Object.entries(LONG_OPTIONS)) {
            io.stdout(on ? `${long.padEnd(15)}\t${sh.st.options[key] ? 'on' : 'off'}\n` : `set ${sh.st.options[key] ? '-' : '+'}o ${long}\n`);
          }
          continue;
        }
        if (!Object.hasOwn(LONG_OPTIONS, name)) return invalidOption(sh, `${name}`, io, true);
        sh.st.options[LONG_OPTIONS[name]] = on;
      } else if (OPTION_LETTERS[letter]) {
        sh.st.options[OPTION_LETTERS[letter]] = on;
      } else if (!'vhmBHCbnTEPk'.includes(letter)) {
        return invalidOption(sh, letter, io, false);
      }
    }
  }
  return 0;
};

function invalidOption(sh: Interp, what: string, io: Io, long: boolean): number {
  const flavor = sh.rt.config.flavor;
  if (flavor === 'bash') sh.error(long ? `set: ${what}: invalid option name` : `set: -${what}: invalid option`, io);
  else sh.error(long ? `set: Illegal option -o ${what}` : `set: Illegal option -${what}`, io);
  return 2;
}

export const shift: Builtin = async (sh, argv, io) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0) {
    sh.error(`shift: ${argv[1]}: numeric argument required`, io);
    return 2;
  }
  if (n > sh.st.positional.length) {
    if (sh.rt.config.flavor !== 'bash') sh.error("shift: can't shift that many", io);
    return sh.rt.config.flavor === 'bash' ? 1 : 2;
  }
  sh.st.positional = sh.st.positional.slice(n);
  return 0;
};

export const read: Builtin = async (sh, argv, io) => {
  let raw = false;
  const names: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-r') raw = true;
    else if (arg === '-p') io.stderr(args[++i] ?? '');
    else if (arg === '-t' || arg === '-n' || arg === '-d' || arg === '-u') i++;
    else if (!/^-[se]+$/.test(arg)) names.push(arg);
  }
  if (names.length === 0) names.push('REPLY');
  for (const name of names) if (!NAME.test(name)) return badName(sh, 'read', name, io);
  let line = await io.stdin.readLine();
  if (line === null) {
    for (const name of names) sh.setVar(name, '');
    return 1;
  }
  if (!raw) {
    while (line.endsWith('\\') && !line.endsWith('\\\\')) {
      const next: string | null = await io.stdin.readLine();
      line = line.slice(0, -1) + (next ?? '');
      if (next === null) break;
    }
  }
  const fields = splitForRead(line, sh.getVar('IFS') ?? ' \t\n', names.length, raw);
  names.forEach((name, i) => sh.setVar(name, fields[i] ?? ''));
  return 0;
};

/** Splits a line into at most `count` fields; the last one keeps the rest of the line. */
function splitForRead(line: string, ifs: string, count: number, raw: boolean): string[] {
  const white = [...ifs].filter((c) => ' \t\n'.includes(c)).join('');
  const isWhite = (c: string) => white.includes(c);
  const isSep = (c: string) => ifs.includes(c);
  const fields: string[] = [];
  let i = 0;
  while (i < line.length && isWhite(line[i])) i++;
  while (i < line.length) {
    if (fields.length === count - 1) {
      let rest = line.slice(i);
      while (rest && isWhite(rest[rest.length - 1])) rest = rest.slice(0, -1);
      fields.push(raw ? rest : rest.replace(/\\(.)/g, '$1'));
      break;
    }
    let field = '';
    while (i < line.length && !isSep(line[i])) {
      if (!raw && line[i] === '\\' && i + 1 < line.length) i++;
      field += line[i++];
    }
    fields.push(field);
    while (i < line.length && isWhite(line[i])) i++;
    if (i < line.length && isSep(line[i]) && !isWhite(line[i])) {
      i++;
      while (i < line.length && isWhite(line[i])) i++;
    }
  }
  return fields;
}
