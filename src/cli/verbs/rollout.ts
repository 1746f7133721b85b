// kubectl rollout history|undo|status|restart|pause|resume.

import type { Command } from 'commander';
import type { DeploymentSpec } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { kindPrefix, type ResourceInfo } from '../../api/scheme.js';
import { ApiReader } from '../../apiserver/reader.js';
import type { KObject, ObjectOf } from '../../api/types.js';
import { CHANGE_CAUSE, REVISION } from '../../controllers/deployment.js';
import { controlled } from '../../controllers/util.js';
import { describePodTemplate } from '../../kinds/podspec.describe.js';
import { DescribeWriter } from '../../printers/describe.js';
import { DESCRIBE, tabwrite } from '../../printers/tabwriter.js';
import { clone, deepEqual } from '../../util/objects.js';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';
import { parseResourceArgs } from '../resources.js';
import { rolloutStatus } from './rolloutstatus.js';

const ROLLABLE = ['deployments', 'daemonsets', 'statefulsets'];

function target(args: string[], sub: string): { info: ResourceInfo; name: string } {
  const { requests } = parseResourceArgs(args, `rollout ${sub}`);
  const req = requests[0];
  if (!req || !req.names.length) throw new CliError('required resource not specified', `rollout ${sub}`);
  if (!ROLLABLE.includes(req.info.resource)) throw new CliError(`no ${sub === 'history' ? 'history viewer' : sub === 'undo' ? 'rollbacker' : 'status viewer'} has been implemented for "${req.info.kind}"`);
  return { info: req.info, name: req.names[0] };
}

/** The deployment's ReplicaSets by revision. */
function revisions(api: ApiReader, d: KObject): Map<number, ObjectOf<'replicasets'>> {
  const m = new Map<number, ObjectOf<'replicasets'>>();
  for (const rs of controlled(api.cluster.store.list('replicasets', d.metadata.namespace), d)) {
    m.set(Number(rs.metadata.annotations?.[REVISION] ?? 0), rs);
  }
  return m;
}

function templateOf(rs: ObjectOf<'replicasets'>): PodTemplateSpec {
  return clone(rs.spec?.template ?? {});
}

function withoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const c = clone(t);
  if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return c;
}

const history: Action = async (session, args, opts) => {
  const { info, name } = target(args, 'history');
  const api = new ApiReader(await session.read());
  const obj = api.get(info, session.namespace, name);
  const prefix = `${kindPrefix(info)}/${name}`;
  const revs = info.resource === 'deployments' ? revisions(api, obj) : new Map([[1, obj]]);
  const wanted = opts.revision !== undefined ? Number(opts.revision) : 0;
  if (wanted > 0) {
    const rs = revs.get(wanted);
    if (!rs) throw new CliError(`unable to find the specified revision`);
    const t = info.resource === 'deployments' ? templateOf(rs) : clone((obj.spec as DeploymentSpec).template);
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
    if (cause) t.metadata = { ...t.metadata, annotations: { ...t.metadata?.annotations, [CHANGE_CAUSE]: cause } };
    const w = new DescribeWriter();
    describePodTemplate(w, t);
    // kubectl prints the template with Fprintln, hence the blank line after it.
    session.io.out(`${prefix} with revision #${wanted}\n${w.raw()}\n`);
    return;
  }
  if (!revs.size) {
    session.io.out('No rollout history found.\n');
    return;
  }
  let table = 'REVISION\tCHANGE-CAUSE\n';
  for (const r of [...revs.keys()].sort((a, b) => a - b)) table += `${r}\t${revs.get(r)!.metadata.annotations?.[CHANGE_CAUSE] || '<none>'}\n`;
  session.io.out(`${prefix} \n${tabwrite(table, DESCRIBE)}\n`);
};

const undo: Action = async (session, args, opts) => {
  const { info, name } = target(args, 'undo');
  if (info.resource !== 'deployments') throw new CliError(`no rollbacker has been implemented for "${info.kind}"`);
  const toRevision = Number(opts.toRevision ?? 0);
  const message = await session.change((api) => {
    const d = api.get(info, session.namespace, name);
    const revs = revisions(api, d);
    let rs: KObject | undefined;
    if (toRevision > 0) {
      rs = revs.get(toRevision);
      if (!rs) throw new CliError(`unable to find specified revision ${toRevision} in history`);
    } else {
      const sorted = [...revs.keys()].sort((a, b) => b - a);
      if (sorted.length < 2) throw new CliError(`no rollout history found for deployment "${name}"`);
      rs = revs.get(sorted[1]);
    }
    const rev = Number(rs!.metadata.annotations?.[REVISION]);
    const spec = d.spec as DeploymentSpec;
    const template = withoutHash(templateOf(rs!));
    if (deepEqual(template, spec.template)) return `${kindPrefix(info)}/${name} skipped rollback (current template already matches revision ${rev})`;
    const updated = clone(d);
    (updated.spec as DeploymentSpec).template = template;
    const cause = rs!.metadata.annotations?.[CHANGE_CAUSE];
    const annotations = { ...updated.metadata.annotations };
    if (cause) annotations[CHANGE_CAUSE] = cause;
    else delete annotations[CHANGE_CAUSE];
    updated.metadata.annotations = annotations;
    api.update(updated, info);
    return `${kindPrefix(info)}/${name} rolled back`;
  });
  session.io.out(message + '\n');
};

function patchAction(sub: 'restart' | 'pause' | 'resume'): Action {
  return async (session, args) => {
    const { info, name } = target(args, sub);
    const message = await session.change((api) => {
      const obj = clone(api.get(info, session.namespace, name));
      const spec = obj.spec as DeploymentSpec;
      const label = `${kindPrefix(info)}/${name}`;
      if (sub === 'restart') {
        spec.template = spec.template ?? {};
        spec.template.metadata = { ...spec.template.metadata, annotations: { ...spec.template.metadata?.annotations, 'kubectl.kubernetes.io/restartedAt': api.cluster.now() } };
        api.update(obj, info);
        return `${label} restarted`;
      }
      const verbing = sub === 'pause' ? 'pausing' : 'resuming';
      if (info.resource !== 'deployments') throw new CliError(`${info.resource}.${info.group} "${name}" ${verbing} is not supported`);
      const want = sub === 'pause';
      // An empty patch is no error: kubectl says the object already is where it was asked to be.
      if (!!spec.paused === want) return `${label} already ${sub === 'pause' ? 'paused' : 'resumed'}`;
      spec.paused = want || undefined;
      api.update(obj, info);
      return `${label} ${sub === 'pause' ? 'paused' : 'resumed'}`;
    });
    session.io.out(message + '\n');
  };
}

export function registerRollout(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  const rollout = program
    .command('rollout')
    .description('Manage the rollout of one or many resources: deployments, daemonsets and statefulsets')
    .addHelpText('after', `
Examples:
  # See the revisions of the echo deployment, as the jissen book's chapter 5 does
  kctl rollout history deployment echo

  # Roll back to the previous revision
  kctl rollout undo deployment echo`);
  rollout
    .command('history')
    .description('View rollout history')
    .argument('[args...]')
    .option('--revision <n>', 'See the details, including podTemplate of the revision specified')
    .addHelpText('after', `
Examples:
  # View the rollout history of a deployment
  kctl rollout history deployment echo

  # View the details of revision 1
  kctl rollout history deployment echo --revision=1`)
    .action(wrap(history));
  rollout
    .command('undo')
    .description('Undo a previous rollout')
    .argument('[args...]')
    .option('--to-revision <n>', 'The revision to rollback to. Default to 0 (last revision).')
    .addHelpText('after', `
Examples:
  # Roll back to the previous deployment
  kctl rollout undo deployment echo

  # Roll back to revision 1
  kctl rollout undo deployment/echo --to-revision=1`)
    .action(wrap(undo));
  rollout
    .command('status')
    .description('Show the status of the rollout')
    .argument('[args...]')
    .option('-w, --watch', "Watch the status of the rollout until it's done.", true)
    .option('--revision <n>', 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).')
    .option('--timeout <duration>', 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).')
    .addHelpText('after', `
Examples:
  # Watch the rollout status of a deployment
  kctl rollout status deployment/echo`)
    .action(wrap(rolloutStatus((args) => target(args, 'status'))));
  rollout
    .command('restart')
    .description('Restart a resource: its pods are replaced by new ones')
    .argument('[args...]')
    .addHelpText('after', `
Examples:
  # Restart the pods of the echo deployment
  kctl rollout restart deployment/echo`)
    .action(wrap(patchAction('restart')));
  rollout
    .command('pause')
    .description('Mark the provided resource as paused')
    .argument('[args...]')
    .addHelpText('after', `
Examples:
  # Pause the echo deployment; template changes wait until it is resumed
  kctl rollout pause deployment/echo`)
    .action(wrap(patchAction('pause')));
  rollout
    .command('resume')
    .description('Resume a paused resource')
    .argument('[args...]')
    .addHelpText('after', `
Examples:
  # Resume the paused echo deployment
  kctl rollout resume deployment/echo`)
    .action(wrap(patchAction('resume')));
}
