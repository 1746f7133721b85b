// ReplicaSet: kubectl describe's layout, the client-side half of ./replicaset.ts.

import { controllerOf } from '../api/types.js';
import { formatLabelSelector } from '../api/labels/index.js';
import { DescribeWriter } from '../printers/describe.js';
import { describePodTemplate } from './podspec.describe.js';
import { describeWorkloadConditions, ownedBy, podsStatus } from './workload.describe.js';
import type { Describer } from './kind.js';

export const describeReplicaSet: Describer<'replicasets'> = (o, ctx) => {
  // Defaulting needs a spec, so a stored ReplicaSet has one.
  const s = o.spec!;
  const st = o.status;
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.line(0, `Selector:\t${formatLabelSelector(s.selector)}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  const ctl = controllerOf(o);
  if (ctl) w.line(0, `Controlled By:\t${ctl.kind}/${ctl.name}`);
  w.line(0, `Replicas:\t${st?.replicas ?? 0} current / ${s.replicas ?? 0} desired`);
  w.line(0, `Pods Status:\t${podsStatus(ownedBy(ctx.cluster.store.list('pods', o.metadata.namespace), o))}`);
  describePodTemplate(w, s.template);
  describeWorkloadConditions(w, st?.conditions);
  w.events(o, ctx);
  return w.toString();
};
