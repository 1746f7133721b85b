// kubectl's plugins, looked for on PATH: `kctl foo bar args` runs `kctl-foo-bar` (else
// `kctl-foo`) when foo is no kctl command, with the remaining arguments.

import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { CliError } from './errors.js';

export const PREFIX = 'kctl-';

export const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** exec.LookPath for a plugin name: the first executable on PATH. */
function lookup(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, `${PREFIX}${name}`);
    if (executable(file)) return file;
  }
  return undefined;
}

/**
 * HandlePluginCommand: the longest run of leading words naming a plugin (dashes in a word become
 * underscores) runs it with the rest of the arguments; its exit code is kctl's. Undefined when
 * no plugin matches.
 */
export function runPlugin(args: string[], env: NodeJS.ProcessEnv): number | undefined {
  const words: string[] = [];
  for (const a of args) {
    if (a.startsWith('-')) break;
    words.push(a.replace(/-/g, '_'));
  }
  for (let n = words.length; n >= 1; n--) {
    const file = lookup(words.slice(0, n).join('-'), env);
    if (!file) continue;
    // Required here, not imported: the bundle loads child_process lazily, through a proxy that
    // named imports cannot see through.
    const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    const r = spawnSync(file, args.slice(n), { stdio: 'inherit', env });
    if (r.error) throw new CliError(`Error: ${r.error.message}`);
    // kubectl execs the plugin: a signal that ended it ends kctl the same way.
    if (r.signal) process.kill(process.pid, r.signal);
    return r.status ?? 1;
  }
  return undefined;
}

/** The commands plugins on PATH add (`foo` for kctl-foo and kctl-foo-bar), builtins excepted. */
export function pluginNames(env: NodeJS.ProcessEnv, builtin: (name: string) => boolean): string[] {
  const found = new Set<string>();
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      const name = n.slice(PREFIX.length).split('-')[0];
      if (n.startsWith(PREFIX) && name && !builtin(name) && executable(join(dir, n))) found.add(name);
    }
  }
  return [...found].sort();
}

