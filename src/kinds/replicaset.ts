// ReplicaSet (apps/v1): defaults, validation, columns.

import type { ReplicaSetSpec, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import { resourceInfo } from '../api/scheme.js';
import { type KObject } from '../api/types.js';
import { age } from '../util/duration.js';
import { defaultPodSpec } from './podspec.js';
import { selectorColumn, templateColumns, validateSelectorImmutable, validateWorkload } from './workload.js';
import type { Kind } from './kind.js';

const spec = (o: KObject) => o.spec as ReplicaSetSpec;
const status = (o: KObject) => (o.status ?? {}) as ReplicaSetStatus;

export const replicaSetKind: Kind = {
  info: resourceInfo('replicasets'),
  defaults(o) {
    // PrepareForCreate starts the status empty; updates keep the one stored.
    o.status ??= {};
    const s = spec(o);
    s.replicas ??= 1;
    if (s.template?.spec) defaultPodSpec(s.template.spec);
  },
  validate: (o) => validateWorkload(o, { restartPolicies: ['Always'], kindWord: 'replicaset' }),
  validateUpdate: validateSelectorImmutable,
  columns: [
    { name: 'DESIRED', cell: (o) => String(spec(o).replicas ?? 0) },
    { name: 'CURRENT', cell: (o) => String(status(o).replicas ?? 0) },
    { name: 'READY', cell: (o) => String(status(o).readyReplicas ?? 0) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    ...templateColumns,
    selectorColumn,
  ],
};
