'use client';
import {
  isTerminalPhase,
  type JsonObject,
  type PaymentData,
  type PaymentDTO,
  type PaymentView,
  paymentView,
  type PiClient,
  type PiClientState,
} from '@pi-kit/core';
import { useMemo } from 'react';
import { useStoreView } from '../store/use-tracked-store';
import { useClient } from './use-pi-client';

/**
 * What `usePayment()` returns: the client's current payment (core's `state.payment`
 * snapshot), derived flags, and the actions bound to the provider's client.
 */
export interface UsePaymentResult extends PaymentView {
  /**
   * Starts a U2A payment (`client.createPayment(data)`: `Pi.createPayment`, your server's
   * approval and completion) and resolves with the completed `PaymentDTO` after your server's
   * completion succeeded. Rejects with the typed error in `error`; while a payment is open it
   * rejects at once with `PaymentInProgressError` (`payment_in_progress`) and the open payment
   * goes on (with core's default `onPaymentConcurrency: 'reject'`).
   * Source: payments.md and the community guide's payment flow.
   */
  pay<Metadata extends object = JsonObject>(data: PaymentData<Metadata>): Promise<PaymentDTO>;
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
