import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuantityNanos } from '../../src/api/quantity.js';
import { SortError, sortByJsonPath } from '../../src/printers/sort.js';
import { goSort } from '../../src/util/gosort.js';
import { assertProperty } from '../helpers/seed.js';

type Obj = { metadata: { name: string; creationTimestamp?: string; labels?: Record<string, string> }; status: any };

// Thirty pods; every fifth from the fourth on has no container status. Expected orders are what
// `kubectl get pods --sort-by=... -o custom-columns=N:.metadata.name` (v1.32) printed for them.
const pods: Obj[] = Array.from({ length: 30 }, (_, i) => {
  const p: Obj = {
    metadata: {
      name: `pod-${String(i).padStart(2, '0')}`,
      creationTimestamp: `2024-01-${String(1 + ((i * 7) % 28)).padStart(2, '0')}T${String((i * 5) % 24).padStart(2, '0')}:00:00Z`,
    },
    status: {},
  };
  if (i % 5 !== 3) p.status.containerStatuses = [{ name: 'c', restartCount: (i * i) % 3, ready: i % 2 === 0 }];
  return p;
});

const names = (objs: Obj[]) => objs.map((o) => o.metadata.name).join(' ');

describe('sortByJsonPath matches kubectl v1.32', () => {
  it('orders ties and missing values as Go sort.Sort leaves them', () => {
    expect(names(sortByJsonPath(pods, '.status.containerStatuses[0].restartCount'))).toBe(
      'pod-23 pod-18 pod-03 pod-13 pod-28 pod-08 pod-06 pod-00 pod-15 pod-09 pod-21 pod-24 pod-12 pod-27 pod-07 ' +
        'pod-10 pod-16 pod-17 pod-11 pod-19 pod-20 pod-14 pod-22 pod-05 pod-04 pod-25 pod-26 pod-02 pod-01 pod-29',
    );
  });
  it('orders RFC 3339 timestamps by time', () => {
    expect(names(sortByJsonPath(pods, '.metadata.creationTimestamp'))).toBe(
      'pod-24 pod-00 pod-20 pod-16 pod-12 pod-08 pod-04 pod-28 pod-29 pod-05 pod-25 pod-01 pod-21 pod-17 pod-13 ' +
        'pod-09 pod-10 pod-06 pod-26 pod-02 pod-22 pod-18 pod-14 pod-15 pod-11 pod-07 pod-27 pod-03 pod-23 pod-19',
    );
  });
  it('accepts the braced form', () => {
    expect(names(sortByJsonPath(pods.slice().reverse(), '{.metadata.name}'))).toBe(names(pods));
  });
  it('compares quantities by value and other strings bytewise', () => {
    const vals = ['100m', '0.1', '1', '250m', '2', '1500m', 'a10', 'a9', 'a010', 'B', '10', '9', '1Ki', '1000', 'e5', '-', ''];
    const objs = vals.map((v, i) => ({ metadata: { name: `p${i}-${v}`, labels: { v } }, status: {} }));
    expect(names(sortByJsonPath(objs, '.metadata.labels.v'))).toBe(
      'p16- p15-- p14-e5 p0-100m p1-0.1 p3-250m p2-1 p5-1500m p4-2 p11-9 p10-10 p13-1000 p12-1Ki p9-B p8-a010 p6-a10 p7-a9',
    );
  });
  it('puts objects without the field first, in reverse order for short lists', () => {
    const objs: Obj[] = [0, 1, 2, 3, 4].map((i) => ({ metadata: { name: `m${i}`, labels: (i === 2 ? { v: 'x' } : {}) as Record<string, string> }, status: {} }));
    expect(names(sortByJsonPath(objs, '.metadata.labels.v'))).toBe('m4 m3 m1 m0 m2');
  });
});

describe('errors', () => {
  it('when no object has the field', () => {
    expect(() => sortByJsonPath(pods, '.nope')).toThrow('couldn\'t find any field with path "{.nope}" in the list of objects');
  });
  it('for values kubectl cannot order', () => {
    const check = (expr: string, message: string) => {
      let err: unknown;
      try {
        sortByJsonPath(pods, expr);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SortError);
      expect((err as Error).message).toBe(message);
    };
    check(
      '.status.containerStatuses[0].ready',
      'Field {.status.containerStatuses[0].ready} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: bool',
    );
    check(
      '.status',
      'Field {.status} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: map[string]interface {}',
    );
    const mixed = [{ v: 1 }, { v: 1.5 }];
    expect(() => sortByJsonPath(mixed, '.v')).toThrow('err: unsortable interface: interface');
  });
  it('for expressions kubectl cannot relax or parse', () => {
    expect(() => sortByJsonPath(pods, '{.a}{.b}')).toThrow('unexpected path string');
    expect(() => sortByJsonPath(pods, '.a[')).toThrow('unterminated array');
    expect(() => sortByJsonPath([{ a: [1] }, { a: [1] }], '.a[3]')).toThrow('array index out of bounds: index 3, length 1');
  });
  it('never for zero or one object', () => {
    expect(sortByJsonPath([], '.nope')).toEqual([]);
    expect(sortByJsonPath([{ a: 1 }], '{.a}{.b}')).toEqual([{ a: 1 }]);
  });
});

describe('values', () => {
  it('sorts JSON null before everything and numbers numerically', () => {
    const objs = [{ v: 10 }, { v: null }, { v: 9 }, { v: -1 }];
    expect(sortByJsonPath(objs, 'v').map((o) => o.v)).toEqual([null, -1, 9, 10]);
    expect(sortByJsonPath([{ v: 2.5 }, { v: 0.5 }], 'v').map((o) => o.v)).toEqual([0.5, 2.5]);
  });
  it('does not change its input', () => {
    const input = [{ v: 2 }, { v: 1 }];
    sortByJsonPath(input, 'v');
    expect(input).toEqual([{ v: 2 }, { v: 1 }]);
  });
  it('parses quantities as resource.Quantity does', () => {
    expect(parseQuantityNanos('100m')).toBe(100_000_000n);
    expect(parseQuantityNanos('1Ki')).toBe(1024n * 10n ** 9n);
    expect(parseQuantityNanos('1.5Gi')).toBe(1610612736n * 10n ** 9n);
    expect(parseQuantityNanos('1e3')).toBe(1000n * 10n ** 9n);
    expect(parseQuantityNanos('-2')).toBe(-2n * 10n ** 9n);
    expect(parseQuantityNanos('1n')).toBe(1n);
    expect(parseQuantityNanos('0.1n')).toBe(1n);
    expect(parseQuantityNanos('1e40')).toBe((2n ** 63n - 1n) * 10n ** 9n);
    for (const bad of ['', 'abc', '1K', '1.2.3', '10.1.0.5', '1e', 'db-0', '5 ']) expect(parseQuantityNanos(bad)).toBeUndefined();
  });
});

describe('properties', () => {
  it('goSort orders any list of numbers', () => {
    assertProperty(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 200 }), (xs) => {
        const a = xs.slice();
        goSort({ len: () => a.length, less: (i, j) => a[i] < a[j], swap: (i, j) => ([a[i], a[j]] = [a[j], a[i]]) });
        expect(a).toEqual(xs.slice().sort((x, y) => x - y));
      }),
    );
  });
  it('the result is a permutation ordered by the field', () => {
    assertProperty(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 80 }), (vs) => {
        const objs = vs.map((v, i) => ({ v, i }));
        const sorted = sortByJsonPath(objs, '.v');
        expect(sorted.map((o) => o.i).sort((x, y) => x - y)).toEqual(objs.map((o) => o.i));
        for (let k = 1; k < sorted.length; k++) expect(sorted[k - 1].v).toBeLessThanOrEqual(sorted[k].v);
      }),
    );
  });
  it('is stable for up to twelve objects, where Go uses insertion sort', () => {
    assertProperty(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 12 }), (vs) => {
        const sorted = sortByJsonPath(
          vs.map((v, i) => ({ v, i })),
          '.v',
        );
        for (let k = 1; k < sorted.length; k++) {
          if (sorted[k - 1].v === sorted[k].v) expect(sorted[k - 1].i).toBeLessThan(sorted[k].i);
        }
      }),
    );
  });
});
