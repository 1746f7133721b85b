// Redirections, applied left to right to a copy of the command's streams. Files written by a
// command are buffered and stored when the command ends (a file truncated by `>` is emptied
// at once, as open(2) would). Only descriptors 0, 1 and 2 exist; others are refused.

import { errorText, FsError, resolvePath } from '../overlayfs.js';
import { stringInput, type InputStream, type OutputSink } from '../program.js';
import type { Interp } from './interp.js';
import { Capture } from './limits.js';
import type { Redir } from './nodes.js';
import type { Io } from './state.js';

export interface Redirected {
  io: Io;
  /** Stores the files written; true when one could not be written. */
  close(): boolean;
}

interface PendingFile {
  path: string;
  append: boolean;
  capture: Capture;
}

const discard: OutputSink = () => {};

class RedirectError extends Error {}

export async function applyRedirections(sh: Interp, redirs: Redir[], io: Io): Promise<Redirected | null> {
  const cur: Io = { ...io };
  const files: PendingFile[] = [];
  const close = (): boolean => flush(sh, files, cur.stderr);
  const setOut = (fd: number, sink: OutputSink) => {
    if (fd === 1) cur.stdout = sink;
    else if (fd === 2) cur.stderr = sink;
  };
  const flavor = sh.rt.config.flavor;
  try {
    for (const r of redirs) {
      const fd = r.fd ?? (['<', '<>', '<&', '<<', '<<-', '<<<'].includes(r.op) ? 0 : 1);
      switch (r.op) {
        case '<<':
        case '<<-':
          if (fd === 0) cur.stdin = stringInput(r.hdoc ? await sh.expand.string(r.hdoc) : '');
          break;
        case '<<<':
          if (fd === 0) cur.stdin = stringInput(`${await sh.expand.string(r.word)}\n`);
          break;
        case '<':
        case '<>': {
          const input = openInput(await sh.expand.string(r.word), r.op === '<>');
          if (fd === 0) cur.stdin = input;
          break;
        }
        case '<&': {
          const target = await sh.expand.string(r.word);
          if (target === '-') cur.stdin = stringInput('');
          else if (target !== '0') throw new RedirectError(`${target}: Bad file descriptor`);
          break;
        }
        case '>&': {
          const target = await sh.expand.string(r.word);
          if (target === '-') setOut(fd, discard);
          else if (target === '1' || target === '2') setOut(fd, target === '1' ? cur.stdout : cur.stderr);
          else if (/^\d+$/.test(target) || r.fd !== null) throw new RedirectError(`${target}: Bad file descriptor`);
          else {
            const sink = openOutput(target, false);
            cur.stdout = sink;
            cur.stderr = sink;
          }
          break;
        }
        case '&>':
        case '&>>': {
          const sink = openOutput(await sh.expand.string(r.word), r.op === '&>>');
          cur.stdout = sink;
          cur.stderr = sink;
          break;
        }
        default:
          setOut(fd, openOutput(await sh.expand.string(r.word), r.op === '>>'));
      }
    }
  } catch (e) {
    if (!(e instanceof RedirectError)) throw e;
    sh.error(e.message, cur);
    close();
    return null;
  }
  return { io: cur, close };

  function openInput(target: string, create: boolean): InputStream {
    if (target === '/dev/stdin' || target === '/dev/fd/0') return cur.stdin;
    const path = resolvePath(sh.st.cwd, target);
    const fs = sh.rt.fs;
    if (create && !fs.stat(path)) write(path, '', target);
    const stat = fs.stat(path);
    if (stat?.type === 'dir') throw new RedirectError(`${target}: Is a directory`);
    const content = fs.readFile(path);
    if (content === null) {
      throw new RedirectError(
        flavor === 'sh' ? `cannot open ${target}: No such file`
        : flavor === 'ash' ? `can't open '${target}': No such file or directory`
        : `${target}: No such file or directory`,
      );
    }
    return stringInput(content);
  }

  function openOutput(target: string, append: boolean): OutputSink {
    const special: Record<string, OutputSink> = {
      '/dev/null': discard, '/dev/stdout': cur.stdout, '/dev/fd/1': cur.stdout,
      '/dev/stderr': cur.stderr, '/dev/fd/2': cur.stderr, '/dev/tty': io.stderr,
    };
    if (special[target]) return special[target];
    const path = resolvePath(sh.st.cwd, target);
    if (sh.rt.fs.stat(path)?.type === 'dir') throw new RedirectError(createError(target, 'Is a directory'));
    if (!append || !sh.rt.fs.stat(path)) write(path, '', target);
    const file: PendingFile = { path, append, capture: new Capture(sh.rt.config.limits) };
    files.push(file);
    return file.capture.write;
  }

  function write(path: string, content: string, target: string): void {
    try {
      sh.rt.fs.writeFile(path, content);
    } catch (e) {
      const text = e instanceof FsError && e.code === 'ENOENT' && flavor === 'sh' ? 'Directory nonexistent' : errorText(e);
      throw new RedirectError(createError(target, text));
    }
  }

  function createError(target: string, text: string): string {
    return flavor === 'sh' ? `cannot create ${target}: ${text}` : flavor === 'ash' ? `can't create ${target}: ${text}` : `${target}: ${text}`;
  }
}

function flush(sh: Interp, files: PendingFile[], stderr: OutputSink): boolean {
  let failed = false;
  for (const file of files.splice(0)) {
    try {
      const before = file.append ? (sh.rt.fs.readFile(file.path) ?? '') : '';
      sh.rt.fs.writeFile(file.path, before + file.capture.text());
    } catch (e) {
      sh.error(`write error: ${errorText(e)}`, { ...sh.io, stderr });
      failed = true;
    }
  }
  return failed;
}
