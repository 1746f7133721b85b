// Deployment (apps/v1): defaults, validation, columns, describe.

import type { DeploymentSpec, DeploymentStatus, Deployment } from 'kubernetes-types/apps/v1';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { formatLabelSelector } from '../api/labels/index.js';
import { age } from '../printers/duration.js';
import { describeTime, DescribeWriter } from '../printers/describe.js';
import type { Kind, PrintContext } from './kind.js';
import { defaultPodSpec, describePodTemplate } from './podspec.js';
import { describeWorkloadConditions, ownedBy, selectorColumn, templateColumns, validateSelectorImmutable, validateWorkload } from './workload.js';

const spec = (o: KObject) => o.spec as DeploymentSpec;
const status = (o: KObject) => (o.status ?? {}) as DeploymentStatus;

export function defaultDeployment(s: DeploymentSpec): void {
  s.replicas ??= 1;
  s.revisionHistoryLimit ??= 10;
  s.progressDeadlineSeconds ??= 600;
  s.strategy ??= { type: 'RollingUpdate' };
  s.strategy.type ??= 'RollingUpdate';
  if (s.strategy.type === 'RollingUpdate') {
    s.strategy.rollingUpdate ??= {};
    s.strategy.rollingUpdate.maxSurge ??= '25%';
    s.strategy.rollingUpdate.maxUnavailable ??= '25%';
  }
  if (s.template?.spec) defaultPodSpec(s.template.spec);
}

function replicaSetsText(list: KObject[]): string {
  if (!list.length) return '<none>';
  return list.map((rs) => `${rs.metadata.name} (${(rs.status as { replicas?: number })?.replicas ?? 0}/${(rs.spec as { replicas?: number }).replicas ?? 0} replicas created)`).join(', ');
}

function describeDeployment(o: KObject, ctx: PrintContext): string {
  const d = o as unknown as Deployment & KObject;
  const s = spec(o);
  const st = status(o);
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
  const rss = ownedBy(ctx.cluster.store.list('replicasets', d.metadata.namespace), o);
  const hash = (o.metadata.annotations ?? {})['deployment.kubernetes.io/revision'];
  const current = rss.find((rs) => (rs.metadata.annotations ?? {})['deployment.kubernetes.io/revision'] === hash);
  w.line(0, `OldReplicaSets:\t${replicaSetsText(rss.filter((rs) => rs !== current))}`);
  w.line(0, `NewReplicaSet:\t${replicaSetsText(current ? [current] : [])}`);
  w.events(o, ctx);
  return w.toString();
}

export const deploymentKind: Kind = {
  info: resourceInfo('deployments'),
  defaults(o) {
    // PrepareForCreate starts the status empty; updates keep the one stored.
    o.status ??= {};
    defaultDeployment(spec(o));
  },
  validate: (o) => validateWorkload(o, { restartPolicies: ['Always'], kindWord: 'deployment' }),
  validateUpdate: validateSelectorImmutable,
  columns: [
    { name: 'READY', cell: (o) => `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 0}` },
    { name: 'UP-TO-DATE', cell: (o) => String(status(o).updatedReplicas ?? 0) },
    { name: 'AVAILABLE', cell: (o) => String(status(o).availableReplicas ?? 0) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    ...templateColumns,
    selectorColumn,
  ],
  describe: describeDeployment,
};
