// DaemonSet: kubectl describe's layout, the client-side half of ./daemonset.ts.

import { formatLabels, formatLabelSelector } from '../api/labels/index.js';
import { DescribeWriter } from '../printers/describe.js';
import { describePodTemplate } from './podspec.describe.js';
import { ownedBy, podsStatus } from './workload.describe.js';
import type { Describer } from './kind.js';

export const describeDaemonSet: Describer<'daemonsets'> = (o, ctx) => {
  // Defaulting needs a spec, so a stored DaemonSet has one.
  const s = o.spec!;
  const st = o.status;
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Selector:\t${formatLabelSelector(s.selector)}`);
  w.line(0, `Node-Selector:\t${formatLabels(s.template?.spec?.nodeSelector)}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}`);
  w.line(0, `Current Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}`);
  w.line(0, `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}`);
  w.line(0, `Pods Status:\t${podsStatus(ownedBy(ctx.cluster.store.list('pods', o.metadata.namespace), o))}`);
  describePodTemplate(w, s.template);
  w.events(o, ctx);
  return w.toString();
};
