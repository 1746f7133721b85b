// CronJob: kubectl describe's layout, the client-side half of ./index.ts.

import { formatLabelSelector } from '../../api/labels/index.js';
import { describeTime, DescribeWriter } from '../../printers/describe.js';
import type { Describer } from '../kind.js';
import { describePodTemplate } from '../podspec.describe.js';

const orUnset = (v: number | boolean | undefined, unit = '') => (v === undefined ? '<unset>' : `${v}${unit}`);

export const describeCronJob: Describer<'cronjobs'> = (o, ctx) => {
  const s = o.spec!;
  const js = s.jobTemplate.spec;
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `Schedule:\t${s.schedule}`);
  w.line(0, `Concurrency Policy:\t${s.concurrencyPolicy ?? ''}`);
  w.line(0, `Suspend:\t${s.suspend === undefined ? '<unset>' : s.suspend ? 'True' : 'False'}`);
  w.line(0, `Successful Job History Limit:\t${orUnset(s.successfulJobsHistoryLimit)}`);
  w.line(0, `Failed Job History Limit:\t${orUnset(s.failedJobsHistoryLimit)}`);
  w.line(0, `Starting Deadline Seconds:\t${orUnset(s.startingDeadlineSeconds, 's')}`);
  w.line(0, `Selector:\t${js?.selector ? formatLabelSelector(js.selector) : '<unset>'}`);
  w.line(0, `Parallelism:\t${orUnset(js?.parallelism)}`);
  w.line(0, `Completions:\t${orUnset(js?.completions)}`);
  if (js?.activeDeadlineSeconds !== undefined) w.line(0, `Active Deadline Seconds:\t${js.activeDeadlineSeconds}s`);
  describePodTemplate(w, js?.template);
  const last = o.status?.lastScheduleTime;
  w.line(0, `Last Schedule Time:\t${last ? describeTime(last) : '<unset>'}`);
  const active = o.status?.active ?? [];
  w.line(0, `Active Jobs:\t${active.length ? active.map((j) => j.name).join(', ') : '<none>'}`);
  w.events(o, ctx);
  return w.toString();
};
