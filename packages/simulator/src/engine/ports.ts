/**
 * What the HTTP handlers receive of the engine (as tRPC's fetch handler receives its router): the
 * Platform API handler the payment operations, Horizon the ledger. `SimulatedPiNetwork` implements
 * both; the composition root (`network/create-pi-network.ts`) hands itself to the handlers, which
 * never import the engine's class.
 */
import type { AppNetwork } from '@pi-kit/core';
import type { FaultRegistry } from './faults';
import type { Ledger } from './ledger';
import type { TransactionRecord } from './records';
import type { PiNetwork, SimEvent, SimEventInput } from './types';

/** What every HTTP handler uses: the fault rules it runs under, and the event log it writes each call to. */
export interface HttpEngine {
  readonly faults: FaultRegistry;
  log(input: SimEventInput): SimEvent;
}

/** The engine as the Platform API handler (`/v2/*`) uses it: those calls of {@link PiNetwork}. Each throws `PiNetworkError` for what Pi refuses. */
export interface PlatformEngine
  extends HttpEngine,
    Pick<
      PiNetwork,
      | 'app'
      | 'me'
      | 'getPayment'
      | 'approvePayment'
      | 'completePayment'
      | 'cancelPayment'
      | 'createAppPayment'
      | 'incompleteServerPayments'
      | 'adStatus'
    > {}

/** The engine as the Horizon handler uses it: the ledger, the clock, and where applied transactions go. */
export interface HorizonEngine extends HttpEngine {
  readonly network: AppNetwork;
  readonly horizonUrl: string;
  readonly ledger: Ledger;
  /** The network's clock, in ms since the epoch. */
  now(): number;
  /** Called for every transaction Horizon applied: links it to the payment its memo names. */
  onLedgerTransaction(tx: TransactionRecord): void;
}
