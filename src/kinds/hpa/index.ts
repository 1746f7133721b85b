// HorizontalPodAutoscaler (autoscaling/v2, and autoscaling/v1 converted both ways): defaults,
// validation, columns. The controller is controllers/podautoscaler.ts.

import type { HPAScalingRules, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import { forbidden, invalid, required, unsupported, type FieldError } from '../../api/errors.js';
import { resourceInfo } from '../../api/scheme.js';
import type { KObject } from '../../api/types.js';
import { age } from '../../util/duration.js';
import type { Kind } from '../kind.js';

/** autoscaling.DefaultCPUUtilization. */
const DEFAULT_CPU_UTILIZATION = 80;
const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const TARGET_TYPES = ['AverageValue', 'Utilization', 'Value'];

/** autoscaling/v1 to v2: targetCPUUtilizationPercentage becomes a cpu Resource metric. */
function convertV1(obj: KObject): KObject {
  const spec = { ...(obj.spec as Record<string, unknown> | undefined) };
  const pct = spec.targetCPUUtilizationPercentage;
  delete spec.targetCPUUtilizationPercentage;
  if (pct !== undefined) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: pct } } }];
  const status = obj.status as Record<string, unknown> | undefined;
  return { ...obj, apiVersion: 'autoscaling/v2', spec, ...(status ? { status: { currentReplicas: status.currentReplicas, desiredReplicas: status.desiredReplicas } } : {}) };
}

/**
 * autoscaling/v2 to v1, for a client that reads the v1 version: the cpu Utilization metric becomes
 * targetCPUUtilizationPercentage. Other metrics and the conditions, which v1 keeps in
 * autoscaling.alpha.kubernetes.io annotations, are left out.
 */
export function hpaToV1(obj: KObject): KObject {
  const spec = (obj.spec ?? {}) as { scaleTargetRef?: unknown; minReplicas?: number; maxReplicas?: number; metrics?: MetricSpec[] };
  const status = (obj.status ?? {}) as Record<string, unknown> & { currentMetrics?: MetricStatus[] };
  const cpu = spec.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target.type === 'Utilization');
  const current = status.currentMetrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu')?.resource?.current.averageUtilization;
  return {
    ...obj,
    apiVersion: 'autoscaling/v1',
    spec: {
      scaleTargetRef: spec.scaleTargetRef,
      ...(spec.minReplicas !== undefined ? { minReplicas: spec.minReplicas } : {}),
      maxReplicas: spec.maxReplicas,
      ...(cpu ? { targetCPUUtilizationPercentage: cpu.resource!.target.averageUtilization } : {}),
    },
    status: {
      ...(status.observedGeneration !== undefined ? { observedGeneration: status.observedGeneration } : {}),
      ...(status.lastScaleTime ? { lastScaleTime: status.lastScaleTime } : {}),
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      ...(current !== undefined ? { currentCPUUtilizationPercentage: current } : {}),
    },
  };
}

function validateMetric(m: MetricSpec, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!m.type) errs.push(required(`${f}.type`, 'must specify a metric source type'));
  if (!METRIC_TYPES.includes(m.type)) errs.push(unsupported(`${f}.type`, m.type ?? '', METRIC_TYPES));
  if (m.type !== 'Resource') return errs;
  if (!m.resource) return [...errs, required(`${f}.resource`, 'must populate information for the given metric source')];
  if (!m.resource.name) errs.push(required(`${f}.resource.name`, 'must specify a resource name'));
  const t = m.resource.target ?? ({} as typeof m.resource.target);
  const tf = `${f}.resource.target`;
  if (!t.type) errs.push(required(`${tf}.type`, 'must specify a metric target type'));
  if (!TARGET_TYPES.includes(t.type)) errs.push(invalid(`${tf}.type`, t.type ?? '', 'must be either Utilization, Value, or AverageValue'));
  if (t.averageUtilization !== undefined && t.averageUtilization < 1) errs.push(invalid(`${tf}.averageUtilization`, t.averageUtilization, 'must be greater than 0'));
  if (t.averageUtilization === undefined && t.averageValue === undefined) errs.push(required(`${tf}.averageUtilization`, 'must set either a target raw value or a target utilization'));
  if (t.averageUtilization !== undefined && t.averageValue !== undefined) errs.push(forbidden(`${tf}.averageValue`, 'may not set both a target raw value and a target utilization'));
  return errs;
}

function scalingRules(given: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  if (!given) return defaults;
  return {
    ...defaults,
    ...given,
    selectPolicy: given.selectPolicy ?? defaults.selectPolicy,
    policies: given.policies ?? defaults.policies,
  };
}

/** formatHPAMetrics: the TARGETS cell, at most two metrics. */
export function formatMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | undefined): string {
  if (!specs?.length) return '<none>';
  const list: string[] = [];
  for (const [i, s] of specs.entries()) {
    const st = statuses?.[i];
    if (s.type === 'Resource' && s.resource) {
      const t = s.resource.target;
      if (t.averageValue !== undefined) list.push(`${st?.resource?.current.averageValue ?? '<unknown>'}/${t.averageValue}`);
      else {
        const cur = st?.resource?.current.averageUtilization;
        list.push(`${s.resource.name}: ${cur === undefined ? '<unknown>' : `${cur}%`}/${t.averageUtilization === undefined ? '<auto>' : `${t.averageUtilization}%`}`);
      }
    } else {
      list.push('<unknown>');
    }
    if (list.length > 2) {
      return `${list.slice(0, 2).join(', ')} + ${specs.length - 2} more...`;
    }
  }
  return list.join(', ');
}

export const horizontalPodAutoscalerKind: Kind<'horizontalpodautoscalers'> = {
  info: resourceInfo('horizontalpodautoscalers'),
  convert: convertV1,
  convertTo: (o, apiVersion) => (apiVersion === 'autoscaling/v1' ? hpaToV1(o) : o),
  defaults(o) {
    const s = (o.spec ??= {} as NonNullable<typeof o.spec>);
    s.minReplicas ??= 1;
    // A behavior given is completed with the default rules of each direction.
    if (s.behavior) {
      s.behavior.scaleUp = scalingRules(s.behavior.scaleUp, {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
      });
      s.behavior.scaleDown = scalingRules(s.behavior.scaleDown, { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
    }
    if (!s.metrics?.length) s.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  },
  prepareForCreate(o) {
    o.status = { currentReplicas: 0, desiredReplicas: 0 };
  },
  validate(o) {
    const s = o.spec!;
    const errs: FieldError[] = [];
    const ref = s.scaleTargetRef ?? ({} as typeof s.scaleTargetRef);
    if (!ref.kind) errs.push(required('spec.scaleTargetRef.kind', ''));
    if (!ref.name) errs.push(required('spec.scaleTargetRef.name', ''));
    if (s.minReplicas !== undefined && s.minReplicas < 1) errs.push(invalid('spec.minReplicas', s.minReplicas, 'must be greater than or equal to 1'));
    const max = s.maxReplicas ?? 0;
    if (max < 1) errs.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
    if (s.minReplicas !== undefined && max < s.minReplicas) errs.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
    (s.metrics ?? []).forEach((m, i) => errs.push(...validateMetric(m, `spec.metrics[${i}]`)));
    return errs;
  },
  columns: [
    { name: 'REFERENCE', cell: (o) => `${o.spec?.scaleTargetRef.kind}/${o.spec?.scaleTargetRef.name}` },
    { name: 'TARGETS', cell: (o) => formatMetrics(o.spec?.metrics, o.status?.currentMetrics) },
    { name: 'MINPODS', cell: (o) => (o.spec?.minReplicas === undefined ? '<unset>' : String(o.spec.minReplicas)) },
    { name: 'MAXPODS', cell: (o) => String(o.spec?.maxReplicas ?? 0) },
    { name: 'REPLICAS', cell: (o) => String(o.status?.currentReplicas ?? 0) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
