// kctl's entry point: wires the process (argv, streams, exit code) to the command tree.
// Output goes straight to file descriptors 1 and 2: process.stdout on a pipe would load Node's
// whole socket stack, a cost every scripted run would pay.

import { fstatSync, statSync, writeSync } from 'node:fs';
import { MAX_MANIFEST_BYTES } from './cli/input.js';
import { readStreamCapped } from './util/readcapped.js';
import { run } from './cli/root.js';
import { StdinLines } from './cli/stdinlines.js';

function writeAll(fd: number, text: string): void {
  let buf = Buffer.from(text, 'utf8');
  while (buf.length > 0) {
    try {
      buf = buf.subarray(writeSync(fd, buf));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // `kctl get pods | head -1` closes the pipe early; that is not an error.
      if (code === 'EPIPE') process.exit(0);
      // A non-blocking descriptor that is full: wait a moment and go on.
      if (code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      else throw e;
    }
  }
}

/** Pipes, files and /dev/null are answered from fstat; only a character device asks the tty module. */
function isTerminal(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice() || st.rdev === nullDevice()) return false;
  } catch {
    return false;
  }
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}

function nullDevice(): number {
  try {
    return statSync('/dev/null').rdev;
  } catch {
    return -1;
  }
}

let stdinText: Promise<string> | undefined;
let lines: StdinLines | undefined;
const stdinLines = () => (lines ??= new StdinLines(process.stdin));
const tty: { stdin?: boolean; stdout?: boolean } = {};

void run(process.argv.slice(2), {
  env: process.env,
  io: {
    out: (s) => writeAll(1, s),
    err: (s) => writeAll(2, s),
    // Never more than a manifest may hold: /dev/zero or an endless pipe is refused, not kept.
    readStdin: () => (stdinText ??= isTerminal(0) ? Promise.resolve('') : readStreamCapped(process.stdin, MAX_MANIFEST_BYTES)),
    // A person at a terminal or a pipe: one line at a time (kctl exec -i, kctl run -i).
    readLine: () => stdinLines().next(),
    lineReady: () => stdinLines().ready(),
    get stdinIsTTY() {
      return (tty.stdin ??= isTerminal(0));
    },
    get stdoutIsTTY() {
      return (tty.stdout ??= isTerminal(1));
    },
  },
}).then((code) => {
  lines?.close();
  // Everything was written synchronously; exiting now spares the heap's teardown (about 1 ms).
  process.exit(code);
});
