/**
 * The simulated Pi Wallet: where the user reviews an approved payment and signs
 * it or rejects it (phase II of the payment flow, payments.md).
 *
 * - `'approve'`: signs every payment at once.
 * - `'reject'`: rejects every payment (the SDK calls `onCancel`).
 * - `'manual'`: waits for a decision: `pending()`, `next()`, `approve(id)`, `reject(id)`.
 *   The browser's wallet dialog is a view of a manual wallet.
 */
import type { PaymentDTO } from '@pi-kit/core';
import { SimulatedPiError } from './errors';

/** How the wallet decides. */
export type WalletMode = 'approve' | 'reject' | 'manual';

/** The user's decision on a payment. */
export type WalletDecision = 'approve' | 'reject';

/**
 * What became of a payment the wallet saw. `signed`: the user signed and the transaction is
 * submitted (the flow stays open until `completed`); `incomplete`: the app did not complete it
 * before the SDK's completion timer ended (it is found again at the next `authenticate`).
 */
export type WalletOutcome = 'signed' | 'rejected' | 'insufficient_funds' | 'cancelled' | 'failed' | 'completed' | 'incomplete';

/**
 * Where the payment flow UI is while no decision is asked (Pi's payment flow, payments.md):
 * - `awaiting_approval`: open from `createPayment`, but "cannot be interacted with until the payment
 *   is approved by your server";
 * - `submitting`: the user signed; the transaction goes to the blockchain;
 * - `awaiting_completion`: the transaction is on the blockchain; the flow "will not close" until the
 *   app's server completes the payment.
 */
export type WalletStage = 'awaiting_approval' | 'submitting' | 'awaiting_completion';

/** A payment awaiting the user's decision, with the user's balance in π when it was shown. */
export interface WalletReview {
  payment: PaymentDTO;
  balance: number;
}

/** What a wallet listener hears. */
export type WalletEvent =
  | { type: 'progress'; paymentId: string; stage: WalletStage; payment: PaymentDTO }
  | { type: 'review'; review: WalletReview }
  | { type: 'settled'; paymentId: string; outcome: WalletOutcome; message?: string };

/** The wallet of a simulated Pi user. */
export interface SimulatedWallet {
  /** The current mode. */
  readonly mode: WalletMode;
  /** Changes how later payments are decided (payments already pending stay pending). */
  setMode(mode: WalletMode): void;
  /** Payments waiting for a decision (manual mode), oldest first. Copies. */
  pending(): PaymentDTO[];
  /** Signs and submits a pending payment. Throws `SimulatedPiError` `wallet_payment_not_pending` otherwise. */
  approve(paymentId: string): void;
  /** Rejects a pending payment (the app gets `onCancel`). Throws `wallet_payment_not_pending` otherwise. */
  reject(paymentId: string): void;
  /** Resolves with the next payment awaiting a decision (at once if one is pending). */
  next(): Promise<PaymentDTO>;
  /** Listens to reviews and outcomes (the browser dialog uses it). Returns the unsubscribe function. */
  subscribe(listener: (event: WalletEvent) => void): () => void;
}

/** The SDK's side of the wallet (not part of the public `SimulatedWallet`). */
export interface WalletDriver {
  /** Asks the user; rejects with the signal's reason when the payment goes away first. */
  decide(review: WalletReview, signal: AbortSignal): Promise<WalletDecision>;
  /** Tells the wallet where the payment flow is (see {@link WalletStage}). */
  progress(payment: PaymentDTO, stage: WalletStage): void;
  /** Tells the wallet what became of a payment it reviewed. */
  settled(paymentId: string, outcome: WalletOutcome, message?: string): void;
}

interface PendingEntry {
  review: WalletReview;
  resolve: (decision: WalletDecision) => void;
}

/** Creates a wallet in `mode`, returning its public face and the SDK's driver. */
export function createWallet(mode: WalletMode = 'approve'): { wallet: SimulatedWallet; driver: WalletDriver } {
  assertMode(mode);
  let current = mode;
  const pending = new Map<string, PendingEntry>();
  const waiters: Array<(payment: PaymentDTO) => void> = [];
  const listeners = new Set<(event: WalletEvent) => void>();
  const emit = (event: WalletEvent) => {
    for (const listener of [...listeners]) listener(event);
  };

  const take = (paymentId: string): PendingEntry => {
    const entry = pending.get(paymentId);
    if (!entry) {
      throw new SimulatedPiError(
        'wallet_payment_not_pending',
        `Payment ${paymentId} is not waiting for a wallet decision. Use wallet.pending() or await wallet.next() first.`,
      );
    }
    pending.delete(paymentId);
    return entry;
  };

  const wallet: SimulatedWallet = {
    get mode() {
      return current;
    },
    setMode(next) {
      assertMode(next);
      current = next;
    },
    pending: () => [...pending.values()].map((entry) => structuredClone(entry.review.payment)),
    approve: (paymentId) => take(paymentId).resolve('approve'),
    reject: (paymentId) => take(paymentId).resolve('reject'),
    next() {
      const first = pending.values().next();
      if (!first.done) return Promise.resolve(structuredClone(first.value.review.payment));
      return new Promise((resolve) => waiters.push(resolve));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  const driver: WalletDriver = {
    decide(review, signal) {
      if (current === 'approve') return Promise.resolve('approve');
      if (current === 'reject') return Promise.resolve('reject');
      const id = review.payment.identifier;
      return new Promise<WalletDecision>((resolve, reject) => {
        pending.set(id, { review, resolve });
        signal.addEventListener(
          'abort',
          () => {
            if (pending.get(id)?.resolve !== resolve) return;
            pending.delete(id);
            emit({ type: 'settled', paymentId: id, outcome: 'cancelled' });
            reject(signal.reason);
          },
          { once: true },
        );
        emit({ type: 'review', review });
        for (const waiter of waiters.splice(0)) waiter(structuredClone(review.payment));
      });
    },
    progress(payment, stage) {
      emit({ type: 'progress', paymentId: payment.identifier, stage, payment: structuredClone(payment) });
    },
    settled(paymentId, outcome, message) {
      emit(message === undefined ? { type: 'settled', paymentId, outcome } : { type: 'settled', paymentId, outcome, message });
    },
  };
  return { wallet, driver };
}

function assertMode(mode: unknown): asserts mode is WalletMode {
  if (mode !== 'approve' && mode !== 'reject' && mode !== 'manual') {
    throw new SimulatedPiError('invalid_argument', `Unknown wallet mode ${JSON.stringify(mode)}: use 'approve', 'reject' or 'manual'.`);
  }
}
