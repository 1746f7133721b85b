// ReplicaSet (apps/v1): defaults, validation, columns, describe.

import type { ReplicaSetSpec, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import { resourceInfo } from '../api/scheme.js';
import { controllerOf, type KObject } from '../api/types.js';
import { formatLabelSelector } from '../api/labels/index.js';
import { age } from '../printers/duration.js';
import { DescribeWriter } from '../printers/describe.js';
import type { Kind, PrintContext } from './kind.js';
import { defaultPodSpec, describePodTemplate } from './podspec.js';
import { describeWorkloadConditions, ownedBy, podsStatus, selectorColumn, templateColumns, validateSelectorImmutable, validateWorkload } from './workload.js';

const spec = (o: KObject) => o.spec as ReplicaSetSpec;
const status = (o: KObject) => (o.status ?? {}) as ReplicaSetStatus;

function describeReplicaSet(o: KObject, ctx: PrintContext): string {
  const s = spec(o);
  const st = status(o);
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.line(0, `Selector:\t${formatLabelSelector(s.selector)}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  const ctl = controllerOf(o);
  if (ctl) w.line(0, `Controlled By:\t${ctl.kind}/${ctl.name}`);
  w.line(0, `Replicas:\t${st.replicas ?? 0} current / ${s.replicas ?? 0} desired`);
  w.line(0, `Pods Status:\t${podsStatus(ownedBy(ctx.cluster.store.list('pods', o.metadata.namespace), o))}`);
  describePodTemplate(w, s.template);
  describeWorkloadConditions(w, st.conditions);
  w.events(o, ctx);
  return w.toString();
}

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
  describe: describeReplicaSet,
};
