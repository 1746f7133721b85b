// kctl's entry point: wires the process (argv, streams, exit code) to the command tree.

import { run } from './cli/root.js';

// `kctl get pods | head -1` closes stdout early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});

let stdinText: Promise<string> | undefined;
let terminal: { lines: AsyncIterator<string>; close(): void } | undefined;

void run(process.argv.slice(2), {
  env: process.env,
  io: {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    readStdin: () =>
      (stdinText ??= new Promise((resolve, reject) => {
        if (process.stdin.isTTY) return resolve('');
        const chunks: Buffer[] = [];
        process.stdin.on('data', (c: Buffer) => chunks.push(c));
        process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', reject);
      })),
    readLine: async () => {
      // A person at a terminal: one line at a time (kctl exec -it, kctl run -it).
      if (!terminal) {
        const { createInterface } = await import('node:readline');
        const rl = createInterface({ input: process.stdin, terminal: false });
        terminal = { lines: rl[Symbol.asyncIterator](), close: () => rl.close() };
      }
      const next = await terminal.lines.next();
      return next.done ? null : next.value;
    },
    stdinIsTTY: !!process.stdin.isTTY,
    stdoutIsTTY: !!process.stdout.isTTY,
  },
}).then((code) => {
  terminal?.close();
  process.exitCode = code;
});
