// `--sort-by`, as kubectl's RuntimeSort over decoded objects.
//
// kubectl sorts with Go's sort.Sort, which is not stable, and its Less says a missing value is
// less than anything, another missing value included. The order of ties and of missing values
// therefore comes from Go's pattern-defeating quicksort, reproduced here step for step.

import { compareGoStrings, goQuote } from '../util/goformat.js';
import { goSort } from '../util/gosort.js';
import { parseQuantityNanos } from '../api/quantity.js';
import { JsonPathError, findJsonPathResults, parseJsonPath, relaxedJsonPathExpression } from './jsonpath/index.js';

// ---------------------------------------------------------------------------
// Comparing field values

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
