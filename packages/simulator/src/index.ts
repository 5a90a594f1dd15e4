/**
 * @pi-kit/simulator: a faithful local Pi Network (SDK, Platform API, blockchain)
 * for development and tests. See the package README.
 */
export { DEFAULT_TIMINGS, HORIZON_URLS } from './engine/network';
export { createPiNetwork, restorePiNetwork } from './network/create-pi-network';
export {
  PiNetworkError,
  PiNetworkStateError,
  SimulatedConnectionDrop,
  type PiNetworkErrorCode,
  type PiNetworkStateErrorCode,
} from './engine/errors';
export type { FaultRequestInfo, FaultRule, Faults } from './engine/faults';
export type {
  CancelReason,
  CustomEvent,
  EngineEvent,
  LedgerOperation,
  LedgerTransaction,
  PiNetwork,
  PiNetworkOptions,
  PiNetworkSnapshot,
  PiNetworkTimings,
  RestorePiNetworkOptions,
  SimApi,
  SimApp,
  SimEvent,
  SimEventInput,
  SimEventListener,
  SimUser,
  SimUserInit,
} from './engine/types';
export { createSimulatedPi, installSimulatedPi } from './sdk/simulated-pi';
export type { SimulatedPi, SimulatedPiOptions, OpenUrlBehaviour } from './sdk/create-sdk';
export type { SimulatedWallet, WalletMode, WalletDecision, WalletEvent, WalletOutcome, WalletReview, WalletStage } from './sdk/wallet';
export { SimulatedPiError, type SimulatedPiErrorCode } from './sdk/errors';
export type { SdkTimings } from './sdk/backend';
export { createSimulatedAppServer, type SimulatedAppServer, type SimulatedAppServerOptions } from './app-server/simulated-app-server';
export { RouteError } from '@pi-kit/core';
