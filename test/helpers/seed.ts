// One seed for everything random in the tests, so a failing run can be replayed exactly:
// KCTL_TEST_SEED=<n> (a 32-bit integer) picks it, else it is fixed.

import fc from 'fast-check';

const DEFAULT_SEED = 20250106;

function parseSeed(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_SEED;
  if (!/^-?\d+$/.test(text) || Number(text) !== (Number(text) | 0)) {
    throw new Error(`KCTL_TEST_SEED must be a 32-bit integer, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

export const SEED = parseSeed(process.env.KCTL_TEST_SEED);

function withSeed(e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  return new Error(`property failed with KCTL_TEST_SEED=${SEED} (rerun with it to replay this run)\n${message}`, { cause: e });
}

/**
 * fc.assert with the suite's seed. fast-check's own report (seed, path, counterexample) stays
 * in the message, under a first line naming the seed to rerun with.
 */
export function assertProperty<Ts>(property: fc.IProperty<Ts>, params?: fc.Parameters<Ts>): void;
export function assertProperty<Ts>(property: fc.IAsyncProperty<Ts>, params?: fc.Parameters<Ts>): Promise<void>;
export function assertProperty<Ts>(property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>, params: fc.Parameters<Ts> = {}): void | Promise<void> {
  const options = { ...params, seed: SEED };
  let result: void | Promise<void>;
  try {
    result = property.isAsync() ? fc.assert(property as fc.IAsyncProperty<Ts>, options) : fc.assert(property as fc.IProperty<Ts>, options);
  } catch (e) {
    throw withSeed(e);
  }
  if (result) {
    return result.catch((e: unknown) => {
      throw withSeed(e);
    });
  }
}

/**
 * Lets the event loop turn, for long synchronous property tests to call once per run: a
 * worker busy for a minute without a turn cannot answer the test runner.
 */
export const nextTurn = (): Promise<void> => new Promise((done) => setImmediate(done));

/** A reproducible stream of numbers in [0, 1) for the suite's seed and a label (mulberry32). */
export function seededRandom(label: string): () => number {
  let h = SEED >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x9e3779b1) >>> 0;
  return () => {
    h = (h + 0x6d2b79f5) >>> 0;
    let t = h;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
