// The editor kubectl edit opens: $KUBE_EDITOR, $EDITOR or vi, run on a temporary file named after
// the command (kctl-edit-NNN.yaml), with the comment header and the reasons an earlier attempt
// failed. No lock is held while it runs.

// The default import: the bundle loads child_process lazily behind a proxy that has no named exports.
import childProcess from 'node:child_process';
import { openSync, closeSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomFor } from '../../util/random.js';
import { CliError } from '../errors.js';
import type { Session } from '../session.js';

/** The editor's argv, and whether it is a shell command line (it has quotes or backslashes). */
function editorArgs(env: NodeJS.ProcessEnv): { args: string[]; shell: boolean } {
  const editor = env.KUBE_EDITOR || env.EDITOR || 'vi';
  if (!editor.includes(' ')) return { args: [editor], shell: false };
  if (!/["'\\]/.test(editor)) return { args: editor.split(' '), shell: false };
  return { args: [env.SHELL || 'sh', '-c', editor], shell: true };
}

async function launch(session: Session, path: string): Promise<void> {
  const { args, shell } = editorArgs(session.env);
  const argv = shell ? [...args.slice(0, -1), `${args[args.length - 1]} ${JSON.stringify(path)}`] : [...args, path];
  const code = await new Promise<number | null>((done) => {
    const p = childProcess.spawn(argv[0], argv.slice(1), { stdio: 'inherit', env: session.env });
    p.on('error', () => done(-1));
    p.on('exit', (c) => done(c));
  });
  if (code !== 0) throw new CliError(`there was a problem with the editor ${JSON.stringify(args.join(' '))}`);
}

/** Writes `content` to a new temporary file `<prefix>NNN<ext>`, opens the editor on it, and returns what it saved. */
export async function launchTempFile(session: Session, prefix: string, ext: string, content: string): Promise<{ edited: string; file: string }> {
  const random = randomFor(session.env.KCTL_SEED, `edit/${session.nowMs}`);
  const dir = session.env.TMPDIR || tmpdir();
  let file = '';
  let fd = -1;
  for (let i = 0; fd < 0; i++) {
    file = join(dir, `${prefix}${random.int(2 ** 32)}${ext}`);
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || i > 100) throw e;
    }
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  await launch(session, file);
  return { edited: readFileSync(file, 'utf8'), file };
}

export interface EditReason {
  head: string;
  other: string[];
}

/** Continues a message's lines as comments. */
const hashOnLineBreak = (s: string) => s.replace(/\n(?!#)/g, '\n# ');

/** The comment block at the top of the file: what to do, and why the last attempt failed. */
export function editHeader(reasons: EditReason[], lastApplied = false): string {
  let out = lastApplied
    ? `# Please edit the 'last-applied-configuration' annotations below.\n# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\n`
    : `# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n`;
  for (const r of reasons) {
    out += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`;
    out += '#\n';
  }
  return out;
}

/** The lines that are not comments (`#!` is kept). */
export function manualStrip(text: string): string {
  const lines = text.split('\n');
  return lines.filter((l) => !(l.trim().startsWith('#') && !l.trim().startsWith('#!'))).join('\n');
}

/** Whether any line holds something other than blanks and comments. */
export function hasLines(text: string): boolean {
  return text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** The file's content without comments, as kubectl compares two versions: as JSON when it is YAML, else line by line. */
export async function stripComments(text: string): Promise<string> {
  const { yamlToJson } = await import('./decode.js');
  const { sortKeys } = await import('../../printers/output.js');
  try {
    return JSON.stringify(sortKeys(await yamlToJson(text)));
  } catch {
    return manualStrip(text);
  }
}
