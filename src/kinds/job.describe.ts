// Job: kubectl describe's layout, the client-side half of ./job.ts.

import type { JobStatus } from 'kubernetes-types/batch/v1';
import { formatLabelSelector } from '../api/labels/index.js';
import { humanDuration } from '../util/duration.js';
import { describeTime, DescribeWriter } from '../printers/describe.js';
import { describePodTemplate } from './podspec.describe.js';
import type { Describer } from './kind.js';

export const describeJob: Describer<'jobs'> = (o, ctx) => {
  // Defaulting needs a spec, so a stored Job has one.
  const s = o.spec!;
  const st: JobStatus = o.status ?? {};
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.line(0, `Selector:\t${formatLabelSelector(s.selector)}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `Parallelism:\t${s.parallelism}`);
  w.line(0, `Completions:\t${s.completions ?? '<unset>'}`);
  w.line(0, `Completion Mode:\t${s.completionMode}`);
  w.line(0, `Suspend:\t${s.suspend}`);
  w.line(0, `Backoff Limit:\t${s.backoffLimit}`);
  if (st.startTime) w.line(0, `Start Time:\t${describeTime(st.startTime)}`);
  if (st.completionTime) {
    w.line(0, `Completed At:\t${describeTime(st.completionTime)}`);
    w.line(0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime ?? st.completionTime))}`);
  }
  w.line(0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready ?? 0} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`);
  describePodTemplate(w, s.template);
  w.events(o, ctx);
  return w.toString();
};
