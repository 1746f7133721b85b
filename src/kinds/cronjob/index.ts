// CronJob (batch/v1): defaults, validation, columns. The schedule's parser is ./schedule.ts; the
// controller that runs it, controllers/cronjob.ts.

import type { JobSpec } from 'kubernetes-types/batch/v1';
import { invalid, required, unsupported, type FieldError } from '../../api/errors.js';
import { formatLabelSelector } from '../../api/labels/index.js';
import { resourceInfo } from '../../api/scheme.js';
import { age } from '../../util/duration.js';
import type { Kind } from '../kind.js';
import { defaultPodTemplate, validatePodTemplate } from '../podspec.js';
import { goLabelSelector } from '../workload.js';
import { knownZone, parseSchedule } from './schedule.js';

const POLICIES = ['Allow', 'Forbid', 'Replace'];

function nonNegative(field: string, v: number | undefined): FieldError[] {
  return v !== undefined && v < 0 ? [invalid(field, v, 'must be greater than or equal to 0')] : [];
}

function validateSchedule(schedule: string, timeZone: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (!schedule) return [required('spec.schedule', '')];
  const parsed = parseSchedule(schedule);
  if (typeof parsed === 'string') errs.push(invalid('spec.schedule', schedule, parsed));
  if (schedule.includes('TZ')) errs.push(invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  if (timeZone !== undefined) {
    if (timeZone.toLowerCase() === 'local') errs.push(invalid('spec.timeZone', timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
    else if (!knownZone(timeZone) || timeZone === '') errs.push(invalid('spec.timeZone', timeZone, `unknown time zone ${timeZone}`));
  }
  return errs;
}

export const cronJobKind: Kind<'cronjobs'> = {
  info: resourceInfo('cronjobs'),
  defaults(o) {
    o.status ??= {};
    // A missing spec decodes as an empty one, which validation then reports.
    const s = (o.spec ??= {} as NonNullable<typeof o.spec>);
    s.concurrencyPolicy ??= 'Allow';
    s.suspend ??= false;
    s.successfulJobsHistoryLimit ??= 3;
    s.failedJobsHistoryLimit ??= 1;
    s.jobTemplate ??= {};
    const t = s.jobTemplate.spec?.template;
    if (t) defaultPodTemplate(t);
  },
  validate(o) {
    const s = o.spec!;
    const errs: FieldError[] = [];
    // The name goes into its Jobs' names and their pods' labels, with a suffix of 11 characters.
    if (o.metadata.name.length > 52) errs.push(invalid('metadata.name', o.metadata.name, 'must be no more than 52 characters'));
    errs.push(...validateSchedule(s.schedule ?? '', s.timeZone));
    errs.push(...nonNegative('spec.startingDeadlineSeconds', s.startingDeadlineSeconds));
    if (!s.concurrencyPolicy) errs.push(required('spec.concurrencyPolicy', ''));
    else if (!POLICIES.includes(s.concurrencyPolicy)) errs.push(unsupported('spec.concurrencyPolicy', s.concurrencyPolicy, POLICIES));
    const js: Partial<JobSpec> = s.jobTemplate.spec ?? {};
    const f = 'spec.jobTemplate.spec';
    for (const k of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished'] as const) errs.push(...nonNegative(`${f}.${k}`, js[k]));
    if (js.activeDeadlineSeconds === 0) errs.push(invalid(`${f}.activeDeadlineSeconds`, 0, 'must be greater than 0'));
    errs.push(...validatePodTemplate(js.template, `${f}.template`));
    const rp = js.template?.spec?.restartPolicy;
    if (js.template && rp !== 'OnFailure' && rp !== 'Never') errs.push(unsupported(`${f}.template.spec.restartPolicy`, rp ?? '', ['OnFailure', 'Never']));
    if (js.selector) errs.push({ type: 'Invalid value', field: `${f}.selector`, value: goLabelSelector(js.selector), detail: '`selector` will be auto-generated' });
    if (js.manualSelector) errs.push(unsupported(`${f}.manualSelector`, true, ['nil', 'false']));
    errs.push(...nonNegative('spec.successfulJobsHistoryLimit', s.successfulJobsHistoryLimit));
    errs.push(...nonNegative('spec.failedJobsHistoryLimit', s.failedJobsHistoryLimit));
    return errs;
  },
  columns: [
    { name: 'SCHEDULE', cell: (o) => o.spec?.schedule ?? '' },
    { name: 'TIMEZONE', cell: (o) => o.spec?.timeZone ?? '<none>' },
    { name: 'SUSPEND', cell: (o) => (o.spec?.suspend === undefined ? '<unset>' : o.spec.suspend ? 'True' : 'False') },
    { name: 'ACTIVE', cell: (o) => String(o.status?.active?.length ?? 0) },
    { name: 'LAST SCHEDULE', cell: (o, c) => (o.status?.lastScheduleTime ? age(o.status.lastScheduleTime, c.now) : '<none>') },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    { name: 'CONTAINERS', priority: 1, cell: (o) => (o.spec?.jobTemplate.spec?.template.spec?.containers ?? []).map((c) => c.name).join(',') },
    { name: 'IMAGES', priority: 1, cell: (o) => (o.spec?.jobTemplate.spec?.template.spec?.containers ?? []).map((c) => c.image).join(',') },
    { name: 'SELECTOR', priority: 1, cell: (o) => formatLabelSelector(o.spec?.jobTemplate.spec?.selector) },
  ],
};
