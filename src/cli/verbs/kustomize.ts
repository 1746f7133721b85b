// kubectl kustomize: builds a kustomization directory and prints the result as YAML documents.

import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

const kustomizeAction: Action = async (session, args, opts) => {
  if (args.length > 1) throw new CliError('specify one path to kustomization.yaml', 'kustomize');
  const { build, KustomizeError } = await import('../../kustomize/index.js');
  const { toYaml } = await import('../../printers/output.js');
  try {
    const restrictor = String(opts.loadRestrictor);
    if (restrictor !== 'LoadRestrictionsRootOnly' && restrictor !== 'LoadRestrictionsNone') throw new CliError(`illegal flag value --load-restrictor ${restrictor}; legal values: [LoadRestrictionsNone LoadRestrictionsRootOnly]`);
    const objects = await build(args[0] ?? '.', (w) => session.io.err(w + '\n'), { loadRestrictor: restrictor });
    const text = (await Promise.all(objects.map((o) => toYaml(o)))).join('---\n');
    if (opts.output) writeFileSync(String(opts.output), text);
    else session.io.out(text);
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
    .addOption(
      new Option(
        '--load-restrictor <restrictor>',
        "if set to 'LoadRestrictionsNone', local kustomizations may load files from outside their root. This does, however, break the relocatability of the kustomization.",
      ).default('LoadRestrictionsRootOnly'),
    )
    .option('-o, --output <path>', 'If specified, write output to this path.')
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
