import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Most of the suite's time goes to the kctl processes the end-to-end tests start, one after
// the other within a file. Vitest's default (cores - 1 workers) runs files one at a time on a
// 2-core machine; a worker per core keeps both cores busy.
const workers = Math.max(2, availableParallelism());

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests wait for events (a process's exit, a line of output), never for a time; these
    // bounds only stop a hung test, and are long enough that a slow or busy machine never
    // reaches them.
    testTimeout: 10 * 60_000,
    hookTimeout: 10 * 60_000,
    teardownTimeout: 5 * 60_000,
    pool: 'forks',
    maxWorkers: workers,
    minWorkers: 1,
    // Every kctl the tests start proves that the controllers it skipped had nothing to do.
    env: { KCTL_CHECK_CONTROLLERS: '1' },
  },
});
