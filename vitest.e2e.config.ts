import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the real server (built dist/, embedded database with demo data) and
 * Chromium through playwright-core. The demo data is seeded once; each file gets its own server
 * on a copy of it. One worker, one file at a time, generous timeouts.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
