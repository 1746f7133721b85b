// kubectl certificate: to be built.

import type { Command } from 'commander';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

export function registerCertificate(program: Command, _wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('certificate')
    .description('Modify certificate resources')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new CliError('kctl certificate is not implemented yet');
    });
}
