// StatefulSet (apps/v1): defaults, validation, columns.

import type { StatefulSetSpec, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { age } from '../util/duration.js';
import { defaultPodSpec } from './podspec.js';
import { templateColumns, validateSelectorImmutable, validateWorkload } from './workload.js';
import type { Kind } from './kind.js';

const spec = (o: KObject) => o.spec as StatefulSetSpec;
const status = (o: KObject) => (o.status ?? {}) as StatefulSetStatus;

export const statefulSetKind: Kind = {
  info: resourceInfo('statefulsets'),
  defaults(o) {
    // PrepareForCreate starts the status empty; updates keep the one stored.
    o.status ??= {};
    const s = spec(o);
    s.replicas ??= 1;
    s.podManagementPolicy ??= 'OrderedReady';
    s.revisionHistoryLimit ??= 10;
    s.updateStrategy ??= { type: 'RollingUpdate' };
    if (s.updateStrategy.type === 'RollingUpdate') s.updateStrategy.rollingUpdate ??= { partition: 0 };
    s.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
    if (s.template?.spec) defaultPodSpec(s.template.spec);
  },
  validate: (o) => validateWorkload(o, { restartPolicies: ['Always'], kindWord: 'statefulset' }),
  validateUpdate: validateSelectorImmutable,
  columns: [
    { name: 'READY', cell: (o) => `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 0}` },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    ...templateColumns,
  ],
};
