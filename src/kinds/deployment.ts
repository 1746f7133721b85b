// Deployment (apps/v1): defaults, validation, columns.

import type { DeploymentSpec } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../api/scheme.js';
import type { ObjectOf } from '../api/types.js';
import { age } from '../util/duration.js';
import { clone, deepEqual } from '../util/objects.js';
import { defaultPodTemplate } from './podspec.js';
import { selectorColumn, templateColumns, validateSelectorImmutable, validateWorkload } from './workload.js';
import type { Kind } from './kind.js';

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
  if (s.template) defaultPodTemplate(s.template);
}

/**
 * Whether a ReplicaSet is its Deployment's new one: its template is the Deployment's, but for the
 * pod-template-hash label (deploymentutil.EqualIgnoreHash).
 */
export function isNewReplicaSet(rs: ObjectOf<'replicasets'>, template: PodTemplateSpec | undefined): boolean {
  const t = rs.spec?.template && clone(rs.spec.template);
  if (t?.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return deepEqual(t, template);
}

export const deploymentKind: Kind<'deployments'> = {
  info: resourceInfo('deployments'),
  defaults(o) {
    // PrepareForCreate starts the status empty; updates keep the one stored.
    o.status ??= {};
    // A missing spec decodes as an empty one, which validation then reports.
    defaultDeployment((o.spec ??= {} as NonNullable<typeof o.spec>));
  },
  validate: (o) => validateWorkload(o, { restartPolicies: ['Always'], kindWord: 'deployment' }),
  validateUpdate: validateSelectorImmutable,
  columns: [
    { name: 'READY', cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` },
    { name: 'UP-TO-DATE', cell: (o) => String(o.status?.updatedReplicas ?? 0) },
    { name: 'AVAILABLE', cell: (o) => String(o.status?.availableReplicas ?? 0) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    ...templateColumns,
    selectorColumn,
  ],
};
