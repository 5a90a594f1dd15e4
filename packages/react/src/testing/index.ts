/**
 * @pi-kit/react/testing: render components and hooks that use pi-kit against the
 * simulated Pi network (`@pi-kit/simulator`), with @testing-library/react.
 */
export { renderWithPi, renderHookWithPi, cleanupPi, type PiRenderOptions, type PiRenderControls } from './render-with-pi';
export { createPiHarness, TEST_APP_ORIGIN, type PiHarness, type PiHarnessOptions } from './create-pi-harness';
