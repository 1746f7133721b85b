// kubectl events: to be built.

import type { Command } from 'commander';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

export function registerEvents(program: Command, _wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('events')
    .description('List events')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new CliError('kctl events is not implemented yet');
    });
}
