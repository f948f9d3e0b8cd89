import { defineConfig } from 'vitest/config';

// Browser journeys drive a real server and a real Chromium: one file at a time, generous timeouts.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.browser.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
