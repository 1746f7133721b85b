// PodDisruptionBudget (policy/v1): validation and columns. Its status is the disruption
// controller's (controllers/disruption.ts), which also answers evictions.

import { invalid, unsupported, type FieldError } from '../../api/errors.js';
import { resourceInfo } from '../../api/scheme.js';
import { age } from '../../util/duration.js';
import type { Kind } from '../kind.js';

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent. */
function intOrPercent(field: string, v: number | string): FieldError[] {
  if (typeof v === 'number') return v < 0 ? [invalid(field, v, 'must be greater than or equal to 0')] : [];
  const m = /^([0-9]+)%$/.exec(v);
  if (!m) return [invalid(field, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  return Number(m[1]) > 100 ? [invalid(field, v, 'must not be greater than 100%')] : [];
}

export const podDisruptionBudgetKind: Kind<'poddisruptionbudgets'> = {
  info: resourceInfo('poddisruptionbudgets'),
  defaults(o) {
    o.spec ??= {};
  },
  prepareForCreate(o) {
    o.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  validate(o) {
    const s = o.spec!;
    const errs: FieldError[] = [];
    if (s.minAvailable !== undefined && s.maxUnavailable !== undefined) {
      errs.push({ type: 'Invalid value', field: 'spec', value: 'policy.PodDisruptionBudgetSpec{...}', detail: 'minAvailable and maxUnavailable cannot be both set' });
    }
    if (s.minAvailable !== undefined) errs.push(...intOrPercent('spec.minAvailable', s.minAvailable));
    if (s.maxUnavailable !== undefined) errs.push(...intOrPercent('spec.maxUnavailable', s.maxUnavailable));
    if (s.unhealthyPodEvictionPolicy !== undefined && !EVICTION_POLICIES.includes(s.unhealthyPodEvictionPolicy)) {
      errs.push(unsupported('spec.unhealthyPodEvictionPolicy', s.unhealthyPodEvictionPolicy, EVICTION_POLICIES));
    }
    return errs;
  },
  columns: [
    { name: 'MIN AVAILABLE', cell: (o) => (o.spec?.minAvailable === undefined ? 'N/A' : String(o.spec.minAvailable)) },
    { name: 'MAX UNAVAILABLE', cell: (o) => (o.spec?.maxUnavailable === undefined ? 'N/A' : String(o.spec.maxUnavailable)) },
    { name: 'ALLOWED DISRUPTIONS', cell: (o) => String(o.status?.disruptionsAllowed ?? 0) },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
