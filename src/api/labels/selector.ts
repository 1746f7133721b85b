// Selectors

import { compareGoStrings, goQuote } from '../../util/goformat.js';
import { goSort } from '../../util/gosort.js';
import { SelectorError, type Operator, type Requirement, type Selector } from './types.js';
import { newRequirement } from './validation.js';

function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value!);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^[+-]?[0-9]+$/.test(value!) || r.values.length !== 1) return false;
      const lv = BigInt(value!);
      const rv = BigInt(r.values[0]);
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

function requirementString(r: Requirement): string {
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort(compareGoStrings).join(',');
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return '!' + r.key;
    case 'in':
      return `${r.key} in (${values})`;
    case 'notin':
      return `${r.key} notin (${values})`;
    case 'gt':
      return `${r.key}>${values}`;
    case 'lt':
      return `${r.key}<${values}`;
    default:
      return r.key + r.operator + values;
  }
}

export class RequirementsSelector implements Selector {
  constructor(private readonly requirements: Requirement[]) {}
  matches(labels: Record<string, string> | undefined): boolean {
    return this.requirements.every((r) => requirementMatches(r, labels ?? {}));
  }
  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
  empty(): boolean {
    return this.requirements.length === 0;
  }
}

/** labels.Nothing(): what a nil LabelSelector converts to. */
const NOTHING: Selector = {
  matches: () => false,
  toString: () => '',
  empty: () => false,
};

/** Sorts by key as the selector's Add and Parse do (Go's sort.Sort, so equal keys keep Go's order). */
export function sortByKey(reqs: Requirement[]): Requirement[] {
  const out = reqs.slice();
  goSort({
    len: () => out.length,
    less: (i, j) => compareGoStrings(out[i].key, out[j].key) < 0,
    swap: (i, j) => ([out[i], out[j]] = [out[j], out[i]]),
  });
  return out;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

const OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector. A missing selector matches nothing and an empty one matches
 * everything: that is what controllers act on (a Deployment's or Job's absent selector selects no
 * pods), unlike a Service's, which selectorFromMap covers. Invalid selectors throw.
 */
export function selectorFromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls === undefined || ls === null) return NOTHING;
  const labels = ls.matchLabels ?? {};
  const exprs = ls.matchExpressions ?? [];
  if (Object.keys(labels).length + exprs.length === 0) return new RequirementsSelector([]);
  const reqs: Requirement[] = [];
  // Go walks matchLabels in random order; sorted keys give the same selector.
  for (const k of Object.keys(labels).sort(compareGoStrings)) reqs.push(newRequirement(k, '=', [labels[k]]));
  for (const e of exprs) {
    const op = OPERATORS[e.operator];
    if (!op) throw new SelectorError(`${goQuote(e.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, e.values === undefined ? undefined : [...e.values]));
  }
  return new RequirementsSelector(sortByKey(reqs));
}

/** labels.SelectorFromSet: a Service-style map, unvalidated; empty selects everything. */
export function selectorFromMap(m: Record<string, string> | undefined): Selector {
  const keys = Object.keys(m ?? {}).sort(compareGoStrings);
  return new RequirementsSelector(keys.map((k) => ({ key: k, operator: '=', values: [m![k]] })));
}

/** metav1.FormatLabelSelector: `<none>` when it selects by nothing, `<error>` when invalid. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  let s: string;
  try {
    s = selectorFromLabelSelector(ls).toString();
  } catch {
    return '<error>';
  }
  return s === '' ? '<none>' : s;
}

/** labels.FormatLabels: sorted `k=v` pairs, `<none>` when there are none. */
export function formatLabels(m?: Record<string, string>): string {
  const s = selectorFromMap(m).toString();
  return s === '' ? '<none>' : s;
}
