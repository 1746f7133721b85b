// The statefulset controller: pods <name>-0 … <name>-(N-1) with stable hostnames under the
// governing Service. Pods become ready within one reconcile, so OrderedReady creation is
// indistinguishable from Parallel here and all missing ordinals are created at once.

import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import { templateHash } from '../util/hash.js';
import { podFromTemplate } from './replicaset.js';
import { byController, isPodReady } from './util.js';

const podInfo = resourceInfo('pods');

export function statefulSetController(api: ApiServer): void {
  const { cluster } = api;
  const owners = cluster.store.list('statefulsets');
  if (!owners.length) return;
  const podsByOwner = byController(cluster.store.list('pods'));
  for (const sts of owners) {
    // Admission gives every StatefulSet a spec.
    const spec = sts.spec!;
    const name = sts.metadata.name;
    const want = spec.replicas ?? 1;
    const revision = `${name}-${templateHash(spec.template)}`;
    const pods = podsByOwner.get(sts.metadata.uid!) ?? [];
    const ordinal = (podName: string) => Number(podName.slice(name.length + 1));
    for (const p of pods) {
      const stale = (p.metadata.labels ?? {})['controller-revision-hash'] !== revision;
      if (ordinal(p.metadata.name) >= want || stale) {
        cluster.store.remove('pods', p.metadata.namespace, p.metadata.name);
        cluster.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, 'statefulset-controller');
      }
    }
    const have = new Set(pods.filter((p) => cluster.store.get('pods', p.metadata.namespace, p.metadata.name)).map((p) => p.metadata.name));
    for (let i = 0; i < want; i++) {
      const podName = `${name}-${i}`;
      if (have.has(podName) || !spec.template) continue;
      const pod = podFromTemplate(sts, spec.template, podName);
      pod.metadata.labels = {
        ...pod.metadata.labels,
        'apps.kubernetes.io/pod-index': String(i),
        'controller-revision-hash': revision,
        'statefulset.kubernetes.io/pod-name': podName,
      };
      pod.spec = { ...pod.spec!, hostname: podName, ...(spec.serviceName ? { subdomain: spec.serviceName } : {}) };
      api.create(pod, podInfo);
      cluster.event(sts, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${name} successful`, 'statefulset-controller');
    }
    const current = cluster.store.list('pods', sts.metadata.namespace).filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === sts.metadata.uid));
    const ready = current.filter(isPodReady).length;
    api.updateStatus(resourceInfo('statefulsets'), sts, {
      observedGeneration: sts.metadata.generation,
      replicas: current.length,
      readyReplicas: ready || undefined,
      currentReplicas: current.length,
      updatedReplicas: current.length,
      availableReplicas: ready,
      currentRevision: revision,
      updateRevision: revision,
      collisionCount: 0,
    });
  }
}
