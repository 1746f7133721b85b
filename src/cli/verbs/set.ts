// kubectl set image|env|resources|selector|serviceaccount|subject (src/cli/verbs/set/).

import { Command, Option } from 'commander';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';
import { collect, stringSlice } from './flags.js';
import { SET_HELP } from './set/helptext.js';

type Wrap = (a: Action) => (...p: unknown[]) => Promise<void>;

const help = (verb: string, flag: string) => SET_HELP[verb].options[flag] ?? '';

function sub(set: Command, verb: string, aliases: string[] = []): Command {
  const h = SET_HELP[verb];
  const c = set.command(verb).description(h.long.split('\n\n')[0]).argument('[args...]').usage(h.usage.slice(verb.length + 1));
  for (const a of aliases) c.alias(a);
  if (h.examples) c.addHelpText('after', `\nExamples:\n${h.examples}`);
  const o = (flag: string) => help(verb, flag);
  c.option('--all', o('all'))
    .addOption(new Option('--dry-run [strategy]', o('dry-run')).default('none'))
    .option('--field-manager <name>', o('field-manager'), 'kubectl-set')
    .addOption(new Option('-f, --filename <file>', o('filename')).argParser(collect))
    .option('--local', o('local'))
    .option('-o, --output <format>', o('output'))
    .option('-R, --recursive', o('recursive'))
    .option('--show-managed-fields', o('show-managed-fields'));
  if (o('selector')) c.option('-l, --selector <selector>', o('selector'));
  if (o('containers')) c.option('-c, --containers <pattern>', o('containers'), '*');
  return c;
}

/** Resources first, then NAME=VALUE pairs (kubectl's GetResourcesAndPairs). */
function resourcesAndPairs(args: string[], what: string): { resources: string[]; pairs: Map<string, string> } {
  const resources: string[] = [];
  const pairs = new Map<string, string>();
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq < 0) {
      if (pairs.size) throw new CliError(`all resources must be specified before ${what} changes: ${a}`);
      resources.push(a);
    } else {
      if (eq === 0) throw new CliError(`invalid ${what} format: ${a}`);
      pairs.set(a.slice(0, eq), a.slice(eq + 1));
    }
  }
  return { resources, pairs };
}

export function registerSet(program: Command, wrap: Wrap): void {
  const set = program.command('set').description(SET_HELP[''].long);

  sub(set, 'image').action(
    wrap(async (session, args, opts) => {
      const { resources, pairs } = resourcesAndPairs(args, 'image');
      if (!pairs.size) throw new CliError('at least one image update is required');
      const { runSet } = await import('./set/common.js');
      const { setImage } = await import('./set/podspec.js');
      await runSet(session, { resources, message: 'image updated', skipUnchanged: true, failure: 'failed to patch image update to pod template: ', mutate: setImage(pairs) }, opts);
    }),
  );

  sub(set, 'env')
    .addOption(new Option('-e, --env <KEY=VALUE>', help('env', 'env')).argParser(collect))
    .option('--from <resource>', help('env', 'from'))
    .addOption(stringSlice('--keys <keys>', help('env', 'keys'), '--keys', 'set env'))
    .option('--list', help('env', 'list'))
    .addOption(new Option('--overwrite [bool]', help('env', 'overwrite')).default(true))
    .option('--prefix <prefix>', help('env', 'prefix'))
    .option('--resolve', help('env', 'resolve'))
    .action(
      wrap(async (session, args, opts) => {
        const { setEnv } = await import('./set/env.js');
        await setEnv(session, args, opts);
      }),
    );

  sub(set, 'resources')
    .option('--limits <limits>', help('resources', 'limits'))
    .option('--requests <requests>', help('resources', 'requests'))
    .action(
      wrap(async (session, args, opts) => {
        if (!opts.limits && !opts.requests) throw new CliError('you must specify an update to requests or limits (in the form of --requests/--limits)');
        const { runSet } = await import('./set/common.js');
        const { parseRequirements, setResources } = await import('./set/podspec.js');
        const mutate = setResources(String(opts.containers), parseRequirements(opts.limits as string | undefined), parseRequirements(opts.requests as string | undefined));
        await runSet(session, { resources: args, message: 'resource requirements updated', skipUnchanged: true, failure: 'failed to patch resources update to pod template ', mutate }, opts);
      }),
    );

  sub(set, 'selector')
    .option('--resource-version <version>', help('selector', 'resource-version'))
    .action(
      wrap(async (session, args, opts) => {
        const { runSet } = await import('./set/common.js');
        const { setSelector } = await import('./set/podspec.js');
        const { labelSelector } = await import('./create/gen/cluster.js');
        const resources = args.slice(0, -1);
        const parsed = args.length ? labelSelector(args[args.length - 1]) : {};
        const expressions = ((parsed.matchExpressions as { key: string; operator: string; values?: string[] }[] | undefined) ?? []).map((e) => `{${e.key} ${e.operator} [${(e.values ?? []).join(' ')}]}`);
        const mutate = setSelector((parsed.matchLabels as Record<string, string> | undefined) ?? {}, expressions);
        await runSet(session, { resources, message: 'selector updated', mutate }, opts);
      }),
    );

  sub(set, 'serviceaccount', ['sa']).action(
    wrap(async (session, args, opts) => {
      if (!args.length) throw new CliError('serviceaccount is required');
      const { runSet } = await import('./set/common.js');
      const { setServiceAccount } = await import('./set/podspec.js');
      await runSet(session, { resources: args.slice(0, -1), message: 'serviceaccount updated', failure: 'failed to patch ServiceAccountName ', mutate: setServiceAccount(args[args.length - 1]) }, opts);
    }),
  );

  sub(set, 'subject')
    .addOption(new Option('--group <group>', help('subject', 'group')).argParser(collect))
    .addOption(new Option('--serviceaccount <namespace:name>', help('subject', 'serviceaccount')).argParser(collect))
    .addOption(new Option('--user <user>', help('subject', 'user')).argParser(collect))
    .action(
      wrap(async (session, args, opts) => {
        const users = (opts.user as string[] | undefined) ?? [];
        const groups = (opts.group as string[] | undefined) ?? [];
        const serviceAccounts = (opts.serviceaccount as string[] | undefined) ?? [];
        if (!users.length && !groups.length && !serviceAccounts.length) throw new CliError('you must specify at least one value of user, group or serviceaccount');
        const { runSet } = await import('./set/common.js');
        const { addSubjects } = await import('./set/podspec.js');
        const { subjects } = await import('./create/gen/rbac.js');
        await runSet(session, { resources: args, message: 'subjects updated', mutate: addSubjects(subjects({ users, groups, serviceAccounts })) }, opts);
      }),
    );
}
