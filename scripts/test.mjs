// npm test after the build: the type check and the test files at once, so the type check's
// single thread overlaps the first files instead of holding every core idle before them.
// Fails if either fails; extra arguments go to vitest.
import { spawn } from 'node:child_process';

const run = (cmd, args) =>
  new Promise((done) => spawn(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).on('close', (code, signal) => done(code ?? (signal ? 1 : 0))));
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const [types, tests] = await Promise.all([run(bin('tsc'), ['--noEmit']), run(bin('vitest'), ['run', ...process.argv.slice(2)])]);
process.exit(types || tests);
