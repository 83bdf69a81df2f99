import { defineConfig } from 'vitest/config';

// Four tiers (see shared house style): unit (pure core in Node), dom (extraction and highlighting
// on saved pages with linkedom/jsdom), contract (routers, stores, feeds with fake-indexeddb and a
// local HTTP server), e2e (the built extension in real Chromium and Firefox, one file at a time).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      // axe-core over a whole page in jsdom takes seconds on a loaded 2-core machine: a timeout here only
      // guards against a hang, it measures nothing.
      { test: { name: 'dom', include: ['tests/dom/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      { test: { name: 'contract', include: ['tests/contract/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
