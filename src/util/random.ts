// Every random choice kctl makes (name suffixes, IPs, ports, load-balancing picks) goes
// through a Random. With KCTL_SEED set it is a PRNG seeded from the seed and the state's
// resourceVersion, so the same commands on the same state always make the same choices.

import { fnv1a32 } from './hash.js';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** n characters from the alphabet of Kubernetes' generated names. */
  suffix(n?: number): string;
  hex(n: number): string;
  uuid(): string;
}

/** k8s.io/apimachinery/pkg/util/rand: no vowels, no 0/1/3, so generated names never spell words. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

// sfc32: small, fast and good enough for simulations.
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

function fromSource(next: () => number): Random {
  const int = (n: number) => Math.floor(next() * n);
  // Eight hex digits per draw: container IDs and uids take 64 and 32 of them, for every pod.
  const hex = (n: number) => {
    let s = '';
    while (s.length < n) s += (int(2 ** 32) >>> 0).toString(16).padStart(8, '0');
    return s.slice(0, n);
  };
  return {
    next,
    int,
    pick: (items) => items[int(items.length)],
    suffix: (n = 5) => {
      let s = '';
      for (let i = 0; i < n; i++) s += NAME_ALPHABET[int(NAME_ALPHABET.length)];
      return s;
    },
    hex,
    uuid: () => {
      const h = hex(32).split('');
      h[12] = '4';
      h[16] = '89ab'[int(4)];
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}

export function seededRandom(seed: string): Random {
  const h = (salt: string) => fnv1a32(seed + '\u0000' + salt);
  const next = sfc32(h('a'), h('b'), h('c'), h('d'));
  for (let i = 0; i < 12; i++) next();
  return fromSource(next);
}

/** Unseeded: V8's Math.random, itself seeded from the OS (these choices need no cryptographic strength). */
export function systemRandom(): Random {
  return fromSource(Math.random);
}

/** The Random for one command: reproducible when KCTL_SEED is set. */
export function randomFor(seed: string | undefined, salt: string): Random {
  return seed === undefined || seed === '' ? systemRandom() : seededRandom(`${seed}/${salt}`);
}
