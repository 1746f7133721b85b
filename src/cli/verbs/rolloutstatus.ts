// kubectl rollout status: the status line of a Deployment, DaemonSet or StatefulSet, then (unless
// --watch=false) one more line for every change another kctl command makes to it, until the
// rollout is done, the object is deleted, or --timeout runs out. While the controllers have work
// queued, it lets them carry on, a budget at a time, as a real cluster would while kubectl waits.

import type { ResourceInfo } from '../../api/scheme.js';
import type { KObject, ObjectOf } from '../../api/types.js';
import { REVISION } from '../../controllers/deployment.js';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { goDuration } from '../../util/duration.js';

export interface StatusLine {
  message: string;
  done: boolean;
}

/** kubectl's status viewers (polymorphichelpers/rollout_status.go), over what kctl stores. */
export function statusOf(info: ResourceInfo, obj: KObject, revision: number): StatusLine {
  const name = obj.metadata.name;
  const generation = obj.metadata.generation ?? 0;
  if (info.resource === 'deployments') {
    const d = obj as ObjectOf<'deployments'>;
    const st = d.status ?? {};
    if (revision > 0) {
      const running = Number(d.metadata?.annotations?.[REVISION] ?? 0);
      if (revision !== running) throw new CliError(`desired revision (${revision}) is different from the running revision (${running})`);
    }
    if (generation > (st.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
    if (st.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) {
      throw new CliError(`deployment "${name}" exceeded its progress deadline`);
    }
    const want = d.spec?.replicas ?? 1;
    const updated = st.updatedReplicas ?? 0;
    const waiting = (what: string) => ({ message: `Waiting for deployment "${name}" rollout to finish: ${what}...`, done: false });
    if (updated < want) return waiting(`${updated} out of ${want} new replicas have been updated`);
    if ((st.replicas ?? 0) > updated) return waiting(`${(st.replicas ?? 0) - updated} old replicas are pending termination`);
    if ((st.availableReplicas ?? 0) < updated) return waiting(`${st.availableReplicas ?? 0} of ${updated} updated replicas are available`);
    return { message: `deployment "${name}" successfully rolled out`, done: true };
  }
  if (info.resource === 'daemonsets') {
    const ds = obj as ObjectOf<'daemonsets'>;
    if (ds.spec?.updateStrategy?.type !== 'RollingUpdate') throw new CliError('rollout status is only available for RollingUpdate strategy type');
    const st = ds.status;
    if (generation > (st?.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...', done: false };
    const desired = st?.desiredNumberScheduled ?? 0;
    const waiting = (what: string) => ({ message: `Waiting for daemon set "${name}" rollout to finish: ${what}...`, done: false });
    if ((st?.updatedNumberScheduled ?? 0) < desired) return waiting(`${st?.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated`);
    if ((st?.numberAvailable ?? 0) < desired) return waiting(`${st?.numberAvailable ?? 0} of ${desired} updated pods are available`);
    return { message: `daemon set "${name}" successfully rolled out`, done: true };
  }
  const sts = obj as ObjectOf<'statefulsets'>;
  const strategy = sts.spec?.updateStrategy;
  if (strategy?.type !== 'RollingUpdate') throw new CliError('rollout status is only available for RollingUpdate strategy type');
  const st = sts.status;
  if (!st?.observedGeneration || generation > st.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...', done: false };
  const want = sts.spec?.replicas ?? 1;
  if ((st.readyReplicas ?? 0) < want) return { message: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...`, done: false };
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (partition !== undefined && (st.updatedReplicas ?? 0) < want - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - partition} new pods have been updated...`, done: false };
    }
    return { message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision ?? ''}...`, done: false };
  }
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ''}...`, done: true };
}

function flagValue<T>(v: unknown, flag: string, parse: (text: string) => T): T {
  try {
    return parse(String(v));
  } catch (e) {
    throw new CliError(`invalid argument "${String(v)}" for "${flag}" flag: ${(e as Error).message}\nSee 'kctl rollout status --help' for usage.`);
  }
}

function parseRevision(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new Error(`strconv.ParseInt: parsing "${text}": invalid syntax`);
  return Number(text);
}

export function rolloutStatus(target: (args: string[]) => { info: ResourceInfo; name: string }): Action {
  return async (session, args, opts) => {
    const watch = opts.watch !== false;
    const timeoutMs = opts.timeout === undefined ? 0 : flagValue(opts.timeout, '--timeout', goDuration);
    const revision = opts.revision === undefined ? 0 : flagValue(opts.revision, '--revision', parseRevision);
    const { info, name } = target(args);
    if (revision < 0) throw new CliError(`revision must be a positive integer: ${revision}`);
    await follow(session, info, name, revision, watch, timeoutMs);
  };
}

/** kubectl ends an interrupted watch with exit code 1 and no message. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;
const interrupted = () => process.exit(1);

async function follow(session: Session, info: ResourceInfo, name: string, revision: number, watch: boolean, timeoutMs: number): Promise<void> {
  for (const s of SIGNALS) process.once(s, interrupted);
  try {
    await watchStatus(session, info, name, revision, watch, timeoutMs);
  } finally {
    for (const s of SIGNALS) process.off(s, interrupted);
  }
}

async function watchStatus(session: Session, info: ResourceInfo, name: string, revision: number, watch: boolean, timeoutMs: number): Promise<void> {
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
  const [{ ApiReader }, { ChangeFeed }, { StateReadCache }] = await Promise.all([
    import('../../apiserver/reader.js'),
    import('../../store/changefeed.js'),
    import('../../cluster/access.js'),
  ]);
  const cache = new StateReadCache();
  const feed = new ChangeFeed(session.statePath, () => cache.read(session.statePath));
  // The feed starts where the first read is: any later write wakes the watch.
  feed.refresh();
  let cluster = await session.read();
  let obj = new ApiReader(cluster).get(info, session.namespace, name);
  for (;;) {
    const line = statusOf(info, obj, revision);
    session.io.out(`${line.message}\n`);
    if (line.done || !watch) return;
    // Every change of the object is one more line, as each watch event is for kubectl.
    for (let seen = obj.metadata.resourceVersion; obj.metadata.resourceVersion === seen; ) {
      if (cluster.data.queued?.length && Date.now() < deadline) {
        // The controllers have work queued (a scale larger than one command's budget): while
        // kubectl would watch a cluster that carries on, kctl lets them take their next step.
        await session.change(() => undefined);
        feed.refresh();
      } else if (!(await feed.next(deadline))) throw new CliError('timed out waiting for the condition');
      cluster = await session.read();
      const live = new ApiReader(cluster).find(info, session.namespace, name);
      if (!live || live.metadata.uid !== obj.metadata.uid) throw new CliError('object has been deleted');
      obj = live;
    }
  }
}
