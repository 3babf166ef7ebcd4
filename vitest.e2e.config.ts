import { defineConfig } from 'vitest/config';

/**
 * End-to-end journeys: the real server (node --import tsx apps/server/src/main.ts) on a fresh PGlite data folder,
 * driven through Debian's /usr/bin/chromium with playwright-core. Needs `npm run build` first (apps/web/dist).
 * One file at a time: each journey file starts its own server, and the machine has two cores.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/helpers/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    maxWorkers: 1,
    // Journeys in a file build on each other (log in, then navigate): run them in order.
    sequence: { concurrent: false },
  },
});
