// kubectl explain: to be built.

import type { Command } from 'commander';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

export function registerExplain(program: Command, _wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('explain')
    .description('Get documentation for a resource')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new CliError('kctl explain is not implemented yet');
    });
}
