/**
 * Browser tests: real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) against the examples served with the simulated Pi network, and the
 * simulator's own `/pi-sdk.js` and wallet dialog (the `e2e` folder of a package).
 */
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

const sourceCondition = '@pi-kit/source';

export default defineConfig({
  resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions], externalConditions: [sourceCondition] } },
  test: {
    name: 'e2e',
    include: ['examples/*/e2e/**/*.e2e.test.ts', 'packages/*/e2e/**/*.e2e.test.ts'],
    // The starter runs as users have it, from the packed packages: `pnpm test:consumer`.
    exclude: ['examples/starter/**', '**/node_modules/**'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    globalSetup: ['scripts/e2e-global-setup.ts'],
  },
});
