// Deployment (apps/v1): defaults, validation, columns.

import type { DeploymentSpec, DeploymentStatus } from 'kubernetes-types/apps/v1';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { age } from '../util/duration.js';
import { defaultPodSpec } from './podspec.js';
import { selectorColumn, templateColumns, validateSelectorImmutable, validateWorkload } from './workload.js';
import type { Kind } from './kind.js';

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
};
