// kubectl cordon, uncordon and drain: a node marked (un)schedulable, then its pods evicted
// through pods/eviction, each pass one transaction, waiting between them without the lock.

import type { Command } from 'commander';
import { Option } from 'commander';
import { StatusError } from '../../api/errors.js';
import { parseSelector } from '../../api/labels/parse.js';
import { resourceInfo } from '../../api/scheme.js';
import type { ObjectOf, PodObject } from '../../api/types.js';
import { ApiReader } from '../../apiserver/reader.js';
import type { ApiServer } from '../../apiserver/server.js';
import { evictPod } from '../../apiserver/eviction.js';
import { formatGoDuration, goDuration } from '../../util/duration.js';
import { CliError, ExitCode } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { dryRunMode, dryRunOption } from './flags.js';

const NODES = resourceInfo('nodes');
const PODS = resourceInfo('pods');
/** kubectl's drain waits this long before it asks again for an eviction a budget refused. */
const EVICT_RETRY_MS = 5000;

type DryRun = ReturnType<typeof dryRunMode>;
const suffix = (d: DryRun) => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');

/** The nodes named (`x`, `node/x`) or selected by -l, as kubectl's builder finds them. */
function selectNodes(api: ApiServer, names: string[], selector: string | undefined): ObjectOf<'nodes'>[] {
  if (selector) return api.list(NODES, { labelSelector: selector });
  return names.map((n) => api.get(NODES, undefined, n.replace(/^(?:nodes?|no)\//i, '')));
}

function checkArgs(verb: string, args: string[], opts: Record<string, unknown>): void {
  if (!args.length && opts.selector === undefined) throw new CliError(`USAGE: ${verb} NODE [flags]`, verb);
  if (args.length && opts.selector) throw new CliError('error: cannot specify both a node name and a --selector option', verb);
}

/** Sets spec.unschedulable on each node; returns the nodes and kubectl's lines. */
function cordon(api: ApiServer, nodes: ObjectOf<'nodes'>[], desired: boolean, dryRun: DryRun): string[] {
  const word = desired ? 'cordoned' : 'uncordoned';
  return nodes.map((node) => {
    const name = node.metadata.name;
    if (!!node.spec?.unschedulable === desired) return `node/${name} already ${word}`;
    if (dryRun !== 'client') {
      api.modify(NODES, undefined, name, (draft) => {
        const { unschedulable: _, ...spec } = draft.spec ?? {};
        draft.spec = desired ? { ...spec, unschedulable: true } : spec;
      });
    }
    return `node/${name} ${word}${suffix(dryRun)}`;
  });
}

function cordonAction(desired: boolean): Action {
  const verb = desired ? 'cordon' : 'uncordon';
  return async (session, args, opts) => {
    checkArgs(verb, args, opts);
    const dryRun = dryRunMode(opts.dryRun);
    const lines = await session.change((api) => cordon(api, selectNodes(api, args, opts.selector as string | undefined), desired, dryRun), { dryRun: dryRun !== 'none' });
    for (const l of lines) session.io.out(l + '\n');
  };
}

interface Plan {
  pods: PodObject[];
  warnings: Map<string, string[]>;
  errors: Map<string, string[]>;
}

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

type Status = { delete: boolean; warning?: string; error?: string };
const OKAY: Status = { delete: true };

/**
 * GetPodsForDeletion: the node's pods through drain's filters in kubectl's order. Each filter's
 * status replaces the one before and a pod that is not to be deleted stops there, so only the
 * last status counts (a local-storage warning is lost once the pod turns out to be replicated).
 */
function planDrain(api: ApiReader, node: string, opts: Record<string, unknown>): Plan {
  const plan: Plan = { pods: [], warnings: new Map(), errors: new Map() };
  const note = (m: Map<string, string[]>, msg: string, pod: PodObject) => m.set(msg, [...(m.get(msg) ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`]);
  const finished = (pod: PodObject) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const controllerOf = (pod: PodObject) => pod.metadata.ownerReferences?.find((r) => r.controller);
  const filters: ((pod: PodObject) => Status)[] = [
    (pod) => {
      const controller = controllerOf(pod);
      if (controller?.kind !== 'DaemonSet' || finished(pod)) return OKAY;
      if (!api.find(resourceInfo('daemonsets'), pod.metadata.namespace, controller.name)) {
        const missing = `daemonsets.apps "${controller.name}" not found`;
        return opts.force ? { delete: true, warning: missing } : { delete: false, error: missing };
      }
      return opts.ignoreDaemonsets ? { delete: false, warning: DAEMONSET_WARNING } : { delete: false, error: DAEMONSET_FATAL };
    },
    // Mirror pods cannot be deleted through the API server: drain leaves them.
    (pod) => (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { delete: false } : OKAY),
    (pod) => {
      if (!pod.spec?.volumes?.some((v) => v.emptyDir) || finished(pod)) return OKAY;
      return opts.deleteEmptydirData || opts.deleteLocalData ? { delete: true, warning: LOCAL_STORAGE_WARNING } : { delete: false, error: LOCAL_STORAGE_FATAL };
    },
    (pod) => {
      if (finished(pod) || controllerOf(pod)) return OKAY;
      return opts.force ? { delete: true, warning: UNMANAGED_WARNING } : { delete: false, error: UNMANAGED_FATAL };
    },
  ];
  const pods = api.list(PODS, { labelSelector: (opts.podSelector as string | undefined) || undefined, fieldSelector: `spec.nodeName=${node}` });
  for (const pod of pods) {
    let status = OKAY;
    for (const filter of filters) {
      status = filter(pod);
      if (!status.delete) break;
    }
    if (status.error) note(plan.errors, status.error, pod);
    else if (status.warning) note(plan.warnings, status.warning, pod);
    if (status.delete) plan.pods.push(pod);
  }
  return plan;
}

/** utilerrors.NewAggregate(...).Error(): one message as it is, several in brackets. */
const aggregate = (msgs: string[]) => (msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Evicts (or deletes) the pods, retrying those a budget refuses until the timeout; returns the errors. */
async function evictAll(session: Session, pods: PodObject[], opts: Record<string, unknown>, dryRun: DryRun, timeoutMs: number): Promise<string[]> {
  const useEviction = !opts.disableEviction;
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
  const errors: string[] = [];
  let pending = pods;
  const label = useEviction ? 'evicted' : 'deleted';
  while (pending.length) {
    if (useEviction) for (const p of pending) session.io.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}${suffix(dryRun)}\n`);
    const results = await session.change(
      (api) =>
        pending.map((p) => {
          try {
            if (useEviction) evictPod(api, p.metadata.namespace!, p.metadata.name);
            else api.delete(PODS, p.metadata.namespace, p.metadata.name);
            return undefined;
          } catch (e) {
            if (e instanceof StatusError && e.reason === 'NotFound') return undefined;
            if (e instanceof StatusError) return e;
            throw e;
          }
        }),
      { dryRun: dryRun === 'server' },
    );
    const retry: PodObject[] = [];
    results.forEach((e, i) => {
      const p = pending[i];
      const ref = `pods/"${p.metadata.name}" -n "${p.metadata.namespace}"`;
      if (!e) {
        if (dryRun !== 'server') session.io.out(`pod/${p.metadata.name} ${label}\n`);
      } else if (useEviction && e.reason === 'TooManyRequests') {
        session.io.err(`error when evicting ${ref} (will retry after 5s): ${e.message}\n`);
        retry.push(p);
      } else if (useEviction) errors.push(`error when evicting ${ref}: ${e.message}`);
      else errors.push(e.message);
    });
    if (!retry.length) break;
    const wait = Math.min(EVICT_RETRY_MS, deadline - Date.now());
    if (wait > 0) await sleep(wait);
    if (Date.now() >= deadline) {
      for (const p of retry) errors.push(`error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}": global timeout reached: ${formatGoDuration(timeoutMs)}`);
      break;
    }
    pending = retry;
  }
  return errors;
}

const drainAction: Action = async (session, args, opts) => {
  checkArgs('drain', args, opts);
  const dryRun = dryRunMode(opts.dryRun);
  let timeoutMs = 0;
  try {
    timeoutMs = goDuration(String(opts.timeout ?? '0s'));
  } catch (e) {
    throw new CliError(`invalid argument "${String(opts.timeout)}" for "--timeout" flag: ${(e as Error).message}\nSee 'kctl drain --help' for usage.`);
  }
  if (opts.gracePeriod !== undefined && !/^-?\d+$/.test(String(opts.gracePeriod))) {
    throw new CliError(`invalid argument "${String(opts.gracePeriod)}" for "--grace-period" flag: strconv.ParseInt: parsing "${String(opts.gracePeriod)}": invalid syntax\nSee 'kctl drain --help' for usage.`);
  }
  if (opts.podSelector) {
    try {
      parseSelector(String(opts.podSelector));
    } catch {
      throw new CliError('--pod-selector=<pod_selector> must be a valid label selector');
    }
  }
  const { names, lines } = await session.change(
    (api) => {
      const nodes = selectNodes(api, args, opts.selector as string | undefined);
      return { names: nodes.map((n) => n.metadata.name), lines: cordon(api, nodes, true, dryRun) };
    },
    { dryRun: dryRun !== 'none' },
  );
  for (const l of lines) session.io.out(l + '\n');
  const fatal: string[][] = [];
  const remaining: string[] = [];
  for (const node of names) {
    const error = await drainNode(session, node, opts, dryRun, timeoutMs);
    if (error === undefined) {
      session.io.out(`node/${node} drained${suffix(dryRun)}\n`);
      continue;
    }
    session.io.err(`error: unable to drain node "${node}" due to error: ${aggregate(error)}, continuing command...\n`);
    fatal.push(error);
    remaining.push(node);
  }
  if (remaining.length) session.io.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  if (fatal.length) {
    // An aggregate of errors is printed one a line, without the `error: ` prefix; one node's
    // aggregate is unwrapped first.
    const lines = fatal.length === 1 ? fatal[0] : fatal.map(aggregate);
    session.io.err(lines.map((l) => l + '\n').join(''));
    throw new ExitCode(1);
  }
};

/** One node's pods evicted; the errors that stopped it, or undefined once drained. */
async function drainNode(session: Session, node: string, opts: Record<string, unknown>, dryRun: DryRun, timeoutMs: number): Promise<string[] | undefined> {
  const plan = planDrain(new ApiReader(await session.read()), node, opts);
  if (plan.errors.size) return [...plan.errors].map(([msg, pods]) => `cannot delete ${msg}: ${pods.join(', ')}`);
  if (plan.warnings.size) session.io.err(`Warning: ${[...plan.warnings].map(([msg, pods]) => `${msg}: ${pods.join(', ')}`).join('; ')}\n`);
  if (dryRun === 'client') {
    for (const p of plan.pods) session.io.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
    return undefined;
  }
  const errors = await evictAll(session, plan.pods, opts, dryRun, timeoutMs);
  if (!errors.length) return undefined;
  const left = planDrain(new ApiReader(await session.read()), node, opts).pods;
  if (left.length) session.io.err(`There are pending pods in node "${node}" when an error occurred: ${aggregate(errors)}\n${left.map((p) => `pod/${p.metadata.name}\n`).join('')}`);
  return errors;
}

export function registerDrain(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  for (const desired of [true, false]) {
    const verb = desired ? 'cordon' : 'uncordon';
    program
      .command(verb)
      .description(desired ? 'Mark node as unschedulable' : 'Mark node as schedulable')
      .argument('[NODE...]')
      .usage('NODE')
      .addOption(dryRunOption())
      .option('-l, --selector <selector>', 'Selector (label query) to filter on')
      .addHelpText('after', `
Examples:
  # Mark node "kctl-worker" as ${desired ? 'unschedulable' : 'schedulable'}
  kctl ${verb} kctl-worker`)
      .action(wrap(cordonAction(desired)));
  }
  program
    .command('drain')
    .description('Drain node in preparation for maintenance')
    .usage('NODE')
    .argument('[NODE...]')
    .option('--force', 'Continue even if there are pods not managed by a ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet.')
    .option('--ignore-daemonsets', 'Ignore DaemonSet-managed pods.')
    .option('--delete-emptydir-data', 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).')
    .addOption(new Option('--delete-local-data', 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).').hideHelp())
    .option('--grace-period <seconds>', 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.', '-1')
    .option('--timeout <duration>', 'The length of time to wait before giving up, zero means infinite', '0s')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on')
    .option('--pod-selector <selector>', 'Label selector to filter pods on the node')
    .option('--disable-eviction', 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.')
    .option('--skip-wait-for-delete-timeout <seconds>', 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.', '0')
    .option('--chunk-size <n>', 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.', '500')
    .addOption(dryRunOption())
    .addHelpText('after', `
Examples:
  # Drain node "kctl-worker", even if there are pods not managed by a replication controller, replica set, job, daemon set or stateful set on it
  kctl drain kctl-worker --force

  # As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set or stateful set, and use a grace period of 15 minutes
  kctl drain kctl-worker --grace-period=900`)
    .action(wrap(drainAction));
}
