// kubectl auth can-i, whoami and reconcile, answered as kctl serve answers SelfSubjectAccessReview,
// SelfSubjectRulesReview and SelfSubjectReview (serve/reviews.ts). Authorization allows
// everything: kctl's user is the cluster's administrator.

import type { Command } from 'commander';
import { kindPrefix, lookupResource } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { parseOutput, printObjects } from '../../printers/output.js';
import { tabwrite, TABLE } from '../../printers/tabwriter.js';
import { ADMIN, reviewStatus } from '../../serve/reviews.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import { readManifests } from './manifests.js';
import { dryRunMode, dryRunOption, outputOption, repeatable } from './flags.js';

const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);

interface Rule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const list = (v: string[] | undefined) => `[${(v ?? []).join(' ')}]`;

function printRules(status: { resourceRules?: Rule[]; nonResourceRules?: Rule[] }, noHeaders: boolean): string {
  const rows: string[] = noHeaders ? [] : ['Resources\tNon-Resource URLs\tResource Names\tVerbs\n'];
  for (const r of status.resourceRules ?? []) {
    const names = (r.resources ?? []).flatMap((res) => (r.apiGroups ?? ['']).map((g) => (g ? `${res}.${g}` : res)));
    for (const n of names) rows.push(`${n}\t[]\t${list(r.resourceNames)}\t${list(r.verbs)}\n`);
  }
  for (const r of status.nonResourceRules ?? []) rows.push(`\t${list(r.nonResourceURLs)}\t[]\t${list(r.verbs)}\n`);
  return tabwrite(rows.join(''), TABLE);
}

const canIAction: Action = async (session, args, opts) => {
  const warn = (text: string) => session.io.err(`Warning: ${text}\n\n`);
  if (opts.list) {
    if (args.length) throw new CliError('list option must be specified with no arguments');
    const status = reviewStatus('authorization.k8s.io/v1/selfsubjectrulesreviews', { namespace: session.namespace }) as { resourceRules?: Rule[]; nonResourceRules?: Rule[] };
    session.io.out(printRules(status, opts.headers === false));
    return;
  }
  if (args.length !== 2) throw new CliError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kctl auth can-i -h' for help and examples.");
  const [verb, target] = args;
  if (target.startsWith('/')) {
    if (opts.subresource) throw new CliError('--subresource can not be used with NonResourceURL');
    if (!NON_RESOURCE_VERBS.has(verb)) warn(`verb '${verb}' is not a known verb`);
  } else {
    const [resource] = target.split('/');
    const info = resource === '*' ? undefined : lookupResource(resource);
    if (resource !== '*' && !info) warn(`the server doesn't have a resource type '${resource}'`);
    if (info && !info.namespaced && !opts.allNamespaces) warn(info.group ? `resource '${info.resource}' is not namespace scoped in group '${info.group}'` : `resource '${info.resource}' is not namespace scoped`);
    if (!RESOURCE_VERBS.has(verb)) warn(`verb '${verb}' is not a known verb`);
  }
  if (opts.headers === false) throw new CliError('--no-headers cannot be set without --list specified');
  const status = reviewStatus('authorization.k8s.io/v1/selfsubjectaccessreviews', {}) as { allowed: boolean; reason?: string };
  if (!opts.quiet) session.io.out(status.allowed ? 'yes\n' : `no${status.reason ? ` - ${status.reason}` : ''}\n`);
  if (!status.allowed) throw new ExitCode(1);
};

const whoamiAction: Action = async (session, _args, opts) => {
  const groups = opts.as ? [...((opts.asGroup as string[] | undefined) ?? []), 'system:authenticated'] : ADMIN.groups;
  const userInfo = { username: (opts.as as string | undefined) ?? ADMIN.username, groups };
  const review = { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo } } as unknown as KObject;
  const output = opts.output as string | undefined;
  // kubectl prints the typed object: its fields in the Go struct's order.
  if (output === 'json') {
    session.io.out(JSON.stringify(review, null, 4) + '\n');
    return;
  }
  if (output) {
    session.io.out(await printObjects(parseOutput(output, 'whoami'), [review], true));
    return;
  }
  session.io.out(tabwrite(`ATTRIBUTE\tVALUE\nUsername\t${userInfo.username}\nGroups\t[${groups.join(' ')}]\n`, TABLE));
};

const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

const reconcileAction: Action = async (session, _args, opts) => {
  const files = opts.filename as string[] | undefined;
  if (!files?.length) throw new CliError('must specify one of -f and -k', 'auth reconcile');
  const dryRun = dryRunMode(opts.dryRun);
  const manifests = (await readManifests(session, files, !!opts.recursive)).filter((m) => RBAC_KINDS.has(m.info.kind));
  const lines = await session.change(
    (api) =>
      manifests.map((m) => {
        const ns = m.info.namespaced ? m.obj.metadata.namespace ?? session.namespace : undefined;
        const live = api.find(m.info, ns, m.obj.metadata.name) as (KObject & { rules?: unknown[]; subjects?: unknown[] }) | undefined;
        const wanted = { ...m.obj, metadata: { ...m.obj.metadata, ...(ns ? { namespace: ns } : {}) } } as KObject & { rules?: unknown[]; subjects?: unknown[] };
        if (!live) api.create(wanted, m.info);
        else {
          // Reconciling only adds: missing rules and subjects join the stored ones.
          const union = (a: unknown[] = [], b: unknown[] = []) => [...a, ...b.filter((x) => !a.some((y) => JSON.stringify(y) === JSON.stringify(x)))];
          api.update({ ...live, ...(wanted.rules ? { rules: union(live.rules, wanted.rules) } : {}), ...(wanted.subjects ? { subjects: union(live.subjects, wanted.subjects) } : {}) } as KObject, m.info);
        }
        return `${kindPrefix(m.info)}/${m.obj.metadata.name} reconciled${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`;
      }),
    { dryRun: dryRun !== 'none' },
  );
  for (const l of lines) session.io.out(l + '\n');
};

export function registerAuth(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  const auth = program.command('auth').description('Inspect authorization');
  auth
    .command('can-i')
    .description('Check whether an action is allowed')
    .usage('VERB [TYPE | TYPE/NAME | NONRESOURCEURL]')
    .argument('[args...]')
    .option('-A, --all-namespaces', 'If true, check the specified action in all namespaces.')
    .option('--list', 'If true, prints all allowed actions.')
    .option('--no-headers', 'If true, prints allowed actions without headers')
    .option('-q, --quiet', 'If true, suppress output and just return the exit code.')
    .option('--subresource <name>', 'SubResource such as pod/log or deployment/scale')
    .option('--as <user>', 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.')
    .addOption(repeatable('--as-group <group>', 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.'))
    .addHelpText('after', `
Examples:
  # kctl allows every action (its user is the cluster's administrator): until RBAC is
  # enforced, the answer is yes

  # Check to see if I can create pods in any namespace
  kctl auth can-i create pods --all-namespaces

  # Check to see if I can list deployments in my current namespace
  kctl auth can-i list deployments.apps

  # Check to see if I can read pod logs
  kctl auth can-i get pods --subresource=log

  # Check to see if I can access the URL /logs/
  kctl auth can-i get /logs/

  # List all allowed actions in namespace "foo"
  kctl auth can-i --list --namespace=foo`)
    .action(wrap(canIAction));
  auth
    .command('whoami')
    .description('Experimental: Check who you are and your attributes (groups, extra)')
    .addOption(outputOption('Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).'))
    .option('--as <user>', 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.')
    .addOption(repeatable('--as-group <group>', 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.'))
    .addHelpText('after', `
Examples:
  # Get your subject attributes
  kctl auth whoami

  # Get your subject attributes in JSON format
  kctl auth whoami -o json`)
    .action(wrap(whoamiAction));
  auth
    .command('reconcile')
    .description('Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects')
    .addOption(repeatable('-f, --filename <file>', 'Filename, directory, or URL to files identifying the resource to reconcile.'))
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.')
    .option('--remove-extra-permissions', 'If true, removes extra permissions added to roles')
    .option('--remove-extra-subjects', 'If true, removes extra subjects added to rolebindings')
    .addOption(dryRunOption())
    .addHelpText('after', `
Examples:
  # Reconcile RBAC resources from a file
  kctl auth reconcile -f my-rbac-rules.yaml`)
    .action(wrap(reconcileAction));
}
