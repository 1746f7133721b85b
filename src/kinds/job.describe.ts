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
  const owner = o.metadata.ownerReferences?.find((r) => r.controller);
  if (owner) w.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  if (s.parallelism !== undefined) w.line(0, `Parallelism:\t${s.parallelism}`);
  w.line(0, `Completions:\t${s.completions ?? '<unset>'}`);
  if (s.completionMode !== undefined) w.line(0, `Completion Mode:\t${s.completionMode}`);
  if (s.suspend !== undefined) w.line(0, `Suspend:\t${s.suspend}`);
  if (s.backoffLimit !== undefined) w.line(0, `Backoff Limit:\t${s.backoffLimit}`);
  if (s.ttlSecondsAfterFinished !== undefined) w.line(0, `TTL Seconds After Finished:\t${s.ttlSecondsAfterFinished}`);
  if (st.startTime) w.line(0, `Start Time:\t${describeTime(st.startTime)}`);
  if (st.completionTime) w.line(0, `Completed At:\t${describeTime(st.completionTime)}`);
  if (st.startTime && st.completionTime) w.line(0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}`);
  if (s.activeDeadlineSeconds !== undefined) w.line(0, `Active Deadline Seconds:\t${s.activeDeadlineSeconds}s`);
  const ready = st.ready === undefined ? '' : ` (${st.ready} Ready)`;
  w.line(0, `Pods Statuses:\t${st.active ?? 0} Active${ready} / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`);
  if (s.completionMode === 'Indexed') w.line(0, `Completed Indexes:\t${capIndexes(st.completedIndexes ?? '', 50)}`);
  describePodTemplate(w, s.template);
  w.events(o, ctx);
  return w.toString();
};

/** capIndexesListOrNone: the list up to the first comma past softLimit characters, then `...`. */
function capIndexes(indexes: string, softLimit: number): string {
  if (!indexes) return '<none>';
  const comma = indexes.indexOf(',', softLimit);
  return comma < 0 || indexes.length <= softLimit ? indexes : indexes.slice(0, comma + 1) + '...';
}
