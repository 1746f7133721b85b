// kubectl auth: to be built.

import type { Command } from 'commander';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

export function registerAuth(program: Command, _wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('auth')
    .description('Inspect authorization')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new CliError('kctl auth is not implemented yet');
    });
}
