// Quantity sums as kubectl describe node adds up requests and limits (Quantity.Add, then String()).

import { describe, expect, it } from 'vitest';
import { sumQuantities } from '../../src/api/quantity.js';

describe('sumQuantities', () => {
  it('keeps a lone term as written and gives "0" for none', () => {
    expect(sumQuantities(['100m'])).toBe('100m');
    expect(sumQuantities(['1500m'])).toBe('1500m');
    expect(sumQuantities([])).toBe('0');
  });

  it('prints a sum canonically in the first non-zero term\'s format', () => {
    expect(sumQuantities(['100m', '100m'])).toBe('200m');
    expect(sumQuantities(['500m', '500m'])).toBe('1');
    expect(sumQuantities(['1', '500m'])).toBe('1500m');
    expect(sumQuantities(['64Mi', '90Mi'])).toBe('154Mi');
    expect(sumQuantities(['0', '64Mi', '64Mi'])).toBe('128Mi');
    // BinarySI that is not a whole number of Ki falls back to plain digits.
    expect(sumQuantities(['64Mi', '100M'])).toBe('167108864');
    expect(sumQuantities(['100M', '64Mi'])).toBe('167108864');
    expect(sumQuantities(['1G', '1G'])).toBe('2G');
  });
});
