import { isIPv4 as nodeIsIPv4, isIPv6 as nodeIsIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIP, isIPv4, isIPv6 } from '../../src/util/ip.js';
import { assertProperty } from '../helpers/seed.js';

describe('IP address parsing', () => {
  it.each([
    ['::', true],
    ['::1', true],
    ['2001:db8::ffff', true],
    ['fe80::1:2:3:4:5:6', true],
    ['1:2:3:4:5:6:7:8', true],
    ['::ffff:10.0.0.1', true],
    ['1:2:3:4:5:6:1.2.3.4', true],
    ['1:2:3:4:5:6:7::', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    [':1:2:3:4:5:6:7', false],
    ['1.2.3.4::', false],
    ['::1.2.3', false],
    ['12345::', false],
    ['g::1', false],
    ['fe80::1%eth0', false],
    ['10.0.0.1', false],
    ['', false],
  ])('isIPv6(%j) is %s', (text, ok) => {
    expect(isIPv6(text)).toBe(ok);
  });

  it('isIP tells the family', () => {
    expect([isIP('10.96.0.1'), isIP('2001:db8::1'), isIP('010.0.0.1'), isIP('example.com')]).toEqual([4, 6, 0, 0]);
  });

  it('agrees with node:net on addresses built from random groups (zones aside)', () => {
    const group = fc.stringMatching(/^[0-9a-fA-F]{0,5}$/);
    const v4 = fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((p) => p.join('.'));
    const text = fc.tuple(fc.array(group, { maxLength: 10 }), fc.constantFrom('', '::'), fc.array(group, { maxLength: 10 }), fc.option(v4)).map(
      ([a, sep, b, tail]) => a.join(':') + sep + b.join(':') + (tail === null ? '' : `${b.length || !sep ? ':' : ''}${tail}`),
    );
    assertProperty(
      fc.property(fc.oneof(text, fc.string({ maxLength: 20 }), v4), (s) => {
        expect(isIPv6(s)).toBe(nodeIsIPv6(s));
        expect(isIPv4(s)).toBe(nodeIsIPv4(s));
      }),
      { numRuns: 3000 },
    );
  });
});
