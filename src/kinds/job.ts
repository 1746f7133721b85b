// Job (batch/v1): defaults, validation, columns.

import type { JobSpec, JobStatus } from 'kubernetes-types/batch/v1';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { age, humanDuration } from '../util/duration.js';
import { defaultPodSpec } from './podspec.js';
import { selectorColumn, templateColumns, validateWorkload } from './workload.js';
import type { Kind } from './kind.js';

const spec = (o: KObject) => o.spec as JobSpec;
const status = (o: KObject) => (o.status ?? {}) as JobStatus;

export function jobCondition(o: KObject): string {
  const conds = status(o).conditions ?? [];
  for (const t of ['Complete', 'Failed', 'FailureTarget', 'SuccessCriteriaMet', 'Suspended']) {
    if (conds.some((c) => c.type === t && c.status === 'True')) return t;
  }
  return 'Running';
}

export const jobKind: Kind = {
  info: resourceInfo('jobs'),
  defaults(o) {
    // PrepareForCreate starts the status empty; updates keep the one stored.
    o.status ??= {};
    const s = spec(o);
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
    if (s.template?.spec) defaultPodSpec(s.template.spec);
  },
  validate: (o) => validateWorkload(o, { restartPolicies: ['OnFailure', 'Never'], kindWord: 'job' }),
  prepareForUpdate(o, old) {
    spec(o).selector = spec(old).selector;
    spec(o).template = spec(o).template ?? spec(old).template;
  },
  columns: [
    { name: 'STATUS', cell: (o) => jobCondition(o) },
    { name: 'COMPLETIONS', cell: (o) => `${status(o).succeeded ?? 0}/${spec(o).completions ?? 1}` },
    {
      name: 'DURATION',
      cell: (o, c) => {
        const st = status(o);
        if (!st.startTime) return '';
        return humanDuration((st.completionTime ? Date.parse(st.completionTime) : c.now) - Date.parse(st.startTime));
      },
    },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    ...templateColumns,
    selectorColumn,
  ],
};
