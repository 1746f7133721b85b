// The daemonset controller: one pod on every node the template tolerates and selects, at most
// BurstReplicas created per sync in slow-start batches, within the command's budget (budget.ts).

import type { PodSpec } from 'kubernetes-types/core/v1';
import { StatusError } from '../api/errors.js';
import { tolerates } from '../api/taints.js';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import type { ObjectOf } from '../api/types.js';
import { budgetOf, DAEMONSET_BURST_REPLICAS, SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './budget.js';
import { createPod, generatedName, podFromTemplate } from './podcontrol.js';
import { podsByOwnerIn, isPodReady } from './util.js';
import { own } from '../util/objects.js';

/**
 * Why a pod with this spec may not run on the node, in the scheduler's words (node(s) …), or
 * undefined when it may: unschedulable, untolerated NoSchedule/NoExecute taints, nodeSelector.
 */
export function nodeMisfit(spec: PodSpec, node: ObjectOf<'nodes'>): string | undefined {
  if (node.spec?.unschedulable && !tolerates(spec.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return 'node(s) were unschedulable';
  for (const t of node.spec?.taints ?? []) {
    if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(spec.tolerations, t)) return `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;
  }
  const labels = node.metadata.labels ?? {};
  if (!Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => own(labels, k) === v)) return "node(s) didn't match Pod's node affinity/selector";
  return undefined;
}

function fitsNode(spec: PodSpec, node: ObjectOf<'nodes'>): boolean {
  return nodeMisfit(spec, node) === undefined;
}

export function daemonSetController(api: ApiServer): void {
  const { cluster } = api;
  const nodes = cluster.store.list('nodes');
  const owners = cluster.store.list('daemonsets');
  if (!owners.length) return;
  const podsByOwner = podsByOwnerIn(cluster.store, owners);
  for (const ds of owners) {
    // Admission gives every DaemonSet a spec.
    const template = ds.spec!.template;
    const podSpec = template?.spec;
    if (!podSpec) continue;
    const pods = podsByOwner.get(ds.metadata.uid!) ?? [];
    const wanted = nodes.filter((n) => fitsNode(podSpec, n));
    const onNode = new Map(pods.map((p) => [p.spec?.nodeName, p]));
    const missing = wanted.filter((n) => !onNode.has(n.metadata.name));
    const budget = budgetOf(cluster);
    const granted = budget.backoff.has(ds.metadata.uid!) ? 0 : budget.take(Math.min(missing.length, DAEMONSET_BURST_REPLICAS));
    let next = 0;
    const { successes, error } = slowStartBatch(granted, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const n = missing[next++];
      const pod = podFromTemplate(ds, template, generatedName(api, ds.metadata.namespace, `${ds.metadata.name}-`));
      pod.spec = {
        ...pod.spec!,
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [n.metadata.name] }] }],
            },
          },
        },
        nodeName: n.metadata.name,
      };
      const created = createPod(api, ds, pod, 'daemonset-controller');
      if (created instanceof StatusError) return created;
      pods.push(created);
    });
    budget.refund(granted - successes);
    if (error) budget.backoff.add(ds.metadata.uid!);
    const wantedNames = new Set(wanted.map((n) => n.metadata.name));
    const unwanted = pods.filter((p) => !wantedNames.has(p.spec?.nodeName ?? ''));
    for (const p of unwanted.slice(0, budget.take(unwanted.length))) cluster.store.remove('pods', p.metadata.namespace, p.metadata.name);
    const live = pods.filter((p) => cluster.store.get('pods', p.metadata.namespace, p.metadata.name));
    const ready = live.filter(isPodReady).length;
    api.updateStatus(resourceInfo('daemonsets'), ds, {
      currentNumberScheduled: live.length,
      desiredNumberScheduled: wanted.length,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready || undefined,
      updatedNumberScheduled: live.length,
      observedGeneration: ds.metadata.generation,
    });
  }
}
