// The replicaset controller: as many active pods as spec.replicas, created from the template.

import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import type { KObject, PodObject } from '../api/types.js';
import { clone } from '../util/objects.js';
import { byController, controllerRef, isPodActive, isPodReady } from './util.js';

const podInfo = resourceInfo('pods');

/** A pod created from a template, as the controllers' pod control builds it. */
export function podFromTemplate(owner: KObject, template: PodTemplateSpec, name: string): PodObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { ...template.metadata?.labels },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: clone(template.spec),
  };
}

/** generateName: `<base>-` plus five random characters, retried on a clash. */
export function generatedName(api: ApiServer, namespace: string | undefined, base: string): string {
  for (;;) {
    const name = `${base.slice(0, 58)}${api.cluster.rand.suffix()}`;
    if (!api.find(podInfo, namespace, name)) return name;
  }
}

/** Which pods go first when scaling down (controller.ActivePods ordering, simplified). */
function deletionRank(a: PodObject, b: PodObject): number {
  const assigned = (p: PodObject) => (p.spec?.nodeName ? 1 : 0);
  const ready = (p: PodObject) => (isPodReady(p) ? 1 : 0);
  return assigned(a) - assigned(b) || ready(a) - ready(b) || String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)) || b.metadata.name.localeCompare(a.metadata.name);
}

export function replicaSetController(api: ApiServer): void {
  const { cluster } = api;
  const podsByOwner = byController(cluster.store.list('pods'));
  for (const rs of cluster.store.list('replicasets')) {
    // Admission gives every ReplicaSet a spec.
    const spec = rs.spec!;
    const pods = (podsByOwner.get(rs.metadata.uid!) ?? []).filter(isPodActive);
    const want = spec.replicas ?? 1;
    if (pods.length < want && spec.template) {
      for (let i = pods.length; i < want; i++) {
        const pod = api.create(podFromTemplate(rs, spec.template, generatedName(api, rs.metadata.namespace, `${rs.metadata.name}-`)), podInfo);
        pods.push(pod);
        cluster.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'replicaset-controller');
      }
    } else if (pods.length > want) {
      pods.sort(deletionRank);
      for (const p of pods.splice(0, pods.length - want)) {
        cluster.store.remove('pods', p.metadata.namespace, p.metadata.name);
        cluster.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'replicaset-controller');
      }
    }
    const ready = pods.filter(isPodReady).length;
    api.updateStatus(resourceInfo('replicasets'), rs, {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready || undefined,
      availableReplicas: ready || undefined,
      observedGeneration: rs.metadata.generation,
    });
  }
}
