// The cluster-wide and policy objects `kctl create` builds: namespace, quota, priorityclass,
// poddisruptionbudget.

import type { KObject } from '../../../../api/types.js';
import { canonicalQuantity, QuantityError } from '../../../../api/quantity.js';
import { parseSelector, type Selector } from '../../../../api/labels/index.js';
import type { Requirement } from '../../../../api/labels/types.js';
import { CliError } from '../../../errors.js';
import { generatedMeta, goMap } from './meta.js';

export function namespaceObject(name: string): KObject {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: generatedMeta(name, undefined), spec: {}, status: {} };
}

/** --hard=cpu=1,memory=1G: each value a quantity, printed in its canonical form. */
function parseHard(hard: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of hard.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2) throw new CliError(`Invalid argument syntax ${pair}, expected <resource>=<value>`);
    try {
      out[kv[0]] = canonicalQuantity(kv[1]);
    } catch (e) {
      if (e instanceof QuantityError) throw new CliError(e.message);
      throw e;
    }
  }
  return goMap(out);
}

export function resourceQuota(name: string, namespace: string | undefined, o: { hard?: string; scopes?: string }): KObject {
  const scopes = o.scopes ? o.scopes.split(',').map((s) => s.trim()) : [];
  const hard = o.hard ? parseHard(o.hard) : {};
  return {
    kind: 'ResourceQuota',
    apiVersion: 'v1',
    metadata: generatedMeta(name, namespace),
    spec: { ...(Object.keys(hard).length ? { hard } : {}), ...(scopes.length ? { scopes } : {}) },
    status: {},
  };
}

export function priorityClass(name: string, o: { value: number; globalDefault: boolean; description: string; preemptionPolicy: string }): KObject {
  return {
    kind: 'PriorityClass',
    apiVersion: 'scheduling.k8s.io/v1',
    metadata: generatedMeta(name, undefined),
    value: o.value,
    ...(o.globalDefault ? { globalDefault: true } : {}),
    ...(o.description ? { description: o.description } : {}),
    preemptionPolicy: o.preemptionPolicy,
  } as KObject;
}

const OPERATORS: Partial<Record<Requirement['operator'], string>> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };

/** metav1.ParseToLabelSelector: equalities to matchLabels, the set-based rest to matchExpressions. */
export function labelSelector(text: string): Record<string, unknown> {
  const sel: Selector = parseSelector(text);
  // The parsed requirements, sorted by key as labels.Parse leaves them.
  const reqs = (sel as unknown as { requirements: Requirement[] }).requirements ?? [];
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  for (const r of reqs) {
    if (r.operator === '=' || r.operator === '==') {
      matchLabels[r.key] = r.values[0];
      continue;
    }
    const op = OPERATORS[r.operator];
    if (!op) throw new CliError(`${JSON.stringify(r.operator)} is not a valid label selector operator`);
    matchExpressions.push({ key: r.key, operator: op, ...(r.values.length ? { values: [...r.values].sort() } : {}) });
  }
  return { ...(Object.keys(matchLabels).length ? { matchLabels: goMap(matchLabels) } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

/** intstr.Parse: digits are a number, anything else a string (50%). */
const intOrString = (s: string): number | string => (/^[+-]?\d+$/.test(s) && Math.abs(Number(s)) < 2 ** 31 ? Number(s) : s);

export function podDisruptionBudget(name: string, namespace: string | undefined, o: { selector: string; minAvailable?: string; maxUnavailable?: string }): KObject {
  return {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: generatedMeta(name, namespace),
    spec: {
      ...(o.minAvailable ? { minAvailable: intOrString(o.minAvailable) } : {}),
      selector: labelSelector(o.selector),
      ...(o.maxUnavailable ? { maxUnavailable: intOrString(o.maxUnavailable) } : {}),
    },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
}
