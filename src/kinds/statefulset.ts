// StatefulSet (apps/v1): defaults, validation, columns.

import type { StatefulSetStatus } from 'kubernetes-types/apps/v1';
import { resourceInfo } from '../api/scheme.js';
import { age } from '../util/duration.js';
import { defaultPodTemplate } from './podspec.js';
import { templateColumns, validateSelectorImmutable, validateWorkload } from './workload.js';
import type { Kind } from './kind.js';

export const statefulSetKind: Kind<'statefulsets'> = {
  info: resourceInfo('statefulsets'),
  defaults(o) {
    // PrepareForCreate starts the status empty (replicas, required in the type, comes with the
    // controller); updates keep the one stored.
    o.status ??= {} as StatefulSetStatus;
    // A missing spec decodes as an empty one, which validation then reports.
    const s = (o.spec ??= {} as NonNullable<typeof o.spec>);
    s.replicas ??= 1;
    s.podManagementPolicy ??= 'OrderedReady';
    s.revisionHistoryLimit ??= 10;
    s.updateStrategy ??= { type: 'RollingUpdate' };
    if (s.updateStrategy.type === 'RollingUpdate') s.updateStrategy.rollingUpdate ??= { partition: 0 };
    s.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
    if (s.template) defaultPodTemplate(s.template);
  },
  validate: (o) => validateWorkload(o, { restartPolicies: ['Always'], kindWord: 'statefulset' }),
  validateUpdate: validateSelectorImmutable,
  columns: [
    { name: 'READY', cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    ...templateColumns,
  ],
};
