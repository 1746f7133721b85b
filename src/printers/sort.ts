// `--sort-by`, as kubectl's RuntimeSort over decoded objects.
//
// kubectl sorts with Go's sort.Sort, which is not stable, and its Less says a missing value is
// less than anything, another missing value included. The order of ties and of missing values
// therefore comes from Go's pattern-defeating quicksort, reproduced here step for step.

import { JsonPathError, compareGoStrings, findJsonPathResults, goQuote, parseJsonPath, relaxedJsonPathExpression } from './jsonpath/index.js';

export interface SortInterface {
  len(): number;
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
}

/** Go's sort.Sort (pdqsort, Go 1.19 and later). */
export function goSort(data: SortInterface): void {
  const n = data.len();
  if (n <= 1) return;
  pdqsort(data, 0, n, bitsLen(n));
}

function bitsLen(x: number): number {
  return x === 0 ? 0 : Math.floor(Math.log2(x)) + 1;
}

const enum Hint {
  Unknown,
  Increasing,
  Decreasing,
}

function insertionSort(data: SortInterface, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && data.less(j, j - 1); j--) data.swap(j, j - 1);
  }
}

function siftDown(data: SortInterface, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && data.less(first + child, first + child + 1)) child++;
    if (!data.less(first + root, first + child)) return;
    data.swap(first + root, first + child);
    root = child;
  }
}

function heapSort(data: SortInterface, a: number, b: number): void {
  const first = a;
  const hi = b - a;
  for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) siftDown(data, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    data.swap(first, first + i);
    siftDown(data, 0, i, first);
  }
}

function pdqsort(data: SortInterface, a: number, b: number, limit: number): void {
  const maxInsertion = 12;
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= maxInsertion) {
      insertionSort(data, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(data, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(data, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(data, a, b);
    if (hint === Hint.Decreasing) {
      reverseRange(data, a, b);
      pivot = b - 1 - (pivot - a);
      hint = Hint.Increasing;
    }
    if (wasBalanced && wasPartitioned && hint === Hint.Increasing) {
      if (partialInsertionSort(data, a, b)) return;
    }
    if (a > 0 && !data.less(a - 1, pivot)) {
      a = partitionEqual(data, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(data, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.floor(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(data, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(data, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition(data: SortInterface, a: number, b: number, pivot: number): [number, boolean] {
  data.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && data.less(i, a)) i++;
  while (i <= j && !data.less(j, a)) j--;
  if (i > j) {
    data.swap(j, a);
    return [j, true];
  }
  data.swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && data.less(i, a)) i++;
    while (i <= j && !data.less(j, a)) j--;
    if (i > j) break;
    data.swap(i, j);
    i++;
    j--;
  }
  data.swap(j, a);
  return [j, false];
}

function partitionEqual(data: SortInterface, a: number, b: number, pivot: number): number {
  data.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !data.less(a, i)) i++;
    while (i <= j && data.less(a, j)) j--;
    if (i > j) break;
    data.swap(i, j);
    i++;
    j--;
  }
  return i;
}

function partialInsertionSort(data: SortInterface, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !data.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    data.swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!data.less(j, j - 1)) break;
        data.swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!data.less(j, j - 1)) break;
        data.swap(j, j - 1);
      }
    }
  }
  return false;
}

const MASK64 = (1n << 64n) - 1n;

function breakPatterns(data: SortInterface, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  let random = BigInt(length);
  const modulus = 2 ** bitsLen(length);
  const idx = a + Math.floor(length / 4) * 2 - 1;
  for (let i = 0; i < 3; i++) {
    random ^= (random << 13n) & MASK64;
    random ^= random >> 17n;
    random ^= (random << 5n) & MASK64;
    let other = Number(random & BigInt(modulus - 1));
    if (other >= length) other -= length;
    data.swap(idx + i, a + other);
  }
}

function choosePivot(data: SortInterface, a: number, b: number): [number, Hint] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.floor(l / 4) * 1;
  let j = a + Math.floor(l / 4) * 2;
  let k = a + Math.floor(l / 4) * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = median(data, i - 1, i, i + 1, swaps);
      j = median(data, j - 1, j, j + 1, swaps);
      k = median(data, k - 1, k, k + 1, swaps);
    }
    j = median(data, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, Hint.Increasing];
  if (swaps.n === maxSwaps) return [j, Hint.Decreasing];
  return [j, Hint.Unknown];
}

function order2(data: SortInterface, a: number, b: number, swaps: { n: number }): [number, number] {
  if (data.less(b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

function median(data: SortInterface, a: number, b: number, c: number, swaps: { n: number }): number {
  [a, b] = order2(data, a, b, swaps);
  [b, c] = order2(data, b, c, swaps);
  [a, b] = order2(data, a, b, swaps);
  return b;
}

function reverseRange(data: SortInterface, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) data.swap(i, j);
}

// ---------------------------------------------------------------------------
// Comparing field values

const NANO_MAX = (2n ** 63n - 1n) * 10n ** 9n;

/**
 * resource.ParseQuantity, reduced to the value in nano units (rounded away from zero and capped
 * as Quantity does), or undefined when the text is not a quantity.
 */
export function parseQuantityNanos(s: string): bigint | undefined {
  if (s.length === 0) return undefined;
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*)([+-]?[0-9]*)$/.exec(s);
  if (!m) return undefined;
  const suffix = m[4] + m[5];
  let exp10 = 0;
  let exp2 = 0;
  const binary: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
  const decimal: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  if (suffix in binary) exp2 = binary[suffix];
  else if (suffix in decimal) exp10 = decimal[suffix];
  else if (suffix.length > 1 && /^[eE][+-]?[0-9]+$/.test(suffix)) {
    // Go parses the exponent as int64 and keeps its low 32 bits.
    exp10 = Number(BigInt.asIntN(32, BigInt(suffix.slice(1))));
  } else return undefined;

  const negative = m[1] === '-';
  const frac = m[3] ?? '';
  let digits = BigInt((m[2] || '0') + frac);
  if (digits === 0n) return 0n;
  digits <<= BigInt(exp2);
  const scale = exp10 - frac.length + 9;
  let nanos: bigint;
  if (scale >= 0) {
    nanos = scale > 40 ? NANO_MAX : digits * 10n ** BigInt(scale);
  } else if (-scale > 80) {
    nanos = 1n;
  } else {
    const div = 10n ** BigInt(-scale);
    nanos = (digits + div - 1n) / div;
  }
  if (nanos > NANO_MAX) nanos = NANO_MAX;
  return negative ? -nanos : nanos;
}

export class SortError extends Error {
  override name = 'SortError';
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 63;
}

function goKind(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return isInt(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** kubectl's isLess for two values found in decoded objects. */
function isLess(i: unknown, j: unknown): boolean {
  if (i === null && j === null) return false;
  if (i === null) return true;
  if (j === null) return false;
  if (typeof i === 'number') {
    if (typeof j === 'number' && isInt(i) === isInt(j)) return i < j;
  } else if (typeof i === 'string') {
    if (typeof j === 'string') {
      const qi = parseQuantityNanos(i);
      const qj = qi === undefined ? undefined : parseQuantityNanos(j);
      if (qi === undefined || qj === undefined) return compareGoStrings(i, j) < 0;
      return qi < qj;
    }
  } else {
    throw new SortError(`unsortable type: ${goKind(i)}`);
  }
  throw new SortError('unsortable interface: interface');
}

/**
 * Sorts objects by the first value the JSONPath expression finds in each, as `kubectl get
 * --sort-by` does. Throws kubectl's errors: a bad expression, a field found in none of the
 * objects, or values that cannot be ordered (kubectl exits through klog for those).
 */
export function sortByJsonPath<T>(objects: T[], expr: string): T[] {
  const items = objects.slice();
  // kubectl leaves zero or one object alone, without looking at the expression.
  if (items.length <= 1) return items;
  const field = relaxedJsonPathExpression(expr);
  const template = parseJsonPath(field);
  const values = items.map((obj) => {
    const results = findJsonPathResults(template, obj, { allowMissingKeys: true });
    return results.length > 0 && results[0].length > 0 ? { value: results[0][0] } : undefined;
  });
  if (values.every((v) => v === undefined)) {
    throw new JsonPathError(`couldn't find any field with path ${goQuote(field)} in the list of objects`);
  }
  goSort({
    len: () => items.length,
    less: (a, b) => {
      const va = values[a];
      const vb = values[b];
      if (va === undefined) return true;
      if (vb === undefined) return false;
      try {
        return isLess(va.value, vb.value);
      } catch (e) {
        throw new SortError(
          `Field ${field} in *unstructured.Unstructured is an unsortable type: interface, err: ${(e as Error).message}`,
        );
      }
    },
    swap: (a, b) => {
      [items[a], items[b]] = [items[b], items[a]];
      [values[a], values[b]] = [values[b], values[a]];
    },
  });
  return items;
}
