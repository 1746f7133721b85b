// kctl create namespace|quota|priorityclass|poddisruptionbudget.

import type { Command } from 'commander';
import { CliError } from '../../errors.js';
import { bool, commonFlags, explicitNamespace, failing, integer, requireName, send, subcommand, type Wrap } from './common.js';
import { CREATE_HELP } from './helptext.js';

/** A PDB's count: a whole number, or a percentage. */
const countOrPercent = (s: string) => (/^[+-]?\d+$/.test(s) ? Number(s) >= 0 : /^\d+%$/.test(s));

export function registerCluster(create: Command, wrap: Wrap): void {
  commonFlags(subcommand(create, 'namespace', CREATE_HELP.namespace, ['ns'])).action(
    wrap(async (session, args, opts) => {
      const name = requireName(args, 'namespace');
      const { namespaceObject } = await import('./gen/cluster.js');
      await send(session, [{ obj: namespaceObject(name) }], opts, true);
    }),
  );

  commonFlags(subcommand(create, 'quota', CREATE_HELP.quota, ['resourcequota']))
    .option('--hard <pairs>', 'A comma-delimited set of resource=quantity pairs that define a hard limit.')
    .option('--scopes <scopes>', 'A comma-delimited set of quota scopes that must all match each object tracked by the quota.')
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'quota');
        const scopes = opts.scopes as string | undefined;
        if (scopes) for (const s of scopes.split(',')) if (!s.trim()) throw new CliError(`invalid resource quota scope ""`);
        const { resourceQuota } = await import('./gen/cluster.js');
        const obj = resourceQuota(name, explicitNamespace(session), { hard: opts.hard as string | undefined, scopes });
        await failing('failed to create quota: ', () => send(session, [{ obj }], opts, true));
      }),
    );

  commonFlags(subcommand(create, 'priorityclass', CREATE_HELP.priorityclass, ['pc']))
    .option('--description <text>', 'description is an arbitrary string that usually provides guidelines on when this priority class should be used.')
    .option('--global-default [bool]', 'global-default specifies whether this PriorityClass should be considered as the default priority.')
    .option('--preemption-policy <policy>', 'preemption-policy is the policy for preempting pods with lower priority.', 'PreemptLowerPriority')
    .option('--value <n>', 'the value of this priority class.', '0')
    .action(
      wrap(async (session, args, opts) => {
        const value = integer(opts.value, '--value', 'create priorityclass')!;
        const globalDefault = bool(opts.globalDefault, '--global-default', 'create priorityclass');
        const name = requireName(args, 'priorityclass');
        const { priorityClass } = await import('./gen/cluster.js');
        const obj = priorityClass(name, { value, globalDefault, description: (opts.description as string | undefined) ?? '', preemptionPolicy: opts.preemptionPolicy as string });
        await failing('failed to create priorityclass: ', () => send(session, [{ obj }], opts, true));
      }),
    );

  commonFlags(subcommand(create, 'poddisruptionbudget', CREATE_HELP.poddisruptionbudget, ['pdb']))
    .option('--max-unavailable <n>', 'The maximum number or percentage of unavailable pods this budget requires.')
    .option('--min-available <n>', 'The minimum number or percentage of available pods this budget requires.')
    .option('--selector <selector>', 'A label selector to use for this budget. Only equality-based selector requirements are supported.')
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'poddisruptionbudget');
        const min = (opts.minAvailable as string | undefined) ?? '';
        const max = (opts.maxUnavailable as string | undefined) ?? '';
        const selector = (opts.selector as string | undefined) ?? '';
        if (!selector) throw new CliError('a selector must be specified');
        if (!min && !max) throw new CliError('one of min-available or max-unavailable must be specified');
        if (min && max) throw new CliError('min-available and max-unavailable cannot be both specified');
        if (min && !countOrPercent(min)) throw new CliError('invalid format specified for min-available');
        if (max && !countOrPercent(max)) throw new CliError('invalid format specified for max-unavailable');
        const { podDisruptionBudget } = await import('./gen/cluster.js');
        const obj = podDisruptionBudget(name, explicitNamespace(session), { selector, minAvailable: min || undefined, maxUnavailable: max || undefined });
        await failing('failed to create poddisruptionbudgets: ', () => send(session, [{ obj }], opts, true));
      }),
    );
}
