// tar over the container's files, GNU's: create (`c`), extract (`x`) and list (`t`), the archive
// on stdin/stdout (`f -`) or a file of the container, `-C DIR`; what `kubectl cp` runs
// (`tar cf - PATH`, `tar -xmf - -C DIR`, `--no-same-owner`, `--no-same-permissions`). Archives
// are GNU format when written and read in ustar, GNU and PAX form. Streams carry text, so file
// contents are UTF-8; bytes that are not come out as U+FFFD. Nothing here touches the host.

import { errorText, resolvePath } from '../overlayfs.js';
import type { ProgramContext } from '../program.js';
import type { VirtualFS } from '../fs.js';
import { BLOCK, entry, members, RECORD } from './tarformat.js';


interface Options {
  mode?: 'c' | 'x' | 't';
  file: string;
  verbose: boolean;
  /** Operands in order, each with the -C directory in force where it was given. */
  members: { name: string; dir: string }[];
  dir: string;
}

type Usage = { usage: string };

const VALUE_LETTERS = 'fC';
const FLAG_LETTERS = 'cxtvmpo';

const LONG: Record<string, string> = {
  create: 'c', extract: 'x', get: 'x', list: 't', verbose: 'v', touch: 'm', 'preserve-permissions': 'p',
  'no-same-owner': '', 'no-same-permissions': '', 'same-owner': '', 'same-permissions': 'p', file: 'f', directory: 'C',
};

function parse(ctx: ProgramContext): Options | Usage {
  const o: Options = { file: '-', verbose: false, members: [], dir: ctx.cwd };
  const args = ctx.argv.slice(1);
  const apply = (letter: string, value?: string): Usage | undefined => {
    if (letter === 'c' || letter === 'x' || letter === 't') {
      if (o.mode && o.mode !== letter) return { usage: "You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option" };
      o.mode = letter;
    } else if (letter === 'v') o.verbose = true;
    else if (letter === 'f') o.file = value!;
    else if (letter === 'C') o.dir = resolvePath(o.dir, value!);
    return undefined;
  };
  // The old form: the first word's letters are options, their values the words after it.
  if (args[0] && !args[0].startsWith('-')) {
    const letters = args.shift()!;
    for (const l of letters) {
      if (VALUE_LETTERS.includes(l)) {
        const v = args.shift();
        if (v === undefined) return { usage: `option requires an argument -- '${l}'` };
        const bad = apply(l, v);
        if (bad) return bad;
      } else if (FLAG_LETTERS.includes(l)) {
        const bad = apply(l);
        if (bad) return bad;
      } else return { usage: `invalid option -- '${l}'` };
    }
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      for (const m of args.slice(i + 1)) o.members.push({ name: m, dir: o.dir });
      break;
    }
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (!(key in LONG)) return { usage: `unrecognized option '${a}'` };
      const letter = LONG[key];
      if (VALUE_LETTERS.includes(letter)) {
        const v = inline ?? args[++i];
        if (v === undefined) return { usage: `option '--${key}' requires an argument` };
        const bad = apply(letter, v);
        if (bad) return bad;
      } else if (letter) {
        const bad = apply(letter);
        if (bad) return bad;
      }
      continue;
    }
    if (a.length < 2 || !a.startsWith('-')) {
      o.members.push({ name: a, dir: o.dir });
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const l = a[j];
      if (VALUE_LETTERS.includes(l)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) return { usage: `option requires an argument -- '${l}'` };
        const bad = apply(l, v);
        if (bad) return bad;
        break;
      }
      if (!FLAG_LETTERS.includes(l)) return { usage: `invalid option -- '${l}'` };
      const bad = apply(l);
      if (bad) return bad;
    }
  }
  return o;
}

export const tar = async (ctx: ProgramContext): Promise<number> => {
  const parsed = parse(ctx);
  const say = (m: string) => ctx.stderr(`tar: ${m}\n`);
  const usage = (m: string) => {
    say(m);
    ctx.stderr("Try 'tar --help' or 'tar --usage' for more information.\n");
    return 2;
  };
  if ('usage' in parsed) return usage(parsed.usage);
  if (!parsed.mode) return usage("You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
  const fs = ctx.fs;
  if (parsed.mode === 'c') return create(ctx, fs, parsed, say);
  let input: string;
  if (parsed.file === '-') input = await ctx.stdin.readAll();
  else {
    const path = resolvePath(ctx.cwd, parsed.file);
    const found = fs.stat(path)?.type === 'file' ? fs.readFile(path) : null;
    if (found === null) {
      say(`${parsed.file}: Cannot open: ${fs.stat(path) ? 'Is a directory' : 'No such file or directory'}`);
      say('Error is not recoverable: exiting now');
      return 2;
    }
    input = found;
  }
  return extract(ctx, fs, parsed, Buffer.from(input, 'utf8'), say);
};

function create(ctx: ProgramContext, fs: VirtualFS, o: Options, say: (m: string) => void): number {
  if (!o.members.length) {
    say('Cowardly refusing to create an empty archive');
    ctx.stderr("Try 'tar --help' or 'tar --usage' for more information.\n");
    return 2;
  }
  let failed = false;
  let told = false;
  const parts: string[] = [];
  const verbose = (name: string) => {
    if (o.verbose) (o.file === '-' ? ctx.stderr : ctx.stdout)(`${name}\n`);
  };
  const add = (path: string, name: string, given = name) => {
    const st = fs.stat(path);
    if (!st) {
      say(`${given}: Cannot stat: No such file or directory`);
      failed = true;
      return;
    }
    if (st.type === 'dir') {
      const dirName = name.endsWith('/') ? name : `${name}/`;
      parts.push(entry(dirName, '5', '', st.mode & 0o7777 || 0o755));
      verbose(dirName);
      for (const child of fs.list(path)) add(`${path === '/' ? '' : path}/${child}`, `${dirName}${child}`);
      return;
    }
    parts.push(entry(name, '0', fs.readFile(path) ?? '', st.mode & 0o7777 || 0o644));
    verbose(name);
  };
  for (const m of o.members) {
    let name = m.name.replace(/\/+$/, '') || m.name;
    if (name.startsWith('/')) {
      if (!told) say("Removing leading `/' from member names");
      told = true;
      name = name.replace(/^\/+/, '') || '.';
    }
    add(resolvePath(m.dir, m.name), name, m.name);
  }
  let archive = parts.join('');
  const size = Buffer.byteLength(archive) + 2 * BLOCK;
  archive += '\0'.repeat(2 * BLOCK + ((RECORD - (size % RECORD)) % RECORD));
  if (o.file === '-') ctx.stdout(archive);
  else {
    try {
      fs.writeFile(resolvePath(ctx.cwd, o.file), archive);
    } catch (e) {
      say(`${o.file}: Cannot write: ${errorText(e)}`);
      return 2;
    }
  }
  if (failed) say('Exiting with failure status due to previous errors');
  return failed ? 2 : 0;
}

function extract(ctx: ProgramContext, fs: VirtualFS, o: Options, data: Buffer, say: (m: string) => void): number {
  if (o.mode === 'x' && fs.stat(o.dir)?.type !== 'dir') {
    say(`${o.dir}: Cannot open: ${fs.stat(o.dir) ? 'Not a directory' : 'No such file or directory'}`);
    say('Error is not recoverable: exiting now');
    return 2;
  }
  let failed = false;
  let told = false;
  let any = false;
  const mkdirs = (path: string) => {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const p = `/${parts.slice(0, i).join('/')}`;
      if (!fs.stat(p)) fs.mkdir(p);
    }
  };
  for (const m of members(data)) {
    if (m === null) {
      say(any ? 'Skipping to next header' : 'This does not look like a tar archive');
      failed = true;
      break;
    }
    any = true;
    let name = m.name;
    if (name.startsWith('/')) {
      if (!told) say("Removing leading `/' from member names");
      told = true;
      name = name.replace(/^\/+/, '');
    }
    if (o.mode === 't' || o.verbose) ctx.stdout(`${m.name}\n`);
    if (o.mode === 't' || !name) continue;
    const path = resolvePath(o.dir, name);
    try {
      if (m.type === '5') mkdirs(path);
      else if (m.type === '0' || m.type === '7' || m.type === '1') {
        const content = m.type === '1' ? fs.readFile(resolvePath(o.dir, m.link.replace(/^\/+/, ''))) ?? '' : m.content.toString('utf8');
        mkdirs(path.slice(0, path.lastIndexOf('/')));
        if (fs.stat(path)?.type === 'dir') throw new Error('Is a directory');
        fs.writeFile(path, content);
      } else {
        say(`${name}: Cannot create ${m.type === '2' ? 'symlink' : 'special file'}: Operation not supported`);
        failed = true;
      }
    } catch (e) {
      say(`${name}: Cannot open: ${errorText(e)}`);
      failed = true;
    }
  }
  if (!any && !failed && data.some((b) => b !== 0 && b !== 10)) {
    say('This does not look like a tar archive');
    failed = true;
  }
  if (failed) say('Exiting with failure status due to previous errors');
  return failed ? 2 : 0;
}
