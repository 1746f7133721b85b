// The statefulset controller: pods <name>-0 … <name>-(N-1) with stable hostnames under the
// governing Service. Pods become ready within one reconcile, so OrderedReady creation is
// indistinguishable from Parallel here, and missing ordinals are created lowest first in
// slow-start batches, as many as the command's budget allows (budget.ts).

import { StatusError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import { templateHash } from '../util/hash.js';
import { budgetOf, SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './budget.js';
import { podFromTemplate } from './podcontrol.js';
import { podsByOwnerIn, isPodReady } from './util.js';

const podInfo = resourceInfo('pods');

export function statefulSetController(api: ApiServer): void {
  const { cluster } = api;
  const owners = cluster.store.list('statefulsets');
  if (!owners.length) return;
  const budget = budgetOf(cluster);
  const podsByOwner = podsByOwnerIn(cluster.store, owners);
  for (const sts of owners) {
    // Admission gives every StatefulSet a spec.
    const spec = sts.spec!;
    const name = sts.metadata.name;
    const want = spec.replicas ?? 1;
    const revision = `${name}-${templateHash(spec.template)}`;
    const pods = podsByOwner.get(sts.metadata.uid!) ?? [];
    const ordinal = (podName: string) => Number(podName.slice(name.length + 1));
    // Pods past the replicas, highest first, and pods of an older revision go.
    const doomed = pods.filter((p) => ordinal(p.metadata.name) >= want || (p.metadata.labels ?? {})['controller-revision-hash'] !== revision);
    doomed.sort((a, b) => ordinal(b.metadata.name) - ordinal(a.metadata.name));
    for (const p of doomed.slice(0, budget.take(doomed.length))) {
      cluster.store.remove('pods', p.metadata.namespace, p.metadata.name);
      cluster.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, 'statefulset-controller');
    }
    const have = new Set(pods.filter((p) => cluster.store.get('pods', p.metadata.namespace, p.metadata.name)).map((p) => p.metadata.name));
    const kept = [...have].filter((n) => ordinal(n) < want).length;
    const template = spec.template;
    if (kept < want && template && !budget.backoff.has(sts.metadata.uid!)) {
      const granted = budget.take(want - kept);
      // The lowest missing ordinals; the scan passes at most the pods there are.
      const missing: number[] = [];
      for (let i = 0; missing.length < granted; i++) if (!have.has(`${name}-${i}`)) missing.push(i);
      let next = 0;
      const { successes, error } = slowStartBatch(granted, SLOW_START_INITIAL_BATCH_SIZE, () => {
        const i = missing[next++];
        const podName = `${name}-${i}`;
        const pod = podFromTemplate(sts, template, podName);
        pod.metadata.labels = {
          ...pod.metadata.labels,
          'apps.kubernetes.io/pod-index': String(i),
          'controller-revision-hash': revision,
          'statefulset.kubernetes.io/pod-name': podName,
        };
        pod.spec = { ...pod.spec!, hostname: podName, ...(spec.serviceName ? { subdomain: spec.serviceName } : {}) };
        try {
          api.create(pod, podInfo);
        } catch (e) {
          if (!(e instanceof StatusError)) throw e;
          cluster.event(sts, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${name} failed error: ${e.message}`, 'statefulset-controller');
          return e;
        }
        cluster.event(sts, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${name} successful`, 'statefulset-controller');
      });
      budget.refund(granted - successes);
      if (error) budget.backoff.add(sts.metadata.uid!);
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
