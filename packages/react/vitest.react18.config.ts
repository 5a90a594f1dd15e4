/**
 * The `react` test suite, run against React 18 (`react-18` / `react-dom-18`, npm
 * aliases of react@18.3.1 and react-dom@18.3.1 in this package's devDependencies).
 *
 *   pnpm vitest run --config packages/react/vitest.react18.config.ts
 *
 * Everything Vite transforms (sources, tests, zustand, @testing-library/react) gets
 * `react` / `react-dom` from the aliases below; `test/react18/setup.ts` redirects
 * the CommonJS `require('react')` inside react-dom 18 itself (pnpm linked it to the
 * workspace's React 19). `test/react-version.test.tsx` fails if either alias is not applied.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const react18 = dirname(require.resolve('react-18/package.json'));
const reactDom18 = dirname(require.resolve('react-dom-18/package.json'));
const sourceCondition = '@pi-kit/source';

export default defineConfig({
  root: here,
  resolve: {
    conditions: [sourceCondition, ...defaultClientConditions],
    alias: [
      { find: /^react$/, replacement: `${react18}/index.js` },
      { find: /^react\/(.*)$/, replacement: `${react18}/$1` },
      { find: /^react-dom$/, replacement: `${reactDom18}/index.js` },
      { find: /^react-dom\/(.*)$/, replacement: `${reactDom18}/$1` },
    ],
  },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions], externalConditions: [sourceCondition] } },
  test: {
    name: 'react@18',
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['./test/react18/setup.ts'],
    env: { PI_KIT_EXPECTED_REACT: '18' },
    server: { deps: { inline: ['zustand', '@testing-library/react'] } },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // As in the root vitest.config.ts: one worker runs file after file with the modules it
    // already imported (the tests clean up with cleanupPi and restore their timers).
    isolate: false,
    // A config file of its own does not take the root's maxWorkers: without this it would run
    // its files on one worker (the default on 2 cores).
    maxWorkers: 2,
    pool: 'threads',
  },
});
