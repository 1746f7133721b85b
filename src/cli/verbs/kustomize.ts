// kubectl kustomize: builds a kustomization directory and prints the result as YAML documents.

import type { Command } from 'commander';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

const kustomizeAction: Action = async (session, args) => {
  if (args.length > 1) throw new CliError('specify one path to kustomization.yaml', 'kustomize');
  const { build, KustomizeError } = await import('../../kustomize/index.js');
  const { toYaml } = await import('../../printers/output.js');
  try {
    const objects = await build(args[0] ?? '.', (w) => session.io.err(w + '\n'));
    const docs = await Promise.all(objects.map((o) => toYaml(o)));
    session.io.out(docs.join('---\n'));
  } catch (e) {
    if (e instanceof KustomizeError) throw new CliError(e.message);
    throw e;
  }
};

export function registerKustomize(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('kustomize')
    .description(
      `Build a set of KRM resources using a 'kustomization.yaml' file. The DIR argument must be a path to a directory containing 'kustomization.yaml', or a git repository URL with a path suffix specifying same with respect to the repository root. If DIR is omitted, '.' is assumed.`,
    )
    .argument('[dir]')
    .usage('DIR')
    .allowExcessArguments()
    .addHelpText(
      'after',
      `
Examples:
  # Build the current working directory
  kctl kustomize

  # Build some shared configuration directory
  kctl kustomize /home/config/production`,
    )
    .action(wrap(kustomizeAction));
}
