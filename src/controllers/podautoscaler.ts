// The horizontal pod autoscaler controller, as it runs in a cluster without a metrics server
// (kctl has none): it reads its target's scale, holds it within minReplicas and maxReplicas, and
// reports that resource metrics cannot be had, so a target inside its bounds keeps its size.

import type { HorizontalPodAutoscalerCondition } from 'kubernetes-types/autoscaling/v2';
import { resourceInfo } from '../api/scheme.js';
import type { ObjectOf } from '../api/types.js';
import type { ApiServer } from '../apiserver/server.js';

const COMPONENT = 'horizontal-pod-autoscaler';
const info = resourceInfo('horizontalpodautoscalers');
const SCALABLE: Record<string, string> = { Deployment: 'deployments', ReplicaSet: 'replicasets', StatefulSet: 'statefulsets' };
const NO_METRICS =
  'unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';

type Hpa = ObjectOf<'horizontalpodautoscalers'>;

function condition(hpa: Hpa, now: string, type: string, status: string, reason: string, message: string): HorizontalPodAutoscalerCondition {
  const old = hpa.status?.conditions?.find((c) => c.type === type);
  return { type, status, reason, message, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now };
}

export function podAutoscalerController(api: ApiServer): void {
  const { cluster } = api;
  const hpas = cluster.store.list('horizontalpodautoscalers');
  if (!hpas.length) return;
  const now = cluster.now();
  for (const hpa of hpas) {
    const spec = hpa.spec!;
    const ref = spec.scaleTargetRef;
    const resource = SCALABLE[ref.kind];
    const target = resource ? (cluster.store.get(resource, hpa.metadata.namespace, ref.name) as { spec?: { replicas?: number } } | undefined) : undefined;
    const conditions: HorizontalPodAutoscalerCondition[] = [];
    if (!target) {
      const message = `the HPA controller was unable to get the target's current scale: ${resource ? `${resource}.apps "${ref.name}" not found` : `no matches for kind "${ref.kind}"`}`;
      conditions.push(condition(hpa, now, 'AbleToScale', 'False', 'FailedGetScale', message));
      if (hpa.status?.conditions?.[0]?.reason !== 'FailedGetScale') cluster.event(hpa, 'Warning', 'FailedGetScale', message.replace(/^the HPA controller was unable to get the target's current scale: /, ''), COMPONENT);
      api.updateStatus(info, hpa, { conditions });
      continue;
    }
    const current = target.spec?.replicas ?? 1;
    const min = spec.minReplicas ?? 1;
    let desired = current;
    let reason = '';
    if (current === 0 && min !== 0) {
      desired = 0;
    } else if (current > spec.maxReplicas) {
      [desired, reason] = [spec.maxReplicas, 'Current number of replicas above Spec.MaxReplicas'];
    } else if (current < min) {
      [desired, reason] = [min, 'Current number of replicas below Spec.MinReplicas'];
    }
    if (reason) {
      api.updateScale(resourceInfo(resource), hpa.metadata.namespace, ref.name, desired);
      cluster.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`, COMPONENT);
      conditions.push(condition(hpa, now, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`));
    } else {
      conditions.push(condition(hpa, now, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"));
    }
    if (current === 0 && min !== 0) {
      conditions.push(condition(hpa, now, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero'));
    } else if (!reason) {
      const message = `the HPA was unable to compute the replica count: failed to get cpu utilization: ${NO_METRICS}`;
      const had = hpa.status?.conditions?.find((c) => c.type === 'ScalingActive')?.reason === 'FailedGetResourceMetric';
      conditions.push(condition(hpa, now, 'ScalingActive', 'False', 'FailedGetResourceMetric', message));
      if (!had) {
        cluster.event(hpa, 'Warning', 'FailedGetResourceMetric', `failed to get cpu utilization: ${NO_METRICS}`, COMPONENT);
        cluster.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: ${NO_METRICS}`, COMPONENT);
      }
    }
    api.updateStatus(info, hpa, {
      currentReplicas: current,
      desiredReplicas: desired,
      currentMetrics: !reason && current !== 0 ? [{ type: '' }] : undefined,
      conditions,
    });
  }
}
