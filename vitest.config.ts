import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30000,
    hookTimeout: 30000,
    pool: 'forks',
    // Every kctl the tests start proves that the controllers it skipped had nothing to do, and
    // that nothing mutates an object read from the store.
    env: { KCTL_CHECKS: '1' },
  },
});
