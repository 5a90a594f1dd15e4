/**
 * The simulated Pi browser SDK (`window.Pi`): in-process for tests, and shared
 * with the browser script served by `@pi-kit/simulator/server`.
 */
export { createSimulatedPi, installSimulatedPi } from './simulated-pi';
export type { SimulatedPi, SimulatedPiOptions, OpenUrlBehaviour } from './create-sdk';
export type { SimulatedWallet, WalletMode, WalletDecision, WalletEvent, WalletOutcome, WalletReview } from './wallet';
export { SimulatedPiError, type SimulatedPiErrorCode } from './errors';
export type { SdkTimings } from './backend';
