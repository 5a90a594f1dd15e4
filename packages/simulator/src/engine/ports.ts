/**
 * What the HTTP handlers receive of the engine (as tRPC's fetch handler receives its router): the
 * Platform API handler the payment operations, Horizon the ledger. `SimulatedPiNetwork` implements
 * both; the composition root (`network/create-pi-network.ts`) hands itself to the handlers, which
 * never import the engine's class.
 */
import type { A2UPaymentArgs, AdNetworkStatusDTO, AppNetwork, PaymentDTO, UserDTO } from '@pi-kit/core';
import type { FaultRegistry } from './faults';
import type { Ledger } from './ledger';
import type { TransactionRecord } from './records';
import type { SimApp, SimEvent, SimEventInput } from './types';

/** What every HTTP handler uses: the fault rules it runs under, and the event log it writes each call to. */
export interface HttpEngine {
  readonly faults: FaultRegistry;
  log(input: SimEventInput): SimEvent;
}

/** The engine as the Platform API handler (`/v2/*`) uses it. Every method throws `PiNetworkError` for what Pi refuses. */
export interface PlatformEngine extends HttpEngine {
  readonly app: SimApp;
  /** The user of an access token (`GET /v2/me`), `undefined` for an unknown or expired token. */
  me(accessToken: string): UserDTO | undefined;
  getPayment(paymentId: string): PaymentDTO | undefined;
  approvePayment(paymentId: string): PaymentDTO;
  completePayment(paymentId: string, txid: string): PaymentDTO;
  cancelPayment(paymentId: string): PaymentDTO;
  createAppPayment(args: A2UPaymentArgs): PaymentDTO;
  incompleteServerPayments(): PaymentDTO[];
  adStatus(adId: string): AdNetworkStatusDTO | undefined;
}

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
