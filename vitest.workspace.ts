/**
 * The vitest projects of pi-kit, one per package. The root `vitest.config.ts`
 * imports this list into `test.projects` (vitest 4 ignores a workspace file on
 * its own). Tests import package sources through the `@pi-kit/source` export
 * condition, so no build is needed.
 */
import { defaultClientConditions, defaultServerConditions } from 'vite';
import type { TestProjectInlineConfiguration } from 'vitest/config';

const sourceCondition = '@pi-kit/source';

const resolve = { conditions: [sourceCondition, ...defaultClientConditions] };
const ssr = { resolve: { conditions: [sourceCondition, ...defaultServerConditions], externalConditions: [sourceCondition] } };

function project(name: string, environment: 'node' | 'jsdom', extra: Record<string, unknown> = {}): TestProjectInlineConfiguration {
  return {
    extends: true,
    resolve,
    ssr,
    test: {
      name,
      root: `packages/${name}`,
      environment,
      include: ['test/**/*.test.{ts,tsx}'],
      ...extra,
    },
  };
}

export const projects: Array<TestProjectInlineConfiguration | string> = [
  project('core', 'node'),
  project('simulator', 'node'),
  project('server-adapters', 'node'),
  project('react', 'jsdom'),
  // The same react suite against React 18 (npm aliases; see the file).
  'packages/react/vitest.react18.config.ts',
  {
    extends: true,
    resolve,
    ssr,
    test: { name: 'example-shop', root: 'examples/shop', environment: 'node', include: ['test/**/*.test.{ts,tsx}'] },
  },
  // Whole-system tests across packages: chaos (model-based, fast-check) and fuzzing.
  {
    extends: true,
    resolve,
    ssr,
    test: { name: 'system', root: 'tests', environment: 'node', include: ['**/*.test.ts'], exclude: ['conformance/**'] },
  },
  // Conformance: Pi's own clients (npm pi-backend, stellar-sdk 10 and 15) against the pi-sim bin.
  {
    extends: true,
    resolve,
    ssr,
    test: { name: 'conformance', root: 'tests/conformance', environment: 'node', include: ['**/*.test.ts'] },
  },
];

export default projects;
