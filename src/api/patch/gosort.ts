// Go's sort algorithms, step for step. The patch code sorts with comparators that are not strict
// orders (`<=`, or "true when either item is unknown"), so the order it produces depends on the
// algorithm: these reproduce sort.SliceStable and sort.Sort (pdqsort) as Go 1.23 runs them.

type Less = (i: number, j: number) => boolean;

function swap<T>(a: T[], i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

function insertionSort<T>(a: T[], less: Less, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    for (let j = i; j > lo && less(j, j - 1); j--) swap(a, j, j - 1);
  }
}

function swapRange<T>(a: T[], x: number, y: number, n: number): void {
  for (let i = 0; i < n; i++) swap(a, x + i, y + i);
}

function rotate<T>(a: T[], lo: number, m: number, hi: number): void {
  let i = m - lo;
  let j = hi - m;
  while (i !== j) {
    if (i > j) {
      swapRange(a, m - i, m, j);
      i -= j;
    } else {
      swapRange(a, m - i, m + j - i, i);
      j -= i;
    }
  }
  swapRange(a, m - i, m, i);
}

function symMerge<T>(a: T[], less: Less, lo: number, m: number, hi: number): void {
  if (m - lo === 1) {
    let i = m;
    let j = hi;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (less(h, lo)) i = h + 1;
      else j = h;
    }
    for (let k = lo; k < i - 1; k++) swap(a, k, k + 1);
    return;
  }
  if (hi - m === 1) {
    let i = lo;
    let j = m;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (!less(m, h)) i = h + 1;
      else j = h;
    }
    for (let k = m; k > i; k--) swap(a, k, k - 1);
    return;
  }
  const mid = (lo + hi) >>> 1;
  const n = mid + m;
  let start: number;
  let r: number;
  if (m > mid) {
    start = n - hi;
    r = mid;
  } else {
    start = lo;
    r = m;
  }
  const p = n - 1;
  while (start < r) {
    const c = (start + r) >>> 1;
    if (!less(p - c, c)) start = c + 1;
    else r = c;
  }
  const end = n - start;
  if (start < m && m < end) rotate(a, start, m, end);
  if (lo < start && start < mid) symMerge(a, less, lo, start, mid);
  if (mid < end && end < hi) symMerge(a, less, mid, end, hi);
}

/** sort.SliceStable: `less(x, y)` compares elements, as Go's closure over the slice does. */
export function sliceStable<T>(a: T[], less: (x: T, y: T) => boolean): T[] {
  const byIndex: Less = (i, j) => less(a[i], a[j]);
  const n = a.length;
  let blockSize = 20;
  let lo = 0;
  let hi = blockSize;
  while (hi <= n) {
    insertionSort(a, byIndex, lo, hi);
    lo = hi;
    hi += blockSize;
  }
  insertionSort(a, byIndex, lo, n);
  while (blockSize < n) {
    lo = 0;
    hi = 2 * blockSize;
    while (hi <= n) {
      symMerge(a, byIndex, lo, lo + blockSize, hi);
      lo = hi;
      hi += 2 * blockSize;
    }
    const m = lo + blockSize;
    if (m < n) symMerge(a, byIndex, lo, m, n);
    blockSize *= 2;
  }
  return a;
}

/**
 * sort.Sort. Go's pdqsort runs an insertion sort on up to 12 elements, which is what decides the
 * order of equal items under a `<=` comparator; longer slices are sorted stably here, which agrees
 * with Go whenever no two items compare equal.
 */
export function goSort<T>(a: T[], less: (x: T, y: T) => boolean): T[] {
  if (a.length <= 12) {
    insertionSort(a, (i, j) => less(a[i], a[j]), 0, a.length);
    return a;
  }
  return a.sort((x, y) => (less(x, y) && !less(y, x) ? -1 : less(y, x) && !less(x, y) ? 1 : 0));
}
