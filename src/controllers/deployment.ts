// The deployment controller: one ReplicaSet per pod template (named by its hash), the current
// one scaled to spec.replicas and the old ones to zero, revisions and change-causes recorded.
// A RollingUpdate moves a step per pass (surge up, then old ReplicaSets down as pods become
// available), so the controllers' rounds walk it through the same steps, and events, as a
// real cluster.

import type { DeploymentSpec } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import type { KObject, ObjectOf } from '../api/types.js';
import { clone, deepEqual } from '../util/objects.js';
import { templateHash } from '../util/hash.js';
import { isNewReplicaSet } from '../kinds/deployment.js';
import { byController, controllerRef } from './util.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const HASH = 'pod-template-hash';

const rsInfo = resourceInfo('replicasets');
const deploymentInfo = resourceInfo('deployments');

type DeploymentObject = ObjectOf<'deployments'>;
type ReplicaSetObject = ObjectOf<'replicasets'>;

const revisionOf = (o: KObject) => Number(o.metadata.annotations?.[REVISION] ?? 0);
/** A ReplicaSet's spec.replicas, 0 when unset (the Deployment's own default is 1). */
const replicasOf = (rs: ReplicaSetObject) => rs.spec?.replicas ?? 0;

/** A Deployment's ReplicaSets during one pass, kept up to date as the pass writes them. */
class OwnedReplicaSets {
  current: ReplicaSetObject | undefined;
  readonly old: ReplicaSetObject[];

  constructor(
    readonly all: ReplicaSetObject[],
    template: PodTemplateSpec | undefined,
  ) {
    this.current = all.find((rs) => isNewReplicaSet(rs, template));
    this.old = all.filter((rs) => rs !== this.current).sort(byCreation);
  }

  /** Puts the written version of a ReplicaSet in the place of the one it replaces. */
  replace(prev: ReplicaSetObject, next: ReplicaSetObject): ReplicaSetObject {
    for (const list of [this.all, this.old]) {
      const i = list.indexOf(prev);
      if (i >= 0) list[i] = next;
    }
    if (this.current === prev) this.current = next;
    return next;
  }

  add(rs: ReplicaSetObject): ReplicaSetObject {
    this.all.push(rs);
    return (this.current = rs);
  }
}

export function deploymentController(api: ApiServer): void {
  const { cluster } = api;
  const owned = byController(cluster.store.list('replicasets'));
  for (let d of cluster.store.list('deployments')) {
    // Admission gives every Deployment a spec.
    const spec = d.spec!;
    const sets = new OwnedReplicaSets([...(owned.get(d.metadata.uid!) ?? [])], spec.template);
    const { old } = sets;
    const maxRevision = Math.max(0, ...sets.all.map(revisionOf));
    const desired = spec.replicas ?? 1;
    const scaleTo = (rs: ReplicaSetObject, to: number) => sets.replace(rs, scale(api, d, rs, to));

    if (spec.paused) {
      // A paused Deployment keeps its ReplicaSets as they are, only scaling the current one.
      if (sets.current && replicasOf(sets.current) !== desired) scaleTo(sets.current, desired);
    } else {
      if (sets.current) sets.replace(sets.current, syncRevision(api, d, sets.current, maxRevision));
      const recreate = spec.strategy?.type === 'Recreate';
      if (recreate) {
        // Recreate: every old pod goes before the new ReplicaSet grows.
        for (const rs of [...old]) if (replicasOf(rs) !== 0) scaleTo(rs, 0);
        const oldPods = old.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
        if (!oldPods) {
          if (!sets.current) sets.add(createReplicaSet(api, d, maxRevision + 1, desired));
          else if (replicasOf(sets.current) !== desired) scaleTo(sets.current, desired);
        }
      } else {
        if (!sets.current) sets.add(createReplicaSet(api, d, maxRevision + 1, newReplicas(spec, sets.all, undefined)));
        else if (replicasOf(sets.current) > desired) scaleTo(sets.current, desired);
        else if (replicasOf(sets.current) < desired) {
          const to = newReplicas(spec, sets.all, sets.current);
          if (to !== replicasOf(sets.current)) scaleTo(sets.current, to);
        }
        scaleDownOld(spec, sets.current!, old, scaleTo);
      }
      if (isComplete(spec, sets.current)) cleanupOldReplicaSets(api, spec, old);
    }

    const current = sets.current;
    const revision = current ? String(revisionOf(current)) : undefined;
    if (revision && d.metadata.annotations?.[REVISION] !== revision) {
      d = api.update({ ...d, metadata: { ...d.metadata, annotations: { ...d.metadata.annotations, [REVISION]: revision } } }, deploymentInfo);
    }
    syncStatus(api, d, current, sets.all);
  }
}

const byCreation = (a: KObject, b: KObject) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || a.metadata.name.localeCompare(b.metadata.name);

/**
 * The current ReplicaSet carries the newest revision and the Deployment's change cause; one that
 * comes back (rollout undo) takes the next revision and remembers its old ones.
 */
function syncRevision(api: ApiServer, d: DeploymentObject, rs: ReplicaSetObject, maxRevision: number): ReplicaSetObject {
  const cause = d.metadata.annotations?.[CHANGE_CAUSE];
  const annotations = { ...rs.metadata.annotations };
  if (revisionOf(rs) < maxRevision) {
    const history = annotations[REVISION_HISTORY];
    annotations[REVISION_HISTORY] = history ? `${history},${revisionOf(rs)}` : String(revisionOf(rs));
    annotations[REVISION] = String(maxRevision + 1);
  }
  if (cause) annotations[CHANGE_CAUSE] = cause;
  if (deepEqual(annotations, rs.metadata.annotations)) return rs;
  return api.update({ ...rs, metadata: { ...rs.metadata, annotations } }, rsInfo);
}

/** ResolveFenceposts: surge rounds up, unavailability down, and they are never both zero. */
function fenceposts(spec: DeploymentSpec): { surge: number; unavailable: number } {
  const desired = spec.replicas ?? 1;
  const resolve = (v: number | string | undefined, up: boolean) => {
    if (typeof v === 'number') return v;
    const pct = parseInt(v ?? '25%', 10);
    return up ? Math.ceil((desired * pct) / 100) : Math.floor((desired * pct) / 100);
  };
  const surge = resolve(spec.strategy?.rollingUpdate?.maxSurge, true);
  const unavailable = resolve(spec.strategy?.rollingUpdate?.maxUnavailable, false);
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

/** NewRSNewReplicas: how far the new ReplicaSet may grow without passing desired + maxSurge. */
function newReplicas(spec: DeploymentSpec, all: ReplicaSetObject[], current: ReplicaSetObject | undefined): number {
  const desired = spec.replicas ?? 1;
  const have = current ? replicasOf(current) : 0;
  const total = all.reduce((n, rs) => n + replicasOf(rs), 0);
  const max = desired + fenceposts(spec).surge;
  if (total >= max) return have;
  return have + Math.min(max - total, desired - have);
}

/** reconcileOldReplicaSets: old ReplicaSets shrink while enough pods stay available. */
function scaleDownOld(spec: DeploymentSpec, current: ReplicaSetObject, old: ReplicaSetObject[], scaleTo: (rs: ReplicaSetObject, to: number) => ReplicaSetObject): void {
  if (!old.some((rs) => replicasOf(rs) > 0)) return;
  const minAvailable = (spec.replicas ?? 1) - fenceposts(spec).unavailable;
  const all = [...old, current];
  const newUnavailable = replicasOf(current) - (current.status?.availableReplicas ?? 0);
  if (all.reduce((n, rs) => n + replicasOf(rs), 0) - minAvailable - newUnavailable <= 0) return;
  const available = all.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
  let budget = available - minAvailable;
  for (const rs of [...old]) {
    if (budget <= 0) break;
    if (replicasOf(rs) === 0) continue;
    const down = Math.min(replicasOf(rs), budget);
    scaleTo(rs, replicasOf(rs) - down);
    budget -= down;
  }
}

function isComplete(spec: DeploymentSpec, current: ReplicaSetObject | undefined): boolean {
  const desired = spec.replicas ?? 1;
  return !!current && replicasOf(current) === desired && (current.status?.availableReplicas ?? 0) >= desired;
}

function createReplicaSet(api: ApiServer, d: DeploymentObject, revision: number, replicas: number): ReplicaSetObject {
  const spec = d.spec!;
  const hash = templateHash(spec.template);
  const template = clone(spec.template);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [HASH]: hash } };
  const annotations: Record<string, string> = {
    'deployment.kubernetes.io/desired-replicas': String(spec.replicas),
    'deployment.kubernetes.io/max-replicas': String(maxReplicas(spec)),
    [REVISION]: String(revision),
  };
  const cause = d.metadata.annotations?.[CHANGE_CAUSE];
  if (cause) annotations[CHANGE_CAUSE] = cause;
  const selector = clone(spec.selector);
  selector.matchLabels = { ...selector.matchLabels, [HASH]: hash };
  const rs = api.create(
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...template.metadata.labels },
        annotations,
        ownerReferences: [controllerRef(d)],
      },
      spec: { replicas, selector, template },
    },
    rsInfo,
  );
  if (replicas > 0) api.cluster.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} from 0 to ${replicas}`, 'deployment-controller');
  return rs;
}

/** desired + maxSurge, the max-replicas annotation. */
function maxReplicas(spec: DeploymentSpec): number {
  return (spec.replicas ?? 1) + (spec.strategy?.type === 'Recreate' ? 0 : fenceposts(spec).surge);
}

/** Returns the ReplicaSet as written. */
function scale(api: ApiServer, d: DeploymentObject, rs: ReplicaSetObject, to: number): ReplicaSetObject {
  const from = replicasOf(rs);
  const spec = d.spec!;
  const annotations = {
    ...rs.metadata.annotations,
    'deployment.kubernetes.io/desired-replicas': String(spec.replicas),
    'deployment.kubernetes.io/max-replicas': String(maxReplicas(spec)),
  };
  const scaled = api.update({ ...rs, metadata: { ...rs.metadata, annotations }, spec: { ...rs.spec, replicas: to } }, rsInfo);
  api.cluster.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, 'deployment-controller');
  return scaled;
}

function cleanupOldReplicaSets(api: ApiServer, spec: DeploymentSpec, old: ReplicaSetObject[]): void {
  const limit = spec.revisionHistoryLimit ?? 10;
  const idle = old.filter((rs) => replicasOf(rs) === 0 && !rs.status?.replicas).sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) api.delete(rsInfo, rs.metadata.namespace, rs.metadata.name);
}

function syncStatus(api: ApiServer, d: DeploymentObject, current: ReplicaSetObject | undefined, rss: ReplicaSetObject[]): void {
  const live = rss.filter((rs) => api.cluster.store.get('replicasets', rs.metadata.namespace, rs.metadata.name));
  const sum = (field: 'replicas' | 'readyReplicas' | 'availableReplicas') => live.reduce((n, rs) => n + (rs.status?.[field] ?? 0), 0);
  const replicas = sum('replicas');
  const available = sum('availableReplicas');
  const updated = current?.status?.replicas ?? 0;
  const desired = d.spec!.replicas ?? 1;
  const old = d.status;
  const done = updated === desired && replicas === desired && available >= desired;
  const now = api.cluster.now();
  const cond = (type: string, status: string, reason: string, message: string) => {
    const prev = old?.conditions?.find((c) => c.type === type);
    const same = prev && prev.status === status && prev.reason === reason;
    return {
      type,
      status,
      lastUpdateTime: same ? prev!.lastUpdateTime : now,
      lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
      reason,
      message,
    };
  };
  const minAvailable = desired - Math.floor((desired * 25) / 100);
  // getReplicaFailures: the new ReplicaSet's failure first, else an old one's.
  const failure = [current, ...live].flatMap((rs) => rs?.status?.conditions?.filter((c) => c.type === 'ReplicaFailure') ?? [])[0];
  const conditions = [
    available >= minAvailable
      ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
    done && current
      ? cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${current.metadata.name}" has successfully progressed.`)
      : cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${current?.metadata.name ?? ''}" is progressing.`),
    ...(failure
      ? [{ type: 'ReplicaFailure', status: failure.status, lastUpdateTime: failure.lastTransitionTime, lastTransitionTime: failure.lastTransitionTime, reason: failure.reason, message: failure.message }]
      : []),
  ];
  api.updateStatus(deploymentInfo, d, {
    observedGeneration: d.metadata.generation,
    replicas: replicas || undefined,
    updatedReplicas: updated || undefined,
    readyReplicas: sum('readyReplicas') || undefined,
    availableReplicas: available || undefined,
    unavailableReplicas: Math.max(0, desired - available) || undefined,
    conditions,
  });
}
