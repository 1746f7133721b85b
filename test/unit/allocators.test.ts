import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateBit, staticBand } from '../../src/networking/allocators/bitmap.js';
import { ServiceIPRange } from '../../src/networking/allocators/clusterip.js';
import { pickLoadBalancerIP } from '../../src/networking/allocators/lbpool.js';
import { NodePortRange } from '../../src/networking/allocators/nodeport.js';
import { seededRandom } from '../../src/util/random.js';
import { assertProperty } from '../helpers/seed.js';

describe('the static band', () => {
  it('is min(max(lo, size/step), hi), none for tiny ranges', () => {
    expect(staticBand(2 ** 20, 16, 256, 16)).toBe(256); // a /12 Service CIDR
    expect(staticBand(256, 16, 256, 16)).toBe(16); // a /24
    expect(staticBand(16, 16, 256, 16)).toBe(0); // a /28
    expect(staticBand(2768, 16, 128, 32)).toBe(86); // 30000-32767
  });

  it('is used only once the upper band is full', () => {
    assertProperty(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.integer({ min: 1, max: 63 }), fc.string(), (max, offset, seed) => {
        fc.pre(offset < max);
        const rand = seededRandom(seed);
        const used = new Set<number>();
        for (let i = 0; i < max; i++) {
          const at = allocateBit(max, offset, (x) => used.has(x), rand)!;
          expect(used.has(at)).toBe(false);
          // Upper band first: a lower offset only when every upper one is taken.
          if (at < offset) for (let u = offset; u < max; u++) expect(used.has(u)).toBe(true);
          used.add(at);
        }
        expect(allocateBit(max, offset, (x) => used.has(x), rand)).toBeUndefined();
      }),
    );
  });
});

describe('ServiceIPRange', () => {
  const range = new ServiceIPRange('10.96.0.0/12');

  it('refuses the network and broadcast addresses and anything outside, with the API server text', () => {
    for (const ip of ['10.96.0.0', '10.111.255.255', '10.11.253.81', '10.112.0.1', 'fd00::1']) {
      expect(range.check(ip, new Set())).toBe(`the provided IP (${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`);
    }
    expect(range.check('10.96.0.1', new Set())).toBeUndefined();
    expect(range.check('10.111.255.254', new Set())).toBeUndefined();
    expect(range.check('10.96.0.10', new Set(['10.96.0.10']))).toBe('provided IP is already allocated');
  });

  it('names the range by its network address', () => {
    expect(new ServiceIPRange('10.96.3.4/12').text).toBe('10.96.0.0/12');
  });

  it('hands out every address of a small range once, then reports it full', () => {
    const small = new ServiceIPRange('192.168.0.0/28');
    const rand = seededRandom('small');
    const used = new Set<string>();
    for (let i = 0; i < 14; i++) {
      const ip = small.next(used, rand)!;
      expect(small.check(ip, used)).toBeUndefined();
      used.add(ip);
    }
    expect(used.has('192.168.0.0')).toBe(false);
    expect(used.has('192.168.0.15')).toBe(false);
    expect(small.next(used, rand)).toBeUndefined();
  });

  it('prefers addresses above the first 256 of a /12', () => {
    const rand = seededRandom('upper');
    for (let i = 0; i < 50; i++) expect(range.next(new Set(), rand)).not.toMatch(/^10\.96\.0\./);
  });
});

describe('NodePortRange', () => {
  const ports = new NodePortRange({ min: 30000, max: 32767 });

  it('uses the API server wording', () => {
    expect(ports.check(8888, new Set())).toBe('provided port is not in the valid range. The range of valid ports is 30000-32767');
    expect(ports.check(32768, new Set())).toBe('provided port is not in the valid range. The range of valid ports is 30000-32767');
    expect(ports.check(30080, new Set([30080]))).toBe('provided port is already allocated');
    expect(ports.check(30000, new Set())).toBeUndefined();
  });

  it('allocates from a custom range without repeats until it is full', () => {
    const tiny = new NodePortRange({ min: 40000, max: 40009 });
    const rand = seededRandom('tiny');
    const used = new Set<number>();
    for (let i = 0; i < 10; i++) used.add(tiny.next(used, rand)!);
    expect([...used].sort()).toEqual([40000, 40001, 40002, 40003, 40004, 40005, 40006, 40007, 40008, 40009]);
    expect(tiny.next(used, rand)).toBeUndefined();
  });
});

describe('the load-balancer pool', () => {
  const pool = { first: '10.240.1.1', last: '10.240.1.3' };

  it('hands out the lowest free address, or the requested one', () => {
    expect(pickLoadBalancerIP(pool, new Map())).toEqual({ ip: '10.240.1.1' });
    expect(pickLoadBalancerIP(pool, new Map([['10.240.1.1', 'default/a']]))).toEqual({ ip: '10.240.1.2' });
    expect(pickLoadBalancerIP(pool, new Map(), '10.240.1.3')).toEqual({ ip: '10.240.1.3' });
  });

  it('explains why there is no address', () => {
    expect(pickLoadBalancerIP(pool, new Map(), '10.240.1.4')).toEqual({ error: 'requested IP 10.240.1.4 is not in the address pool 10.240.1.1-10.240.1.3' });
    expect(pickLoadBalancerIP(pool, new Map([['10.240.1.2', 'default/b']]), '10.240.1.2')).toEqual({ error: 'requested IP 10.240.1.2 is already in use by default/b' });
    const full = new Map(['10.240.1.1', '10.240.1.2', '10.240.1.3'].map((ip) => [ip, 'x/y']));
    expect(pickLoadBalancerIP(pool, full)).toEqual({ error: 'no available IPs in the address pool 10.240.1.1-10.240.1.3' });
  });
});
