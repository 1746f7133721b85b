// DaemonSet (apps/v1): defaults, validation, columns, describe.

import type { DaemonSetSpec, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { formatLabels, formatLabelSelector } from '../api/labels/index.js';
import { age } from '../printers/duration.js';
import { DescribeWriter } from '../printers/describe.js';
import type { Kind, PrintContext } from './kind.js';
import { defaultPodSpec, describePodTemplate } from './podspec.js';
import { ownedBy, podsStatus, selectorColumn, templateColumns, validateSelectorImmutable, validateWorkload } from './workload.js';

const spec = (o: KObject) => o.spec as DaemonSetSpec;
const status = (o: KObject) => (o.status ?? {}) as DaemonSetStatus;

function describeDaemonSet(o: KObject, ctx: PrintContext): string {
  const s = spec(o);
  const st = status(o);
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Selector:\t${formatLabelSelector(s.selector)}`);
  w.line(0, `Node-Selector:\t${formatLabels(s.template?.spec?.nodeSelector)}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}`);
  w.line(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}`);
  w.line(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}`);
  w.line(0, `Pods Status:\t${podsStatus(ownedBy(ctx.cluster.store.list('pods', o.metadata.namespace), o))}`);
  describePodTemplate(w, s.template);
  w.events(o, ctx);
  return w.toString();
}

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
  describe: describeDaemonSet,
};
