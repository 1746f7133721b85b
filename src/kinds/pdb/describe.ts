// PodDisruptionBudget: kubectl describe's layout, the client-side half of ./index.ts.

import { formatLabelSelector } from '../../api/labels/index.js';
import { DescribeWriter } from '../../printers/describe.js';
import type { Describer } from '../kind.js';

export const describePodDisruptionBudget: Describer<'poddisruptionbudgets'> = (o, ctx) => {
  const s = o.spec ?? {};
  const st = o.status;
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  if (s.minAvailable !== undefined) w.line(0, `Min available:\t${s.minAvailable}`);
  else if (s.maxUnavailable !== undefined) w.line(0, `Max unavailable:\t${s.maxUnavailable}`);
  // A selector that selects nothing or everything prints as an empty one.
  const sel = s.selector && (Object.keys(s.selector.matchLabels ?? {}).length || s.selector.matchExpressions?.length) ? formatLabelSelector(s.selector) : '';
  w.line(0, `Selector:\t${sel}`);
  w.line(0, 'Status:');
  w.line(2, `Allowed disruptions:\t${st?.disruptionsAllowed ?? 0}`);
  w.line(2, `Current:\t${st?.currentHealthy ?? 0}`);
  w.line(2, `Desired:\t${st?.desiredHealthy ?? 0}`);
  w.line(2, `Total:\t${st?.expectedPods ?? 0}`);
  w.events(o, ctx);
  return w.toString();
};
