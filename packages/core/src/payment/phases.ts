/**
 * The phases of a U2A payment as pi-kit tracks it in the browser, following Pi's
 * three-phase flow (the community guide's payment flow, "Payment Flow Steps"; payments.md, "The Payment flow"):
 *
 * - `idle`: the handle exists, nothing was sent to Pi yet (e.g. waiting for an open payment);
 * - `creating`: `Pi.createPayment` was called; Pi's servers are creating the payment;
 * - `approving`: `onReadyForServerApproval(paymentId)` came; the app server approves (Phase I);
 * - `signing`: approved; the user reviews, signs and submits the transaction (Phase II);
 * - `completing`: `onReadyForServerCompletion(paymentId, txid)` came; the app server completes (Phase III);
 * - `completed`: the app server's completion succeeded: the only phase in which to deliver;
 * - `cancelled`: `onCancel`: rejected by the user, insufficient funds, or replaced by a newer payment;
 * - `failed`: anything else that ended the payment (see the snapshot's `error`).
 */
export const PAYMENT_PHASES = ['idle', 'creating', 'approving', 'signing', 'completing', 'completed', 'cancelled', 'failed'] as const;

/** One phase of a payment; see {@link PAYMENT_PHASES}. */
export type PaymentPhase = (typeof PAYMENT_PHASES)[number];

/** The phases a payment never leaves. */
export const TERMINAL_PAYMENT_PHASES = ['completed', 'cancelled', 'failed'] as const satisfies readonly PaymentPhase[];

/** A phase a payment never leaves. */
export type TerminalPaymentPhase = (typeof TERMINAL_PAYMENT_PHASES)[number];

/** True for `completed`, `cancelled` and `failed`. */
export function isTerminalPhase(phase: PaymentPhase): phase is TerminalPaymentPhase {
  return phase === 'completed' || phase === 'cancelled' || phase === 'failed';
}
