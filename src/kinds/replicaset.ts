// ReplicaSet (apps/v1): defaults, validation, columns.

import type { ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import { resourceInfo } from '../api/scheme.js';
import { age } from '../util/duration.js';
import { defaultPodTemplate } from './podspec.js';
import { selectorColumn, templateColumns, validateSelectorImmutable, validateWorkload } from './workload.js';
import type { Kind } from './kind.js';

export const replicaSetKind: Kind<'replicasets'> = {
  info: resourceInfo('replicasets'),
  defaults(o) {
    // PrepareForCreate starts the status empty (replicas, required in the type, comes with the
    // controller); updates keep the one stored.
    o.status ??= {} as ReplicaSetStatus;
    // A missing spec decodes as an empty one, which validation then reports.
    const s = (o.spec ??= {} as NonNullable<typeof o.spec>);
    s.replicas ??= 1;
    if (s.template) defaultPodTemplate(s.template);
  },
  validate: (o) => validateWorkload(o, { restartPolicies: ['Always'], kindWord: 'replicaset' }),
  validateUpdate: validateSelectorImmutable,
  columns: [
    { name: 'DESIRED', cell: (o) => String(o.spec?.replicas ?? 0) },
    { name: 'CURRENT', cell: (o) => String(o.status?.replicas ?? 0) },
    { name: 'READY', cell: (o) => String(o.status?.readyReplicas ?? 0) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    ...templateColumns,
    selectorColumn,
  ],
};
