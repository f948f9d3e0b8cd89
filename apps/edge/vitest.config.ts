import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // the cloud integration tests start the real server on PGlite; its global setup builds the migrated
    // template once (a few seconds the first time, then a file check)
    globalSetup: ['../server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
