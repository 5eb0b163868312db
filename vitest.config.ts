import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs in Node against the real kernels and DuckDB-WASM's Node build;
// `e2e` drives Debian's Chromium against the built site (test/e2e/global-setup.ts serves dist/).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
