/**
 * @pi-kit/react/testing: render components and hooks that use pi-kit against the
 * simulated Pi network (`@pi-kit/simulator`), with @testing-library/react.
 */
export { renderWithPi, renderHookWithPi, cleanupPi, type PiRenderOptions, type PiRenderControls } from './render-with-pi';
// The harness itself is the simulator's (no React in it), re-exported for React tests.
export { createPiHarness, TEST_APP_ORIGIN, type PiHarness, type PiHarnessOptions } from '@pi-kit/simulator/testing';
