// DaemonSet (apps/v1): defaults, validation, columns.

import type { DaemonSetStatus } from 'kubernetes-types/apps/v1';
import { resourceInfo } from '../api/scheme.js';
import { formatLabels } from '../api/labels/index.js';
import { age } from '../util/duration.js';
import { defaultPodTemplate } from './podspec.js';
import { selectorColumn, templateColumns, validateSelectorImmutable, validateWorkload } from './workload.js';
import type { Kind } from './kind.js';

export const daemonSetKind: Kind<'daemonsets'> = {
  info: resourceInfo('daemonsets'),
  defaults(o) {
    // PrepareForCreate starts the status empty (the counters the type requires come with the
    // controller); updates keep the one stored.
    o.status ??= {} as DaemonSetStatus;
    // A missing spec decodes as an empty one, which validation then reports.
    const s = (o.spec ??= {} as NonNullable<typeof o.spec>);
    s.revisionHistoryLimit ??= 10;
    s.updateStrategy ??= { type: 'RollingUpdate' };
    if (s.updateStrategy.type === 'RollingUpdate') s.updateStrategy.rollingUpdate ??= { maxSurge: 0, maxUnavailable: 1 };
    if (s.template) defaultPodTemplate(s.template);
  },
  validate: (o) => validateWorkload(o, { restartPolicies: ['Always'], kindWord: 'daemonset' }),
  validateUpdate: validateSelectorImmutable,
  columns: [
    { name: 'DESIRED', cell: (o) => String(o.status?.desiredNumberScheduled ?? 0) },
    { name: 'CURRENT', cell: (o) => String(o.status?.currentNumberScheduled ?? 0) },
    { name: 'READY', cell: (o) => String(o.status?.numberReady ?? 0) },
    { name: 'UP-TO-DATE', cell: (o) => String(o.status?.updatedNumberScheduled ?? 0) },
    { name: 'AVAILABLE', cell: (o) => String(o.status?.numberAvailable ?? 0) },
    { name: 'NODE SELECTOR', cell: (o) => formatLabels(o.spec?.template?.spec?.nodeSelector) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    ...templateColumns,
    selectorColumn,
  ],
};
