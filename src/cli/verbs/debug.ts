// kubectl debug: to be built.

import type { Command } from 'commander';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

export function registerDebug(program: Command, _wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('debug')
    .description('Create debugging sessions for troubleshooting workloads and nodes')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new CliError('kctl debug is not implemented yet');
    });
}
