// Job (batch/v1): defaults, validation, columns.

import { resourceInfo } from '../api/scheme.js';
import type { ObjectOf } from '../api/types.js';
import { age, humanDuration } from '../util/duration.js';
import { defaultPodTemplate } from './podspec.js';
import { selectorColumn, templateColumns, validateWorkload } from './workload.js';
import type { Kind } from './kind.js';

export function jobCondition(o: ObjectOf<'jobs'>): string {
  const conds = o.status?.conditions ?? [];
  for (const t of ['Complete', 'Failed', 'FailureTarget', 'SuccessCriteriaMet', 'Suspended']) {
    if (conds.some((c) => c.type === t && c.status === 'True')) return t;
  }
  return 'Running';
}

export const jobKind: Kind<'jobs'> = {
  info: resourceInfo('jobs'),
  defaults(o) {
    // PrepareForCreate starts the status empty; updates keep the one stored.
    o.status ??= {};
    // A missing spec decodes as an empty one, which validation then reports.
    const s = (o.spec ??= {} as NonNullable<typeof o.spec>);
    s.parallelism ??= 1;
    s.completions ??= s.parallelism === 1 ? 1 : undefined;
    s.backoffLimit ??= 6;
    s.completionMode ??= 'NonIndexed';
    s.suspend ??= false;
    s.podReplacementPolicy ??= 'TerminatingOrFailed';
    if (!s.manualSelector && s.template) {
      const uid = o.metadata.uid!;
      const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': o.metadata.name, 'controller-uid': uid, 'job-name': o.metadata.name };
      s.selector ??= { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      s.template.metadata = { ...s.template.metadata, labels: { ...labels, ...s.template.metadata?.labels } };
    }
    if (s.template) defaultPodTemplate(s.template);
  },
  validate: (o) => validateWorkload(o, { restartPolicies: ['OnFailure', 'Never'], kindWord: 'job' }),
  prepareForUpdate(o, old) {
    // Both went through defaulting, which needs a spec.
    const s = o.spec!;
    s.selector = old.spec!.selector;
    s.template = s.template ?? old.spec!.template;
  },
  columns: [
    { name: 'STATUS', cell: (o) => jobCondition(o) },
    { name: 'COMPLETIONS', cell: (o) => `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}` },
    {
      name: 'DURATION',
      cell: (o, c) => {
        const st = o.status ?? {};
        if (!st.startTime) return '';
        return humanDuration((st.completionTime ? Date.parse(st.completionTime) : c.now) - Date.parse(st.startTime));
      },
    },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    ...templateColumns,
    selectorColumn,
  ],
};
