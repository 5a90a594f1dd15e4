'use client';
import {
  isTerminalPhase,
  type PaymentData,
  type PaymentDTO,
  type PaymentPhase,
  paymentView,
  type PiClient,
  type PiClientState,
  type PiKitError,
  type ServerStep,
} from '@pi-kit/core';
import { useMemo } from 'react';
import { useStoreView } from '../store/use-tracked-store';
import { useClient } from './use-pi-client';

/**
 * What `usePayment()` returns: the client's current payment (core's `state.payment`
 * snapshot), derived flags, and the actions bound to the provider's client.
 */
export interface UsePaymentResult {
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
  /** No payment yet (or after `reset()`). */
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
  /**
   * Starts a U2A payment (`client.createPayment(data)`: `Pi.createPayment`, your server's
   * approval and completion) and resolves with the completed `PaymentDTO` after your server's
   * completion succeeded. Rejects with the typed error in `error`; while a payment is open it
   * rejects at once with `PaymentInProgressError` (`payment_in_progress`) and the open payment
   * goes on (with core's default `onPaymentConcurrency: 'reject'`).
   * Source: payments.md and the community guide's payment flow.
   */
  pay(data: PaymentData): Promise<PaymentDTO>;
  /**
   * Forgets a finished (completed, cancelled or failed) payment: back to `idle`
   * (core's `client.resetPayment()`: server answers that still arrive for it never bring it
   * back). Does nothing while a payment is open (core would throw `PaymentInProgressError`).
   */
  reset(): void;
}

type PaymentActions = Pick<UsePaymentResult, 'pay' | 'reset'>;

function paymentActions(client: PiClient): PaymentActions {
  return {
    pay: (data) => client.createPayment(data).promise,
    reset: () => {
      const current = client.store.getState().payment;
      // Core throws PaymentInProgressError for an open payment: here that is documented as a no-op.
      if (current && isTerminalPhase(current.phase)) client.resetPayment();
    },
  };
}

function buildPayment(state: PiClientState, actions: PaymentActions): UsePaymentResult {
  return { ...paymentView(state), ...actions };
}

/**
 * The client's current payment, to pay and show every phase. Without a selector the
 * component re-renders only when a field it reads changes (`const { phase } =
 * usePayment()` renders once per phase change); with a selector, when the selected
 * value changes (shallowly).
 *
 * @throws {PiProviderMissingError} outside a `<PiProvider>`.
 *
 * ```tsx
 * const { phase, pay, canPay, error } = usePayment();
 * <button disabled={!canPay} onClick={() => pay({ amount: 3.14, memo: 'Kitten #1234', metadata: { orderId: 1234 } }).catch(() => {})}>Buy</button>
 * ```
 */
export function usePayment(): UsePaymentResult;
export function usePayment<T>(select: (payment: UsePaymentResult) => T): T;
export function usePayment<T>(select?: (payment: UsePaymentResult) => T): UsePaymentResult | T {
  const client = useClient('usePayment');
  const actions = useMemo(() => paymentActions(client), [client]);
  return useStoreView(client.store, (state: PiClientState) => buildPayment(state, actions), select);
}
