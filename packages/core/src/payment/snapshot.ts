import type { PiKitError } from '../errors/base';
import type { PaymentData, PaymentDTO } from '../types/payment';
import type { PaymentPhase } from './phases';

/**
 * The state of one server-side step (approval or completion) as the browser sees it:
 * `idle` (never requested), `pending` (a request is in flight), `succeeded`
 * (never requested again), `failed` (retried on the SDK's next re-invocation).
 */
export type ServerStepStatus = 'idle' | 'pending' | 'succeeded' | 'failed';

/** One server-side step: status, how many requests were sent, and the last failure. */
export interface ServerStep {
  status: ServerStepStatus;
  /** Requests sent so far (1 + retries). */
  attempts: number;
  /** The last request's error (kept while retrying, cleared by a success). */
  error: PiKitError | null;
}

/**
 * An immutable snapshot of one payment: what `PaymentHandle` exposes and what the
 * client's store holds in `payment`. A new object on every change, so it can be
 * compared by reference.
 *
 * - `data`: the `PaymentData` asked for (amount in π), or `null` when it was invalid;
 * - `paymentId`: Pi's payment identifier, from `onReadyForServerApproval`;
 * - `txid`: the blockchain transaction id, from `onReadyForServerCompletion`;
 * - `payment`: the last `PaymentDTO` seen (from the app server's answers or the SDK);
 * - `error`: the error that ended the payment, or the last retryable failure while it is open;
 * - `approval`, `completion`: the server steps (see {@link ServerStep}).
 */
export interface PaymentSnapshot {
  phase: PaymentPhase;
  data: PaymentData | null;
  paymentId: string | null;
  txid: string | null;
  payment: PaymentDTO | null;
  error: PiKitError | null;
  approval: ServerStep;
  completion: ServerStep;
}

/** A server step not requested yet (frozen: shared by every snapshot and view). Internal. */
export const IDLE_STEP: ServerStep = Object.freeze({ status: 'idle', attempts: 0, error: null });

/** The snapshot of a payment that was not started yet (`phase: "idle"`). */
export function createPaymentSnapshot(data: PaymentData | null): PaymentSnapshot {
  return { phase: 'idle', data, paymentId: null, txid: null, payment: null, error: null, approval: IDLE_STEP, completion: IDLE_STEP };
}
