// kubectl cordon, uncordon, drain: to be built.

import type { Command } from 'commander';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

export function registerDrain(program: Command, _wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('cordon')
    .description('Mark node as unschedulable')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new CliError('kctl cordon is not implemented yet');
    });
  program
    .command('uncordon')
    .description('Mark node as schedulable')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new CliError('kctl uncordon is not implemented yet');
    });
  program
    .command('drain')
    .description('Drain node in preparation for maintenance')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new CliError('kctl drain is not implemented yet');
    });
}
