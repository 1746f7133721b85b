// What --state may name. A symbolic link is written through (the link stays, the file it leads
// to changes); anything but a regular file (a directory, a device, a FIFO) is refused with
// kctl's message, without blocking and without being replaced by a file; a path where no
// directory can be made fails at once.

import { lstatSync, mkdirSync, readdirSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKctl, type Ended } from '../helpers/holder.js';
import { runProcess, Sandbox } from '../helpers/kctl.js';

const sb = new Sandbox();
let real = '';

/** Runs kctl; one that hangs (it used to, on a FIFO) is killed after a minute and fails the test. */
async function kctl(args: string[]): Promise<Ended> {
  const p = startKctl(sb, args);
  const hung = setTimeout(() => p.kill('SIGKILL'), 60_000);
  try {
    return await p.ended;
  } finally {
    clearTimeout(hung);
  }
}

/** Locks, temp files and break files left in the sandbox. */
function strayFiles(): string[] {
  return readdirSync(sb.dir).filter((f) => /\.tmp$|\.lock$|\.break$/.test(f));
}

beforeAll(async () => {
  real = join(sb.dir, 'real.json');
  await sb.ok(['cluster', 'reset', '--state', real]);
});
afterAll(() => sb.cleanup());

describe('a symbolic link as the state file', () => {
  it('is written through: the link stays a link and the file it names changes', async () => {
    const link = join(sb.dir, 'link.json');
    symlinkSync('real.json', link);
    expect(await kctl(['create', 'configmap', 'via-link', '--from-literal=a=b', '--state', link])).toMatchObject({ code: 0, stdout: 'configmap/via-link created\n' });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.json');
    expect(await sb.ok(['get', 'configmap', 'via-link', '-o', 'name', '--state', real])).toBe('configmap/via-link\n');
    expect(strayFiles()).toEqual([]);
  });

  it('that leads nowhere yet: the file is created where it points, and the link stays', async () => {
    const link = join(sb.dir, 'dangling.json');
    symlinkSync('later/new.json', link);
    expect(await kctl(['create', 'configmap', 'c', '--from-literal=a=b', '--state', link])).toMatchObject({ code: 0, stdout: 'configmap/c created\n' });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(join(sb.dir, 'later', 'new.json')).isFile()).toBe(true);
    expect(await sb.ok(['get', 'configmap', 'c', '-o', 'name', '--state', join(sb.dir, 'later', 'new.json')])).toBe('configmap/c\n');
  });

  it('in a loop is refused with one line', async () => {
    symlinkSync('loop-b', join(sb.dir, 'loop-a'));
    symlinkSync('loop-a', join(sb.dir, 'loop-b'));
    const file = join(sb.dir, 'loop-a');
    expect(await kctl(['create', 'configmap', 'c', '--from-literal=a=b', '--state', file])).toEqual({
      code: 1,
      signal: null,
      stdout: '',
      stderr: `error: cannot use the state file ${file}: too many levels of symbolic links\n`,
    });
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
  });
});

describe('a state path that is no regular file is refused, and left as it is', () => {
  const refused = (file: string, kind: string) => ({
    code: 1,
    signal: null,
    stdout: '',
    stderr: `error: the state file ${file} is ${kind}; --state and KCTL_STATE take the path of a regular file\n`,
  });
  const verbs = [
    ['get', 'pods'],
    ['create', 'configmap', 'c', '--from-literal=a=b'],
  ];

  it('/dev/null, a character device', async () => {
    for (const verb of verbs) expect(await kctl([...verb, '--state', '/dev/null'])).toEqual(refused('/dev/null', 'a character device'));
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a character device, even for cluster reset (which replaces the state without reading it)', async () => {
    // A device of its own (the null device's numbers), so the host's /dev/null is never at stake.
    const dev = join(sb.dir, 'null');
    expect((await runProcess('mknod', [dev, 'c', '1', '3'])).code).toBe(0);
    for (const verb of [...verbs, ['cluster', 'reset']]) expect(await kctl([...verb, '--state', dev])).toEqual(refused(dev, 'a character device'));
    expect(statSync(dev).isCharacterDevice()).toBe(true);
    expect(strayFiles()).toEqual([]);
  });

  it('a directory: kctl’s message, not EISDIR, and no temp file', async () => {
    const dir = join(sb.dir, 'adir');
    mkdirSync(dir);
    for (const verb of [...verbs, ['cluster', 'reset']]) expect(await kctl([...verb, '--state', dir])).toEqual(refused(dir, 'a directory'));
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(strayFiles()).toEqual([]);
  });

  it('a FIFO, without blocking on it', async () => {
    const fifo = join(sb.dir, 'fifo');
    expect((await runProcess('mkfifo', [fifo])).code).toBe(0);
    for (const verb of [...verbs, ['cluster', 'reset']]) expect(await kctl([...verb, '--state', fifo])).toEqual(refused(fifo, 'a named pipe'));
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(strayFiles()).toEqual([]);
  });
});

describe('a state path where no directory can be made', () => {
  it('/proc/nonexistent/s.json fails at once with one line', async () => {
    expect(await kctl(['get', 'pods', '--state', '/proc/nonexistent/s.json'])).toEqual({
      code: 1,
      signal: null,
      stdout: '',
      stderr: 'error: cannot create the directory /proc/nonexistent for the state file /proc/nonexistent/s.json: no such file or directory\n',
    });
  });
});
