// PriorityClass (scheduling.k8s.io/v1): defaults, validation, columns, and the two classes every
// cluster has. The Priority admission plugin that reads them is apiserver/admission.ts.

import { forbidden, unsupported, type FieldError } from '../api/errors.js';
import { resourceInfo } from '../api/scheme.js';
import type { KObject } from '../api/types.js';
import { age } from '../util/duration.js';
import type { Kind } from './kind.js';

/** scheduling.HighestUserDefinablePriority. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
const POLICIES = ['Never', 'PreemptLowerPriority'];

/** The system classes the API server creates (scheduling.SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: { name: string; value: number; description: string }[] = [
  { name: 'system-cluster-critical', value: 2 * HIGHEST_USER_DEFINABLE_PRIORITY, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
  { name: 'system-node-critical', value: 2 * HIGHEST_USER_DEFINABLE_PRIORITY + 1000, description: 'Used for system critical pods that must not be moved from their current node.' },
];

export function systemPriorityClass(c: (typeof SYSTEM_PRIORITY_CLASSES)[number]): KObject {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: c.name }, value: c.value, description: c.description, preemptionPolicy: 'PreemptLowerPriority' };
}

export const priorityClassKind: Kind<'priorityclasses'> = {
  info: resourceInfo('priorityclasses'),
  defaults(o) {
    o.preemptionPolicy ??= 'PreemptLowerPriority';
    // A missing value decodes as 0.
    o.value ??= 0;
  },
  validate(o) {
    const errs: FieldError[] = [];
    const name = o.metadata.name;
    if (name.startsWith('system-')) {
      const known = SYSTEM_PRIORITY_CLASSES.find((c) => c.name === name);
      const why = !known
        ? `${name} is not a known system priority class`
        : known.value !== o.value
          ? `value of ${name} PriorityClass must be ${known.value}`
          : o.globalDefault
            ? `globalDefault of ${name} PriorityClass must be false`
            : '';
      if (why) errs.push(forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`));
    } else if (o.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
      errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
    }
    if (o.preemptionPolicy && !POLICIES.includes(o.preemptionPolicy)) errs.push(unsupported('preemptionPolicy', o.preemptionPolicy, POLICIES));
    return errs;
  },
  validateUpdate(o, old) {
    const errs: FieldError[] = [];
    if (o.value !== old.value) errs.push(forbidden('value', 'may not be changed in an update.'));
    if (o.preemptionPolicy !== old.preemptionPolicy) errs.push(forbidden('preemptionPolicy', 'may not be changed in an update.'));
    return errs;
  },
  columns: [
    { name: 'VALUE', cell: (o) => String(o.value) },
    { name: 'GLOBAL-DEFAULT', cell: (o) => String(!!o.globalDefault) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    { name: 'PREEMPTIONPOLICY', cell: (o) => o.preemptionPolicy ?? '<none>' },
  ],
};
