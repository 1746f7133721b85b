// kubectl plugin list: the kctl-* files on PATH, with kubectl's warnings (plugins.ts runs them).

import { readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { longDescription } from '../help.js';
import { executable, PREFIX } from '../plugins.js';
import type { Action } from '../root.js';
import { isCommand } from './index.js';

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
