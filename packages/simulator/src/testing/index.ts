/**
 * @pi-kit/simulator/testing: a simulated Pi world wired to a `@pi-kit/core` client, for tests of
 * code built on pi-kit in any framework (no React, no DOM). `@pi-kit/react/testing` builds on it.
 */
export {
  createPiHarness,
  disposeHarnesses,
  TEST_APP_ORIGIN,
  type PiHarness,
  type PiHarnessOptions,
} from './create-pi-harness';
