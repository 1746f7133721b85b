// The allocation strategy of the API server's range allocators (allocator.AllocationBitmap with
// randomScanStrategyWithOffset): a random start in the upper band, scanning forward; the lower
// "static" band, kept for addresses users pick by hand, only once the upper band is full.

import type { Random } from '../../util/random.js';

/** A free offset in [0, max), or undefined when every offset is taken. */
export function allocateBit(max: number, offset: number, isUsed: (at: number) => boolean, rand: Random): number | undefined {
  const upper = max - offset;
  if (upper > 0) {
    const start = rand.int(upper);
    for (let i = 0; i < upper; i++) {
      const at = offset + ((start + i) % upper);
      if (!isUsed(at)) return at;
    }
  }
  if (offset > 0) {
    const start = rand.int(offset);
    for (let i = 0; i < offset; i++) {
      const at = (start + i) % offset;
      if (!isUsed(at)) return at;
    }
  }
  return undefined;
}

/** calculateRangeOffset: min(max(lo, size/step), hi), none for tiny ranges. */
export function staticBand(size: number, lo: number, hi: number, step: number): number {
  if (size <= lo) return 0;
  return Math.min(Math.max(lo, Math.floor(size / step)), hi);
}
