import type { PiKitError } from '../errors/base';
import { isTerminalPhase, type PaymentPhase } from '../payment/phases';
import { IDLE_STEP, type PaymentSnapshot, type ServerStep } from '../payment/snapshot';
import type { PiClientState } from '../store/state';
import type { PaymentData, PaymentDTO } from '../types/payment';

/**
 * The client's current payment as a UI shows it: the snapshot's fields and the flags derived
 * from them, computed here once for every binding (`usePayment` in React, a vanilla page).
 */
export interface PaymentView {
  /**
   * `idle` (no payment yet, or reset) → `creating` → `approving` (your server approves,
   * phase I) → `signing` (the user signs in the Pi wallet, phase II) → `completing` (your
   * server completes, phase III) → `completed`; or `cancelled` / `failed`.
   * Source: the community guide's payment flow, "Payment Flow Steps".
   */
  phase: PaymentPhase;
  /** Pi's payment identifier, from `onReadyForServerApproval`. */
  paymentId: string | null;
  /** The blockchain transaction id, from `onReadyForServerCompletion`. */
  txid: string | null;
  /** The latest `PaymentDTO` seen (from your server's answers or the SDK). Amount in π. */
  payment: PaymentDTO | null;
  /** The `PaymentData` of the payment (amount in π, memo, metadata). */
  data: PaymentData | null;
  /**
   * The typed error that ended the payment (`PaymentCancelledError` `payment_cancelled`,
   * `ApprovalFailedError` `approval_failed`, `CompletionFailedError` `completion_failed`,
   * `IncompletePaymentError` `incomplete_payment`, `PaymentExpiredError` `payment_expired`,
   * `PaymentError` `payment_error`, `InvalidPaymentDataError` `invalid_payment_data`,
   * `NotAuthenticatedError` `not_authenticated`, `NotInitializedError` `not_initialized`), or,
   * while the payment is open, the last failure of a server step that is being retried.
   */
  error: PiKitError | null;
  /** Your server's approval: `{ status: 'idle'|'pending'|'succeeded'|'failed', attempts, error }`. */
  approval: ServerStep;
  /** Your server's completion: `{ status, attempts, error }` (attempts > 1: retried). */
  completion: ServerStep;
  /** No payment yet (or after `resetPayment()`). */
  isIdle: boolean;
  /** A payment is open: started, not yet completed, cancelled or failed. */
  isPending: boolean;
  /** Completed: your server's `/complete` succeeded; the only moment to deliver. */
  isCompleted: boolean;
  isCancelled: boolean;
  isFailed: boolean;
  /**
   * `pay` would start a payment now: a user is signed in with the `payments` scope and no
   * payment is open (core allows one open payment per client).
   */
  canPay: boolean;
}

/**
 * The {@link PaymentView} of a client state (`client.store.getState()`). Pure; the same state
 * gives equal views.
 *
 * Source: Pi's three phases, docs/PI-PLATFORM.md "The payment flow (U2A)".
 */
export function paymentView(state: PiClientState): PaymentView {
  const snapshot: Partial<PaymentSnapshot> = state.payment ?? {};
  const phase = snapshot.phase ?? 'idle';
  const open = state.payment !== null && !isTerminalPhase(phase);
  const { auth } = state;
  return {
    phase,
    paymentId: snapshot.paymentId ?? null,
    txid: snapshot.txid ?? null,
    payment: snapshot.payment ?? null,
    data: snapshot.data ?? null,
    error: snapshot.error ?? null,
    approval: snapshot.approval ?? IDLE_STEP,
    completion: snapshot.completion ?? IDLE_STEP,
    isIdle: state.payment === null,
    isPending: open,
    isCompleted: phase === 'completed',
    isCancelled: phase === 'cancelled',
    isFailed: phase === 'failed',
    canPay: !open && auth.status === 'authenticated' && auth.scopes.includes('payments'),
  };
}
