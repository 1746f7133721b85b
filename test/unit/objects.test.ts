import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clone } from '../../src/util/objects.js';
import { assertProperty } from '../helpers/seed.js';

const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('clone', () => {
  it('copies exactly as a JSON round trip does', () => {
    const value = {
      a: [1, undefined, () => 1, NaN, -0, Infinity, 'x'],
      b: undefined,
      c: () => 2,
      d: new Date(Date.UTC(2026, 10, 23)),
      e: { toJSON: () => ({ f: 1 }) },
      nested: { list: [{ x: null }], empty: {} },
    };
    expect(clone(value)).toEqual(roundTrip(value));
    expect(JSON.stringify(clone(value))).toBe(JSON.stringify(roundTrip(value)));
  });

  it('keeps an own __proto__ key as data and never touches the prototype', () => {
    const parsed = JSON.parse('{"metadata":{"__proto__":{"polluted":true},"name":"x"}}');
    const copy = clone(parsed);
    expect(Object.getPrototypeOf(copy.metadata)).toBe(Object.prototype);
    expect(Object.keys(copy.metadata)).toEqual(['__proto__', 'name']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
  });

  it('agrees with the round trip on any JSON value, and shares nothing with the original', () => {
    assertProperty(
      fc.property(fc.jsonValue(), (v) => {
        const c = clone(v);
        expect(JSON.stringify(c)).toBe(JSON.stringify(roundTrip(v)));
        if (typeof v === 'object' && v !== null) expect(c).not.toBe(v);
      }),
      { numRuns: 1000 },
    );
  });
});
