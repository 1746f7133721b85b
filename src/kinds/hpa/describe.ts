// HorizontalPodAutoscaler: kubectl describe's layout (autoscaling/v2), the client-side half of ./index.ts.

import type { HorizontalPodAutoscalerStatus, HPAScalingRules } from 'kubernetes-types/autoscaling/v2';
import { describeTime, DescribeWriter } from '../../printers/describe.js';
import type { Describer } from '../kind.js';

function directionBehavior(w: DescribeWriter, title: string, rules: HPAScalingRules | undefined): void {
  if (!rules) return;
  w.line(1, `${title}:`);
  if (rules.stabilizationWindowSeconds !== undefined) w.line(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds`);
  if (rules.policies?.length) {
    w.line(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}`);
    w.line(2, 'Policies:');
    for (const p of rules.policies) w.line(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds`);
  }
}

export const describeHorizontalPodAutoscaler: Describer<'horizontalpodautoscalers'> = (o, ctx) => {
  const s = o.spec!;
  const st: Partial<HorizontalPodAutoscalerStatus> = o.status ?? {};
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `CreationTimestamp:\t${describeTime(o.metadata.creationTimestamp)}`);
  w.line(0, `Reference:\t${s.scaleTargetRef.kind}/${s.scaleTargetRef.name}`);
  w.line(0, 'Metrics:\t( current / target )');
  for (const [i, m] of (s.metrics ?? []).entries()) {
    const cur = st.currentMetrics?.[i]?.resource?.current;
    if (m.type === 'Resource' && m.resource) {
      const t = m.resource.target;
      if (t.averageValue !== undefined) w.line(1, `resource ${m.resource.name} on pods:\t${cur?.averageValue ?? '<unknown>'} / ${t.averageValue}`);
      else {
        const current = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}% (${cur.averageValue ?? '0'})` : '<unknown>';
        const target = t.averageUtilization === undefined ? '<auto>' : `${t.averageUtilization}%`;
        w.line(1, `resource ${m.resource.name} on pods  (as a percentage of request):\t${current} / ${target}`);
      }
    } else {
      w.line(1, `<unknown metric type ${JSON.stringify(m.type)}>`);
    }
  }
  w.line(0, `Min replicas:\t${s.minReplicas ?? '<unset>'}`);
  w.line(0, `Max replicas:\t${s.maxReplicas}`);
  if (s.behavior) {
    w.line(0, 'Behavior:');
    directionBehavior(w, 'Scale Up', s.behavior.scaleUp);
    directionBehavior(w, 'Scale Down', s.behavior.scaleDown);
  }
  w.line(0, `${s.scaleTargetRef.kind} pods:\t${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired`);
  if (st.conditions?.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tReason\tMessage');
    w.line(1, '----\t------\t------\t-------');
    for (const c of st.conditions) w.line(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}`);
  }
  w.events(o, ctx);
  return w.toString();
};
