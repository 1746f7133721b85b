// Redirections, applied left to right to a copy of the command's streams. A file opened for
// output is written as the command writes (`>` empties it at once, as open(2) would); when the
// disk is full the write stores what fits and throws WriteError into the writer, which stops
// there as a real program does. Only descriptors 0, 1 and 2 exist; others are refused.

import { errorText, FsError, resolvePath } from '../overlayfs.js';
import { stringInput, WriteError, type InputStream, type OutputSink } from '../program.js';
import type { Interp } from './interp.js';
import type { Redir } from './nodes.js';
import type { Io } from './state.js';

const discard: OutputSink = () => {};

class RedirectError extends Error {}

/** The command's streams with `redirs` applied, or null when one could not be opened (reported). */
export async function applyRedirections(sh: Interp, redirs: Redir[], io: Io): Promise<Io | null> {
  const cur: Io = { ...io };
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
    return null;
  }
  return cur;

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
    const fs = sh.rt.fs;
    return (text) => {
      try {
        fs.appendFile(path, text);
      } catch (e) {
        // A file removed while open takes writes that no path leads to.
        if (e instanceof FsError && e.code === 'ENOENT') return;
        throw new WriteError(errorText(e));
      }
    };
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
