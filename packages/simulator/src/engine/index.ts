/**
 * The simulated Pi network engine: `createPiNetwork` and its types.
 * See the package README, "The engine".
 */
export { createPiNetwork, DEFAULT_TIMINGS, HORIZON_URLS } from './network';
export { PiNetworkError, SimulatedConnectionDrop, type PiNetworkErrorCode } from './errors';
export type { FaultRequestInfo, FaultRule, Faults } from './faults';
export type {
  CancelReason,
  CustomEvent,
  EngineEvent,
  LedgerOperation,
  LedgerTransaction,
  PiNetwork,
  PiNetworkOptions,
  PiNetworkTimings,
  SimApi,
  SimApp,
  SimEvent,
  SimEventInput,
  SimEventListener,
  SimUser,
  SimUserInit,
} from './types';
