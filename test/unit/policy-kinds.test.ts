// The pure parts of the later chapters' kinds: cron schedules as robfig/cron reads them, and the
// disruption budget decision the eviction subresource asks for.

import { describe, expect, it } from 'vitest';
import type { ObjectOf, PodObject } from '../../src/api/types.js';
import { budgetDecision } from '../../src/apiserver/eviction.js';
import { parseSchedule, type Schedule } from '../../src/kinds/cronjob/schedule.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function times(spec: string, from: string, n: number, zone?: string): (string | undefined)[] {
  const s = parseSchedule(spec, zone) as Schedule;
  expect(typeof s).toBe('object');
  const out: (string | undefined)[] = [];
  let t: number | undefined = Date.parse(from);
  for (let i = 0; i < n && t !== undefined; i++) out.push(iso((t = s.next(t))));
  return out;
}

describe('cron schedules', () => {
  it('finds the next activations of fields, ranges, steps, names and descriptors', () => {
    expect(times('*/15 9-10 * * mon-fri', '2025-01-03T10:40:00Z', 3)).toEqual(['2025-01-03T10:45:00.000Z', '2025-01-06T09:00:00.000Z', '2025-01-06T09:15:00.000Z']);
    expect(times('0 0 1,15 * *', '2025-02-14T12:00:00Z', 2)).toEqual(['2025-02-15T00:00:00.000Z', '2025-03-01T00:00:00.000Z']);
    expect(times('@monthly', '2024-02-29T00:00:00Z', 2)).toEqual(['2024-03-01T00:00:00.000Z', '2024-04-01T00:00:00.000Z']);
    expect(times('@every 90s', '2025-01-01T00:00:10.500Z', 2)).toEqual(['2025-01-01T00:01:40.000Z', '2025-01-01T00:03:10.000Z']);
    // Day of month and day of week both restricted: either matches.
    expect(times('0 12 10 * 5', '2025-06-01T00:00:00Z', 3)).toEqual(['2025-06-06T12:00:00.000Z', '2025-06-10T12:00:00.000Z', '2025-06-13T12:00:00.000Z']);
    // A schedule in a zone: 09:00 in Tokyo is 00:00 UTC.
    expect(times('0 9 * * *', '2025-01-01T01:00:00Z', 1, 'Asia/Tokyo')).toEqual(['2025-01-02T00:00:00.000Z']);
    // February 30th never comes.
    expect(times('0 0 30 2 *', '2025-01-01T00:00:00Z', 1)).toEqual([undefined]);
  });

  it('refuses what the parser refuses, in its words', () => {
    expect(parseSchedule('* * * *')).toBe('expected exactly 5 fields, found 4: [* * * *]');
    expect(parseSchedule('60 * * * *')).toBe('end of range (60) above maximum (59): 60');
    expect(parseSchedule('* * 0 * *')).toBe('beginning of range (0) below minimum (1): 0');
    expect(parseSchedule('5-1 * * * *')).toBe('beginning of range (5) beyond end of range (1): 5-1');
    expect(parseSchedule('*/0 * * * *')).toBe('step of range should be a positive number: */0');
    expect(parseSchedule('x * * * *')).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(parseSchedule('@fortnightly')).toBe('unrecognized descriptor: @fortnightly');
    expect(parseSchedule('')).toBe('empty spec string');
  });
});

const pod = (name: string, labels: Record<string, string>, ready: boolean): PodObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels },
  spec: { containers: [] },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

const budget = (name: string, status: Partial<NonNullable<ObjectOf<'poddisruptionbudgets'>['status']>>): ObjectOf<'poddisruptionbudgets'> => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name, namespace: 'default', generation: 1 },
  spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
  status: { observedGeneration: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1, ...status },
});

describe('the eviction subresource asks the budget', () => {
  const web = pod('web-1', { app: 'web' }, true);

  it('allows a pod no budget covers, and one a budget has room for', () => {
    expect(budgetDecision(pod('other', { app: 'db' }, true), [budget('b', {})])).toEqual({ allowed: true });
    const d = budgetDecision(web, [budget('b', {})]);
    expect(d.allowed && d.budget?.metadata.name).toBe('b');
  });

  it('refuses with 429 when no disruption is left, and with 500 for two budgets', () => {
    const d = budgetDecision(web, [budget('b', { disruptionsAllowed: 0, currentHealthy: 2 })]);
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect([d.error.code, d.error.message]).toEqual([429, "Cannot evict pod as it would violate the pod's disruption budget."]);
    expect(d.error.details?.serverCauses).toEqual([{ reason: 'DisruptionBudget', message: 'The disruption budget b needs 2 healthy pods and has 2 currently' }]);
    const two = budgetDecision(web, [budget('a', {}), budget('b', {})]);
    expect(!two.allowed && [two.error.code, two.error.message]).toEqual([500, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.']);
  });

  it('lets an unhealthy pod go while the budget is healthy enough', () => {
    expect(budgetDecision(pod('web-2', { app: 'web' }, false), [budget('b', { disruptionsAllowed: 0, currentHealthy: 2 })])).toEqual({ allowed: true });
  });
});
