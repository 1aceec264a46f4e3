import { defineConfig } from 'vitest/config';

// Browser journeys: a real server (PGlite, demo seed) and Debian's /usr/bin/chromium via playwright-core.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // A page's answer to a click can take seconds on a busy CI machine; vitest's default poll gives up after 1 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
