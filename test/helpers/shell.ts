// A small world for shell and coreutils tests: an image, the shells, and a runner that
// collects what a program prints.

import { coreutils } from '../../src/runtime/coreutils/index.js';
import { OverlayFS, type FsDiff } from '../../src/runtime/overlayfs.js';
import { stringInput, type Program, type ProgramContext } from '../../src/runtime/program.js';
import { createShell, type ShellOptions } from '../../src/runtime/shell/index.js';

export const IMAGE = {
  files: {
    '/etc/hostname': 'web-1\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n',
    '/etc/group': 'root:x:0:\napp:x:1000:\n',
    '/etc/motd': 'hello\nworld\n',
  },
  dirs: ['/tmp', '/root', '/home/app', '/bin', '/usr/bin'],
};

export function world(opts: { without?: string[]; limits?: ShellOptions['limits'] } = {}) {
  const diff: FsDiff = {};
  const fs = new OverlayFS(IMAGE, diff);
  const programs: Record<string, Program> = { ...coreutils };
  const available = new Set([...Object.keys(coreutils), 'sh', 'bash', 'ash'].filter((n) => !opts.without?.includes(n)));
  const base: Omit<ShellOptions, 'name'> = { programs, available, limits: opts.limits };
  programs.sh = createShell({ name: 'sh', ...base });
  programs.bash = createShell({ name: 'bash', version: '4.4', ...base });
  programs.ash = createShell({ name: 'ash', ...base });
  return { fs, diff, programs, available };
}

export type World = ReturnType<typeof world>;

export interface RunOptions {
  stdin?: string;
  env?: Record<string, string>;
  cwd?: string;
  world?: World;
  signal?: AbortSignal;
}

export async function run(argv: string[], opts: RunOptions = {}) {
  const w = opts.world ?? world();
  let stdout = '';
  let stderr = '';
  const ctx: ProgramContext = {
    argv,
    env: new Map(Object.entries(opts.env ?? { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/root' })),
    cwd: opts.cwd ?? '/',
    fs: w.fs,
    stdin: stringInput(opts.stdin ?? ''),
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    signal: opts.signal,
  };
  const status = await w.programs[argv[0].slice(argv[0].lastIndexOf('/') + 1)](ctx);
  return { status, stdout, stderr, world: w };
}

export const sh = (script: string, opts: RunOptions = {}) => run(['sh', '-c', script], opts);
export const bash = (script: string, opts: RunOptions = {}) => run(['bash', '-c', script], opts);
