// Deployment: kubectl describe's layout, the client-side half of ./deployment.ts.

import type { DeploymentStatus } from 'kubernetes-types/apps/v1';
import type { ObjectOf } from '../api/types.js';
import { formatLabelSelector } from '../api/labels/index.js';
import { describeTime, DescribeWriter } from '../printers/describe.js';
import { isNewReplicaSet } from './deployment.js';
import { describePodTemplate } from './podspec.describe.js';
import { describeWorkloadConditions, ownedBy } from './workload.describe.js';
import type { Describer } from './kind.js';

export const describeDeployment: Describer<'deployments'> = (d, ctx) => {
  // Defaulting needs a spec, so a stored Deployment has one.
  const s = d.spec!;
  const st: DeploymentStatus = d.status ?? {};
  const w = new DescribeWriter();
  w.line(0, `Name:\t${d.metadata.name}`);
  w.line(0, `Namespace:\t${d.metadata.namespace}`);
  w.line(0, `CreationTimestamp:\t${describeTime(d.metadata.creationTimestamp)}`);
  w.labels(0, 'Labels', d.metadata.labels);
  w.annotations(0, 'Annotations', d.metadata.annotations);
  w.line(0, `Selector:\t${formatLabelSelector(s.selector)}`);
  w.line(
    0,
    `Replicas:\t${s.replicas} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`,
  );
  w.line(0, `StrategyType:\t${s.strategy?.type}`);
  w.line(0, `MinReadySeconds:\t${s.minReadySeconds ?? 0}`);
  const ru = s.strategy?.rollingUpdate;
  if (ru) w.line(0, `RollingUpdateStrategy:\t${ru.maxUnavailable} max unavailable, ${ru.maxSurge} max surge`);
  describePodTemplate(w, s.template);
  describeWorkloadConditions(w, st.conditions);
  const rss = ownedBy(ctx.cluster.store.list('replicasets', d.metadata.namespace), d);
  const current = rss.find((rs) => isNewReplicaSet(rs, s.template));
  if (rss.length) {
    w.line(0, `OldReplicaSets:\t${replicaSetsText(rss.filter((rs) => rs !== current))}`);
    w.line(0, `NewReplicaSet:\t${replicaSetsText(current ? [current] : [])}`);
  }
  w.events(d, ctx);
  return w.toString();
};

function replicaSetsText(list: ObjectOf<'replicasets'>[]): string {
  if (!list.length) return '<none>';
  return list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
}
