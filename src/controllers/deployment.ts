// The deployment controller: one ReplicaSet per pod template (named by its hash), the current
// one scaled to spec.replicas and the old ones to zero, revisions and change-causes recorded.
// Rollouts complete within one reconcile: the end state of a RollingUpdate, without the steps.

import type { DeploymentSpec } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../api/server.js';
import type { KObject } from '../api/types.js';
import { clone, deepEqual } from '../util/objects.js';
import { templateHash } from '../util/hash.js';
import { byController, controllerRef, setStatus } from './util.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH = 'pod-template-hash';

const rsInfo = resourceInfo('replicasets');

function withoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec | undefined {
  if (!t) return t;
  const c = clone(t);
  if (c.metadata?.labels) delete c.metadata.labels[HASH];
  return c;
}

const revisionOf = (o: KObject) => Number(o.metadata.annotations?.[REVISION] ?? 0);
const replicasOf = (o: KObject) => (o.spec as { replicas?: number }).replicas ?? 0;
const rsStatus = (o: KObject) => (o.status ?? {}) as { replicas?: number; readyReplicas?: number; availableReplicas?: number };

export function deploymentController(api: ApiServer): void {
  const { cluster } = api;
  const owned = byController(cluster.store.list('replicasets'));
  for (const d of cluster.store.list('deployments')) {
    const spec = d.spec as DeploymentSpec;
    const rss = owned.get(d.metadata.uid!) ?? [];
    let current = rss.find((rs) => deepEqual(withoutHash((rs.spec as DeploymentSpec).template), spec.template));
    const maxRevision = Math.max(0, ...rss.map(revisionOf));
    const cause = d.metadata.annotations?.[CHANGE_CAUSE];

    if (spec.paused) {
      // A paused Deployment keeps its ReplicaSets as they are, only scaling the current one.
      if (current && replicasOf(current) !== spec.replicas) scale(api, d, current, spec.replicas ?? 1);
    } else {
      if (!current) {
        current = createReplicaSet(api, d, maxRevision + 1);
      } else if (revisionOf(current) < maxRevision || (cause && current.metadata.annotations?.[CHANGE_CAUSE] !== cause)) {
        // Rolling back to an older template makes its ReplicaSet the newest revision again.
        const annotations = { ...current.metadata.annotations };
        if (revisionOf(current) < maxRevision) annotations[REVISION] = String(maxRevision + 1);
        if (cause) annotations[CHANGE_CAUSE] = cause;
        current.metadata.annotations = annotations;
        cluster.store.put('replicasets', current);
      }
      if (replicasOf(current) !== spec.replicas) scale(api, d, current, spec.replicas ?? 1);
      for (const rs of rss) if (rs !== current && replicasOf(rs) !== 0) scale(api, d, rs, 0);
      cleanupOldReplicaSets(api, spec, rss.filter((rs) => rs !== current));
    }

    const revision = current ? String(revisionOf(current)) : undefined;
    if (revision && d.metadata.annotations?.[REVISION] !== revision) {
      d.metadata.annotations = { ...d.metadata.annotations, [REVISION]: revision };
      cluster.store.put('deployments', d);
    }
    syncStatus(api, d, current, rss);
  }
}

function createReplicaSet(api: ApiServer, d: KObject, revision: number): KObject {
  const spec = d.spec as DeploymentSpec;
  const hash = templateHash(spec.template);
  const template = clone(spec.template!);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [HASH]: hash } };
  const annotations: Record<string, string> = {
    'deployment.kubernetes.io/desired-replicas': String(spec.replicas),
    'deployment.kubernetes.io/max-replicas': String(maxReplicas(spec)),
    [REVISION]: String(revision),
  };
  const cause = d.metadata.annotations?.[CHANGE_CAUSE];
  if (cause) annotations[CHANGE_CAUSE] = cause;
  const selector = clone(spec.selector!);
  selector.matchLabels = { ...selector.matchLabels, [HASH]: hash };
  return api.create(
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
      spec: { replicas: 0, selector, template },
    },
    rsInfo,
  );
}

/** desired + maxSurge, the max-replicas annotation. */
function maxReplicas(spec: DeploymentSpec): number {
  const surge = spec.strategy?.rollingUpdate?.maxSurge ?? '25%';
  const n = spec.replicas ?? 1;
  const extra = typeof surge === 'number' ? surge : Math.ceil((n * parseInt(surge, 10)) / 100);
  return n + (spec.strategy?.type === 'Recreate' ? 0 : extra);
}

function scale(api: ApiServer, d: KObject, rs: KObject, to: number): void {
  const from = replicasOf(rs);
  const spec = d.spec as DeploymentSpec;
  rs.spec = { ...(rs.spec as object), replicas: to };
  rs.metadata.annotations = {
    ...rs.metadata.annotations,
    'deployment.kubernetes.io/desired-replicas': String(spec.replicas),
    'deployment.kubernetes.io/max-replicas': String(maxReplicas(spec)),
  };
  api.cluster.store.put('replicasets', rs);
  api.cluster.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, 'deployment-controller');
}

function cleanupOldReplicaSets(api: ApiServer, spec: DeploymentSpec, old: KObject[]): void {
  const limit = spec.revisionHistoryLimit ?? 10;
  const idle = old.filter((rs) => replicasOf(rs) === 0 && !(rs.status as { replicas?: number })?.replicas).sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) api.cluster.store.remove('replicasets', rs.metadata.namespace, rs.metadata.name);
}

function syncStatus(api: ApiServer, d: KObject, current: KObject | undefined, rss: KObject[]): void {
  const spec = d.spec as DeploymentSpec;
  const live = rss.filter((rs) => api.cluster.store.get('replicasets', rs.metadata.namespace, rs.metadata.name));
  const sum = (f: (s: ReturnType<typeof rsStatus>) => number | undefined) => live.reduce((n, rs) => n + (f(rsStatus(rs)) ?? 0), 0);
  const replicas = sum((s) => s.replicas);
  const available = sum((s) => s.availableReplicas);
  const updated = current ? rsStatus(current).replicas ?? 0 : 0;
  const desired = spec.replicas ?? 1;
  const old = d.status as { conditions?: { type: string; status: string; reason?: string; lastTransitionTime?: string; lastUpdateTime?: string; message?: string }[] } | undefined;
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
  const conditions = [
    available >= minAvailable
      ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
    done && current
      ? cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${current.metadata.name}" has successfully progressed.`)
      : cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${current?.metadata.name ?? ''}" is progressing.`),
  ];
  setStatus(api.cluster.store, 'deployments', d, {
    observedGeneration: d.metadata.generation,
    replicas: replicas || undefined,
    updatedReplicas: updated || undefined,
    readyReplicas: sum((s) => s.readyReplicas) || undefined,
    availableReplicas: available || undefined,
    unavailableReplicas: Math.max(0, desired - available) || undefined,
    conditions,
  });
}
