import type { PiKitError } from '../errors/base';
import { isTerminalPhase, type PaymentPhase } from '../payment/phases';
import type { PaymentSnapshot, ServerStep } from '../payment/snapshot';
import type { PiClientState } from '../store/state';
import type { PaymentData, PaymentDTO } from '../types/payment';

/**
 * The client's current payment as a UI shows it: the snapshot's fields and the flags derived
 * from them, computed here once for every binding (`usePayment` in React, a vanilla page).
 */
export interface PaymentView {
  /** `idle` when there is no payment (none started, or forgotten by `resetPayment()`). */
  phase: PaymentPhase;
  paymentId: string | null;
  txid: string | null;
  /** The last `PaymentDTO` seen (amounts in π). */
  payment: PaymentDTO | null;
  data: PaymentData | null;
  /** The final error, or the last retryable failure while the payment is open. */
  error: PiKitError | null;
  approval: ServerStep;
  completion: ServerStep;
  /** No payment. */
  isIdle: boolean;
  /** A payment is open (creating, approving, signing or completing). */
  isPending: boolean;
  isCompleted: boolean;
  isCancelled: boolean;
  isFailed: boolean;
  /** A new payment may start: signed in with the `payments` scope, and no payment open. */
  canPay: boolean;
}

const NO_STEP: ServerStep = { status: 'idle', attempts: 0, error: null };

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
    approval: snapshot.approval ?? NO_STEP,
    completion: snapshot.completion ?? NO_STEP,
    isIdle: state.payment === null,
    isPending: open,
    isCompleted: phase === 'completed',
    isCancelled: phase === 'cancelled',
    isFailed: phase === 'failed',
    canPay: !open && auth.status === 'authenticated' && auth.scopes.includes('payments'),
  };
}
