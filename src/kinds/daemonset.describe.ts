// DaemonSet: kubectl describe's layout, the client-side half of ./daemonset.ts.

import type { DaemonSetSpec, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { KObject } from '../api/types.js';
import { formatLabels, formatLabelSelector } from '../api/labels/index.js';
import { DescribeWriter } from '../printers/describe.js';
import { describePodTemplate } from './podspec.describe.js';
import { ownedBy, podsStatus } from './workload.describe.js';
import type { PrintContext } from './kind.js';

const spec = (o: KObject) => o.spec as DaemonSetSpec;
const status = (o: KObject) => (o.status ?? {}) as DaemonSetStatus;

export function describeDaemonSet(o: KObject, ctx: PrintContext): string {
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
