// kctl create role|clusterrole|rolebinding|clusterrolebinding|serviceaccount|token.

import { Command, Option } from 'commander';
import { CliError } from '../../errors.js';
import type { Session } from '../../session.js';
import { collect, stringSlice } from '../flags.js';
import { bare, commonFlags, explicitNamespace, failing, mapStringString, required, requireName, send, subcommand, type Wrap } from './common.js';
import { CREATE_HELP } from './helptext.js';

const unique = (list: string[]) => [...new Set(list)];

/** --verb: duplicates dropped, and `*` alone when given. */
function verbsOf(opts: Record<string, unknown>): string[] {
  const verbs = unique((opts.verb as string[] | undefined) ?? []);
  return verbs.includes('*') ? ['*'] : verbs;
}

function ruleFlags(c: Command, key: string): Command {
  return c
    .addOption(stringSlice('--resource <resource>', 'Resource that the rule applies to', '--resource', `create ${key}`))
    .addOption(new Option('--resource-name <name>', 'Resource in the white list that the rule applies to, repeat this flag for multiple items').argParser(collect))
    .addOption(stringSlice('--verb <verb>', 'Verb that applies to the resources contained in the rule', '--verb', `create ${key}`));
}

/** Warnings for verbs kubectl does not know, then the resources' checks (an unknown one ends the command bare). */
async function checkResources(session: Session, resources: string[], verbs: string[]) {
  const gen = await import('./gen/rbac.js');
  const parsed = gen.parseRuleResources(resources);
  for (const v of verbs) if (!gen.VALID_RESOURCE_VERBS.includes(v)) session.io.err(`Warning: '${v}' is not a standard resource verb\n`);
  const { bare: error } = gen.checkRuleResources(parsed, verbs);
  if (error) bare(session, error);
  return parsed;
}

function bindingFlags(c: Command, what: string): Command {
  return c
    .addOption(new Option('--group <group>', `Groups to bind to the ${what}. The flag can be repeated to add multiple groups.`).argParser(collect))
    .addOption(new Option('--serviceaccount <namespace:name>', `Service accounts to bind to the ${what}, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.`).argParser(collect))
    .addOption(new Option('--user <user>', `Usernames to bind to the ${what}. The flag can be repeated to add multiple users.`).argParser(collect));
}

const subjectsOf = (opts: Record<string, unknown>) => ({ users: (opts.user as string[]) ?? [], groups: (opts.group as string[]) ?? [], serviceAccounts: (opts.serviceaccount as string[]) ?? [] });

export function registerRbac(create: Command, wrap: Wrap): void {
  ruleFlags(commonFlags(subcommand(create, 'role', CREATE_HELP.role)), 'role').action(
    wrap(async (session, args, opts) => {
      const name = requireName(args, 'role');
      const verbs = verbsOf(opts);
      if (!verbs.length) throw new CliError('at least one verb must be specified');
      const resources = (opts.resource as string[] | undefined) ?? [];
      const gen = await import('./gen/rbac.js');
      for (const v of verbs) if (!gen.VALID_RESOURCE_VERBS.includes(v)) session.io.err(`Warning: '${v}' is not a standard resource verb\n`);
      if (!resources.length) throw new CliError('at least one resource must be specified');
      const parsed = gen.parseRuleResources(resources);
      const { bare: error } = gen.checkRuleResources(parsed, verbs);
      if (error) bare(session, error);
      const rules = gen.policyRules(verbs, parsed, unique((opts.resourceName as string[]) ?? []), []);
      await send(session, [{ obj: gen.role(name, explicitNamespace(session), rules) }], opts, true);
    }),
  );

  ruleFlags(commonFlags(subcommand(create, 'clusterrole', CREATE_HELP.clusterrole)), 'clusterrole')
    .addOption(new Option('--aggregation-rule <key=value>', 'An aggregation label selector for combining ClusterRoles.').argParser(mapStringString('--aggregation-rule', 'create clusterrole')))
    .addOption(stringSlice('--non-resource-url <url>', 'A partial url that user should have access to.', '--non-resource-url', 'create clusterrole'))
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'clusterrole');
        const verbs = verbsOf(opts);
        const resources = (opts.resource as string[] | undefined) ?? [];
        const resourceNames = unique((opts.resourceName as string[]) ?? []);
        const urls = unique((opts.nonResourceUrl as string[]) ?? []);
        const aggregation = opts.aggregationRule as Record<string, string> | undefined;
        const gen = await import('./gen/rbac.js');
        if (aggregation && Object.keys(aggregation).length) {
          if (urls.length || verbs.length || resources.length || resourceNames.length) throw new CliError('aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
          const { goMap } = await import('./gen/meta.js');
          await send(session, [{ obj: gen.clusterRole(name, null, goMap(aggregation)) }], opts, true);
          return;
        }
        if (!verbs.length) throw new CliError('at least one verb must be specified');
        if (!resources.length && !urls.length) throw new CliError('one of resource or nonResourceURL must be specified');
        const parsed = resources.length ? await checkResources(session, resources, verbs) : [];
        if (urls.length) {
          for (const v of verbs) if (!gen.VALID_NON_RESOURCE_VERBS.includes(v)) throw new CliError(`invalid verb: '${v}' for nonResourceURL`);
          for (const u of urls) {
            if (u === '*') continue;
            if (!u.startsWith('/')) throw new CliError('nonResourceURL should start with /');
            if (u.slice(0, -1).includes('*')) throw new CliError("nonResourceURL only supports wildcard matches when '*' is at the end");
          }
        }
        await send(session, [{ obj: gen.clusterRole(name, gen.policyRules(verbs, parsed, resourceNames, urls)) }], opts, true);
      }),
    );

  bindingFlags(commonFlags(subcommand(create, 'rolebinding', CREATE_HELP.rolebinding)), 'role')
    .option('--clusterrole <name>', 'ClusterRole this RoleBinding should reference')
    .option('--role <name>', 'Role this RoleBinding should reference')
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'rolebinding');
        const role = (opts.role as string | undefined) ?? '';
        const clusterRole = (opts.clusterrole as string | undefined) ?? '';
        if (!role === !clusterRole) throw new CliError('exactly one of clusterrole or role must be specified');
        const gen = await import('./gen/rbac.js');
        const ref = role ? { kind: 'Role', name: role } : { kind: 'ClusterRole', name: clusterRole };
        const obj = gen.binding('RoleBinding', name, explicitNamespace(session), ref, gen.subjects(subjectsOf(opts)));
        await failing('failed to create rolebinding: ', () => send(session, [{ obj }], opts, true));
      }),
    );

  bindingFlags(commonFlags(subcommand(create, 'clusterrolebinding', CREATE_HELP.clusterrolebinding)), 'clusterrole')
    .option('--clusterrole <name>', 'ClusterRole this ClusterRoleBinding should reference')
    .action(
      wrap(async (session, args, opts) => {
        required(opts, 'clusterrole');
        const name = requireName(args, 'clusterrolebinding');
        const gen = await import('./gen/rbac.js');
        const obj = gen.binding('ClusterRoleBinding', name, undefined, { kind: 'ClusterRole', name: opts.clusterrole as string }, gen.subjects(subjectsOf(opts)));
        await failing('failed to create clusterrolebinding: ', () => send(session, [{ obj }], opts, true));
      }),
    );

  commonFlags(subcommand(create, 'serviceaccount', CREATE_HELP.serviceaccount, ['sa'])).action(
    wrap(async (session, args, opts) => {
      const name = requireName(args, 'serviceaccount');
      const { serviceAccount } = await import('./gen/rbac.js');
      await failing('failed to create serviceaccount: ', () => send(session, [{ obj: serviceAccount(name, explicitNamespace(session)) }], opts, true));
    }),
  );

  subcommand(create, 'token', CREATE_HELP.token)
    .addOption(new Option('--audience <audience>', 'Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.').argParser(collect))
    .option('--bound-object-kind <kind>', 'Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided.')
    .option('--bound-object-name <name>', 'Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind.')
    .option('--bound-object-uid <uid>', 'UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used.')
    .option('--duration <duration>', 'Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime.', '0s')
    .addOption(new Option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).'))
    .option('--show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.')
    .action(
      wrap(async (session, args, opts) => {
        const name = requireName(args, 'token');
        const { createToken } = await import('./token.js');
        await createToken(session, name, opts);
      }),
    );
}
