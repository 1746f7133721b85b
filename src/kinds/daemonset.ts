// DaemonSet (apps/v1): defaults, validation, columns.

import type { DaemonSetSpec, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { formatLabels } from '../api/labels/index.js';
import { age } from '../util/duration.js';
import { defaultPodSpec } from './podspec.js';
import { selectorColumn, templateColumns, validateSelectorImmutable, validateWorkload } from './workload.js';
import type { Kind } from './kind.js';

const spec = (o: KObject) => o.spec as DaemonSetSpec;
const status = (o: KObject) => (o.status ?? {}) as DaemonSetStatus;

export const daemonSetKind: Kind = {
  info: resourceInfo('daemonsets'),
  defaults(o) {
    // PrepareForCreate starts the status empty; updates keep the one stored.
    o.status ??= {};
    const s = spec(o);
    s.revisionHistoryLimit ??= 10;
    s.updateStrategy ??= { type: 'RollingUpdate' };
    if (s.updateStrategy.type === 'RollingUpdate') s.updateStrategy.rollingUpdate ??= { maxSurge: 0, maxUnavailable: 1 };
    if (s.template?.spec) defaultPodSpec(s.template.spec);
  },
  validate: (o) => validateWorkload(o, { restartPolicies: ['Always'], kindWord: 'daemonset' }),
  validateUpdate: validateSelectorImmutable,
  columns: [
    { name: 'DESIRED', cell: (o) => String(status(o).desiredNumberScheduled ?? 0) },
    { name: 'CURRENT', cell: (o) => String(status(o).currentNumberScheduled ?? 0) },
    { name: 'READY', cell: (o) => String(status(o).numberReady ?? 0) },
    { name: 'UP-TO-DATE', cell: (o) => String(status(o).updatedNumberScheduled ?? 0) },
    { name: 'AVAILABLE', cell: (o) => String(status(o).numberAvailable ?? 0) },
    { name: 'NODE SELECTOR', cell: (o) => formatLabels(spec(o).template?.spec?.nodeSelector) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    ...templateColumns,
    selectorColumn,
  ],
};
