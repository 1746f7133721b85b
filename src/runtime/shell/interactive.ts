// Interactive shells: a prompt on stderr, one line at a time from stdin. A line that leaves
// a construct open (an `if` without `fi`, an open quote) is accumulated under the PS2 prompt
// until it parses. Each complete line gets a fresh step budget, so a runaway loop ends that
// line only, like Ctrl-C would.

import { currentIdentity } from '../coreutils/identity.js';
import { parse } from './ast.js';
import type { ShellInstance } from './instance.js';

/** PS1 backslash escapes; `$` parameters are expanded afterwards, as bash and dash do. */
export function decodePrompt(ps: string, info: { user: string; uid: number; host: string; cwd: string; home?: string; shell: string; version: string }): string {
  const tilde = info.home && info.home !== '/' && (info.cwd === info.home || info.cwd.startsWith(`${info.home}/`))
    ? `~${info.cwd.slice(info.home.length)}`
    : info.cwd;
  return ps.replace(/\\([uhHwWs$vVn\\[\]ae])/g, (_, c: string) => {
    switch (c) {
      case 'u': return info.user;
      case 'h': return info.host.split('.')[0];
      case 'H': return info.host;
      case 'w': return tilde;
      case 'W': return info.cwd === '/' ? '/' : tilde === '~' ? '~' : info.cwd.slice(info.cwd.lastIndexOf('/') + 1);
      case 's': return info.shell;
      case '$': return info.uid === 0 ? '#' : '$';
      case 'v': return info.version;
      case 'V': return `${info.version}.0`;
      case 'n': return '\n';
      case 'a': return '\x07';
      case 'e': return '\x1b';
      case '\\': return '\\';
      default: return '';
    }
  });
}

async function prompt(shell: ShellInstance, name: 'PS1' | 'PS2'): Promise<string> {
  const sh = shell.interp;
  const raw = sh.getVar(name) ?? '';
  const id = currentIdentity(sh.rt.fs, sh.st.env());
  const host = (sh.rt.fs.readFile('/etc/hostname') ?? '').trim() || sh.getVar('HOSTNAME') || 'localhost';
  const decoded = decodePrompt(raw, {
    user: id.user, uid: id.uid, host, cwd: sh.st.cwd, home: sh.getVar('HOME'),
    shell: sh.rt.config.flavor, version: sh.rt.config.version,
  });
  if (!decoded.includes('$') && !decoded.includes('`')) return decoded;
  // Expand like a here-document body: parameters and substitutions, no quote removal.
  const parsed = parse(`: <<__PROMPT__\n${decoded}\n__PROMPT__\n`, 'bash');
  const hdoc = parsed.ok ? parsed.script.stmts[0]?.redirs[0]?.hdoc : null;
  if (!hdoc) return decoded;
  let text = decoded;
  await shell.guard(async () => {
    text = (await sh.expand.string(hdoc)).replace(/\n$/, '');
    return sh.st.status;
  });
  return text;
}

/** `login`: a login bash says `logout` where another says `exit`. */
export async function runInteractive(shell: ShellInstance, login = false): Promise<number> {
  const sh = shell.interp;
  const bash = sh.rt.config.flavor === 'bash';
  const bye = login ? 'logout\n' : 'exit\n';
  let buffer = '';
  let line = 0;
  let status = 0;
  for (;;) {
    shell.io.stderr(await prompt(shell, buffer === '' ? 'PS1' : 'PS2'));
    const input = await shell.io.stdin.readLine();
    if (input === null) {
      if (bash) shell.io.stderr(bye);
      return status;
    }
    line++;
    buffer += `${input}\n`;
    const parsed = parse(buffer, sh.rt.config.flavor === 'sh' ? 'posix' : 'bash');
    if (!parsed.ok && parsed.error.incomplete) continue;
    const firstLine = line - buffer.split('\n').length + 2;
    const text = buffer;
    buffer = '';
    shell.renewBudget();
    const result = await shell.run(text, firstLine - 1);
    status = result.status;
    if (result.exit) {
      if (bash) shell.io.stderr(bye);
      return status;
    }
  }
}
