import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Most of the suite's time goes to the kctl processes the end-to-end tests start, one after
// the other within a file. Vitest's default (cores - 1 workers) runs files one at a time on a
// 2-core machine; a worker per core and one more keeps every core busy while a file waits (for
// a stopped lock holder, or between the processes it starts).
const workers = Math.max(2, availableParallelism() + 1);

/**
 * The files that start kctl processes (seconds each) go before the unit files (milliseconds),
 * so no long file starts last while the other cores have nothing left. Within each group,
 * vitest's order: slowest first by the last run's timings, else largest first (a fresh clone).
 */
class KctlFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // The unit files share one worker (see projects below) for about a minute: they start first.
    const group = (f: TestSpecification) => (/\/test\/unit\//.test(f.moduleId) ? -1 : /\/test\/hardening\//.test(f.moduleId) ? 0 : /\/test\/(e2e|serve)\//.test(f.moduleId) ? 1 : 2);
    return (await super.sort(files)).sort((a, b) => group(a) - group(b));
  }
}

export default defineConfig({
  test: {
    // Tests wait for events (a process's exit, a line of output), never for a time; these
    // bounds only stop a hung test, and are long enough that a slow or busy machine never
    // reaches them.
    testTimeout: 10 * 60_000,
    hookTimeout: 10 * 60_000,
    teardownTimeout: 5 * 60_000,
    pool: 'forks',
    sequence: { sequencer: KctlFilesFirst },
    maxWorkers: workers,
    minWorkers: 1,
    // A kctl the tests start proves that the controllers it skipped had nothing to do, and that
    // nothing mutates an object read from the store.
    env: { KCTL_CHECKS: '1' },
    // The unit files run one after the other in one worker: a fresh worker for each (Vite, the
    // runner, the modules) costs more CPU than most of them take to run. The files that start
    // kctl, kubectl and servers keep a worker each.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false, poolOptions: { forks: { singleFork: true } } } },
      // The foundation files check the controllers on every kctl they start; the other files
      // (commands, the server, the lock and limits) run it without the checks' extra work.
      { extends: true, test: { name: 'checked', include: ['test/e2e/foundation-*.test.ts', 'test/hardening/huge-scale.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'kctl',
          include: ['test/{e2e,serve,hardening}/**/*.test.ts'],
          exclude: ['test/e2e/foundation-*.test.ts', 'test/hardening/huge-scale.test.ts'],
          env: { KCTL_CHECKS: '' },
        },
      },
    ],
  },
});
