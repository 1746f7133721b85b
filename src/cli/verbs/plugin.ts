// kubectl plugin list, and kubectl's plugin mechanism: `kctl foo bar args` runs `kctl-foo-bar`
// (else `kctl-foo`) from PATH when foo is no kctl command, with the remaining arguments.

import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { longDescription } from '../help.js';
import type { Action } from '../root.js';
import { isCommand } from './index.js';

const PREFIX = 'kctl-';

const executable = (file: string) => {
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

export function registerPlugin(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  const plugin = program.command('plugin').description('Provides utilities for interacting with plugins').usage('[flags]');
  longDescription(
    plugin,
    `Provides utilities for interacting with plugins.

 Plugins provide extended functionality that is not part of the major command-line distribution. Please refer to the documentation and examples for more information about how write your own plugins.

 The easiest way to discover and install plugins is via the kubernetes sub-project krew: [krew.sigs.k8s.io]. To install krew, visit https://krew.sigs.k8s.io/docs/user-guide/setup/install`,
  );
  const examples = `
Examples:
  # List all available plugins
  kctl plugin list

  # List only binary names of available plugins without paths
  kctl plugin list --name-only`;
  plugin.addHelpText('after', examples);
  const list = plugin
    .command('list')
    .description("List all visible plugin executables on a user's PATH")
    .usage('[flags]')
    .option('--name-only', 'If true, display only the binary name of each plugin, rather than its full path')
    .allowExcessArguments()
    .addHelpText('after', examples);
  longDescription(
    list,
    `List all available plugin files on a user's PATH. To see plugins binary names without the full path use --name-only flag.

 Available plugin files are those that are: - executable - anywhere on the user's PATH - begin with "kctl-"`,
  );
  list.action(
    wrap(async (session, _args, opts) => {
      const found: string[] = [];
      const seen = new Set<string>();
      for (const dir of (session.env.PATH ?? '').split(delimiter)) {
        if (!dir || seen.has(dir)) continue;
        seen.add(dir);
        let names: string[];
        try {
          names = readdirSync(dir).sort();
        } catch {
          continue;
        }
        for (const n of names) if (n.startsWith(PREFIX) && !statSafe(join(dir, n))?.isDirectory()) found.push(join(dir, n));
      }
      if (!found.length) throw new CliError('unable to find any kctl plugins in your PATH');
      session.io.out(`The following compatible plugins are available:\n\n${found.map((f) => `${opts.nameOnly ? f.slice(f.lastIndexOf('/') + 1) : f}\n`).join('')}`);
      const warnings: string[] = [];
      const first = new Map<string, string>();
      for (const f of found) {
        const name = f.slice(f.lastIndexOf('/') + 1);
        const shown = f;
        const shadow = first.get(name);
        if (shadow) warnings.push(`${shown} is overshadowed by a similarly named plugin: ${shadow}`);
        else first.set(name, shown);
        if (!executable(f)) warnings.push(`${shown} identified as a kctl plugin, but it is not executable`);
        const command = name.slice(PREFIX.length).split('-')[0];
        if (isCommand(command)) warnings.push(`${name} overwrites existing command: "kctl ${command}"`);
      }
      if (warnings.length) {
        session.io.err(warnings.map((w) => `  - warning: ${w}\n`).join(''));
        throw new CliError(warnings.length === 1 ? 'one plugin warning was found' : `${warnings.length} plugin warnings were found`);
      }
    }),
  );
}

function statSafe(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
