/**
 * What the simulated SDK needs from a Pi network: one small async interface with
 * two implementations, in-process (`createNetworkBackend`, calls a `PiNetwork`
 * directly) and over HTTP (`createHttpBackend`, the `/__sim/rpc/*` bridge of
 * `startSimulatorServer`). The SDK logic (`createSdk`) is written once against it.
 */
import type { AdType, AuthResult, PaymentData, PaymentDTO, Scope } from '@pi-kit/core';

/** The timers of the payment flow, in milliseconds. Source: payments.md, docs/PI-PLATFORM.md ("The browser SDK"). */
export interface SdkTimings {
  /** How long the app has to approve a payment before it expires (Pi: about 60 s). */
  approvalTimeoutMs: number;
  /** How often an unanswered `onReadyForServer*` callback is invoked again (Pi: roughly 10 s). */
  callbackRetryMs: number;
  /** How long `onReadyForServerCompletion` is re-invoked before the SDK gives up (the payment stays incomplete). */
  completionTimeoutMs: number;
}

/** The defaults used when the network does not say otherwise. */
export const DEFAULT_SDK_TIMINGS: SdkTimings = {
  approvalTimeoutMs: 60_000,
  callbackRetryMs: 10_000,
  completionTimeoutMs: 60_000,
};

/** One entry the SDK writes to the network's event log. */
export interface SdkLogEntry {
  /** `callback`: the SDK invoked one of the app's callbacks; `sdk`: another SDK-side event. */
  kind: 'callback' | 'sdk';
  /** The callback (`onReadyForServerApproval`, …) or event name (`authenticate`, `payment_expired`, …). */
  name: string;
  /** The user the SDK acts for. */
  user: string;
  paymentId?: string;
  /** The callback's arguments or the event's details (JSON-safe). */
  details?: unknown;
}

/**
 * Why a payment was cancelled, as the engine records it: `user`, `insufficient_funds`,
 * `developer` (`POST /cancel`), `expired` (approval timer), `replaced` (concurrent payment).
 */
export type PaymentCancelReason = 'user' | 'insufficient_funds' | 'developer' | 'expired' | 'replaced';

/** A payment with the reason of its cancellation (`null` while not cancelled). */
export interface PaymentState {
  payment: PaymentDTO;
  cancelReason: PaymentCancelReason | null;
}

/** Result of a rewarded/interstitial ad shown by the simulated SDK. */
export interface SimulatedAdResult {
  adId: string | null;
}

/** The operations the SDK performs against a Pi network. Every method may reject with the network's error. */
export interface SdkBackend {
  /** Timers of the payment flow. */
  timings(): Promise<SdkTimings>;
  /** Signs the user in and issues an access token (`Pi.authenticate`). */
  authenticate(user: string, scopes: Scope[]): Promise<AuthResult>;
  /** Creates a U2A payment on Pi's servers. */
  createPayment(user: string, data: PaymentData): Promise<PaymentDTO>;
  /** The payment and, once cancelled, why (`null` for an unknown payment). */
  paymentState(paymentId: string): Promise<PaymentState | null>;
  /** The user's U2A payment with a transaction but not developer_completed, if any. */
  incompletePaymentOf(user: string): Promise<PaymentDTO | null>;
  /** The user's U2A payment neither completed nor cancelled, if any. */
  openPaymentOf(user: string): Promise<PaymentDTO | null>;
  /** The user signs and submits the transaction (needs developer_approved; rejects on insufficient funds). */
  submitTransaction(paymentId: string): Promise<PaymentDTO>;
  /** The user rejects the payment in the wallet, or closes it for insufficient funds. */
  cancelByUser(paymentId: string, reason: 'user' | 'insufficient_funds'): Promise<PaymentDTO>;
  /** Makes Pi expire the payment now if its approval timer ended (the engine expires unapproved payments lazily). */
  expire(paymentId: string): Promise<PaymentState | null>;
  /** The user's wallet balance in π. */
  balanceOf(user: string): Promise<number>;
  /** Records an ad view; a rewarded ad's id is then known to `GET /v2/ads_network/status/{adId}`. */
  showAd(user: string, type: AdType): Promise<SimulatedAdResult>;
  /**
   * Calls `listener` with the payment's state each time it changed (in-process: at once, from the
   * network's events; over HTTP: by polling). Returns the function that stops watching.
   */
  watchPayment(paymentId: string, listener: (state: PaymentState) => void): () => void;
  /** Writes to the network's event log (fire and forget). */
  log(entry: SdkLogEntry): void;
}

/** True when an error from `submitTransaction` means the user cannot pay the amount. */
export function isInsufficientFunds(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /insufficient/i.test(code)) return true;
  return error instanceof Error && /insufficient/i.test(error.message);
}
