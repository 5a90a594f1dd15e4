/**
 * One U2A payment as Pi's SDK drives it after `createPayment` (payments.md,
 * docs/PI-PLATFORM.md ("The browser SDK")):
 *
 * 1. approval: `onReadyForServerApproval(paymentId)` at once, then again every
 *    `callbackRetryMs` while the payment is not `developer_approved`, until
 *    `approvalTimeoutMs` after creation; then the payment expires (the network
 *    cancels it with reason `expired`) and the app gets `onError(Error("The payment has expired"), payment)`
 *    (or `onCancel` with `expiry: 'cancel'`).
 * 2. wallet: the user signs (→ the transaction is submitted) or rejects
 *    (→ `onCancel`); insufficient funds → the payment is cancelled, `onCancel`.
 * 3. completion: `onReadyForServerCompletion(paymentId, txid)` at once, then
 *    every `callbackRetryMs` while not `developer_completed`, until
 *    `completionTimeoutMs`; after that the payment stays incomplete and is found
 *    by the next `authenticate`.
 *
 * A cancellation seen at any time before the transaction (by the app's
 * `/cancel`, or a concurrent payment) ends the flow with `onCancel`.
 * All waiting uses `setTimeout`, so `vi.useFakeTimers()` drives it.
 */
import type { PaymentCallbacks, PaymentDTO } from '@pi-kit/core';
import { isInsufficientFunds, type PaymentState, type SdkBackend, type SdkLogEntry, type SdkTimings } from './backend';
import { PAYMENT_EXPIRED_MESSAGE, SimulatedPiError } from './errors';
import type { WalletDecision, WalletDriver } from './wallet';

/** What a flow needs from its SDK. */
export interface PaymentFlowContext {
  backend: SdkBackend;
  wallet: WalletDriver;
  timings: SdkTimings;
  user: string;
  /** Which callback an expired payment gets. */
  expiry: 'error' | 'cancel';
  /** Called once when the flow ends, whatever the outcome. */
  onEnd: (flow: PaymentFlow) => void;
}

type Phase = 'approval' | 'wallet' | 'submitting' | 'completion' | 'done';

type CallbackName = keyof PaymentCallbacks;

/** The running flow of one payment. Use {@link PaymentFlow.start}; {@link PaymentFlow.stop} ends it silently. */
export class PaymentFlow {
  private phase: Phase = 'approval';
  /** Set when the approval timer ended: a cancellation seen now is the expiry. */
  private expiring = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly abort = new AbortController();
  private unwatch: (() => void) | undefined;

  constructor(
    private readonly ctx: PaymentFlowContext,
    private payment: PaymentDTO,
    private readonly callbacks: PaymentCallbacks,
  ) {}

  /** The payment's identifier. */
  get paymentId(): string {
    return this.payment.identifier;
  }

  /** Starts phase 1 (calls `onReadyForServerApproval`). */
  start(): void {
    const { timings, backend } = this.ctx;
    this.unwatch = backend.watchPayment(this.paymentId, (payment) => this.update(payment));
    this.scheduleApprovalRetry(timings.callbackRetryMs);
    this.after(timings.approvalTimeoutMs, () => this.expire());
    // Step 1 of Pi's flow: the UI opens at once, but cannot be interacted with until approval.
    this.ctx.wallet.progress(this.payment, 'awaiting_approval');
    this.invoke('onReadyForServerApproval', this.paymentId);
  }

  /** Takes a newer state of the payment into account (a watcher saw a change, or the SDK changed it). */
  update(state: PaymentState): void {
    const { payment, cancelReason } = state;
    if (this.phase === 'done' || payment.identifier !== this.paymentId) return;
    this.payment = payment;
    const { status } = payment;
    if ((status.cancelled || status.user_cancelled) && this.phase !== 'submitting') {
      if ((cancelReason === 'expired' || this.expiring) && this.phase === 'approval') {
        this.expired();
        return;
      }
      this.end();
      this.ctx.wallet.settled(this.paymentId, 'cancelled');
      this.invoke('onCancel', this.paymentId);
      return;
    }
    if (this.phase === 'approval' && status.developer_approved) {
      this.clearTimers();
      this.phase = 'wallet';
      void this.review();
      return;
    }
    if (this.phase === 'completion' && status.developer_completed) {
      this.end();
      this.ctx.wallet.settled(this.paymentId, 'completed');
      this.log('sdk', 'payment_flow_closed');
    }
  }

  /** Ends the flow without calling anything (the SDK was disposed). */
  stop(): void {
    if (this.phase !== 'done') this.end();
  }

  private scheduleApprovalRetry(elapsedMs: number): void {
    const { callbackRetryMs, approvalTimeoutMs } = this.ctx.timings;
    if (elapsedMs >= approvalTimeoutMs) return;
    this.after(callbackRetryMs, async () => {
      await this.refresh();
      if (this.phase !== 'approval') return;
      this.invoke('onReadyForServerApproval', this.paymentId);
      this.scheduleApprovalRetry(elapsedMs + callbackRetryMs);
    });
  }

  private async expire(): Promise<void> {
    await this.refresh();
    if (this.phase !== 'approval') return;
    this.expiring = true;
    const state = await this.ctx.backend.expire(this.paymentId).catch(() => null);
    if (state) this.update(state);
    if (this.phase === 'approval') this.expired();
  }

  /** The approval timer ended without approval: Pi cancelled the payment. */
  private expired(): void {
    this.end();
    this.log('sdk', 'payment_expired');
    this.ctx.wallet.settled(this.paymentId, 'cancelled');
    if (this.ctx.expiry === 'cancel') this.invoke('onCancel', this.paymentId);
    else this.invoke('onError', new SimulatedPiError('payment_expired', PAYMENT_EXPIRED_MESSAGE), this.payment);
  }

  private async review(): Promise<void> {
    const { backend, wallet, user } = this.ctx;
    const balance = await backend.balanceOf(user).catch(() => Number.NaN);
    if (this.phase !== 'wallet') return;
    let decision: WalletDecision;
    try {
      decision = await wallet.decide({ payment: structuredClone(this.payment), balance }, this.abort.signal);
    } catch {
      return; // the payment went away while the user looked at it
    }
    if (this.phase !== 'wallet') return;
    this.log('sdk', 'wallet_decision', { decision });
    if (decision === 'reject') {
      this.end();
      await this.cancelByUser('user');
      wallet.settled(this.paymentId, 'rejected');
      this.invoke('onCancel', this.paymentId);
      return;
    }
    this.phase = 'submitting';
    wallet.progress(this.payment, 'submitting');
    let submitted: PaymentDTO;
    try {
      submitted = await backend.submitTransaction(this.paymentId);
    } catch (error) {
      await this.submitFailed(error);
      return;
    }
    if (this.phase !== 'submitting') return;
    this.payment = submitted;
    this.phase = 'completion';
    wallet.settled(this.paymentId, 'signed');
    // Phase III: the flow stays open until the app's server completes the payment.
    wallet.progress(submitted, 'awaiting_completion');
    this.startCompletion(submitted.transaction?.txid ?? '');
  }

  private async submitFailed(error: unknown): Promise<void> {
    if (this.phase !== 'submitting') return;
    this.end();
    if (isInsufficientFunds(error)) {
      await this.cancelByUser('insufficient_funds');
      this.log('sdk', 'insufficient_funds', { message: messageOf(error) });
      this.ctx.wallet.settled(this.paymentId, 'insufficient_funds', messageOf(error));
      this.invoke('onCancel', this.paymentId);
      return;
    }
    const latest = (await this.ctx.backend.paymentState(this.paymentId).catch(() => null))?.payment;
    if (latest && (latest.status.cancelled || latest.status.user_cancelled)) {
      this.ctx.wallet.settled(this.paymentId, 'cancelled');
      this.invoke('onCancel', this.paymentId);
      return;
    }
    this.ctx.wallet.settled(this.paymentId, 'failed', messageOf(error));
    this.invoke('onError', error instanceof Error ? error : new Error(messageOf(error)), latest ?? this.payment);
  }

  private startCompletion(txid: string): void {
    const { callbackRetryMs, completionTimeoutMs } = this.ctx.timings;
    const retry = (elapsedMs: number) => {
      if (elapsedMs >= completionTimeoutMs) return;
      this.after(callbackRetryMs, async () => {
        await this.refresh();
        if (this.phase !== 'completion') return;
        this.invoke('onReadyForServerCompletion', this.paymentId, txid);
        retry(elapsedMs + callbackRetryMs);
      });
    };
    retry(callbackRetryMs);
    this.after(completionTimeoutMs, async () => {
      await this.refresh();
      if (this.phase !== 'completion') return;
      this.end();
      this.log('sdk', 'completion_timer_ended');
      this.ctx.wallet.settled(this.paymentId, 'incomplete');
    });
    this.invoke('onReadyForServerCompletion', this.paymentId, txid);
  }

  private async refresh(): Promise<void> {
    if (this.phase === 'done') return;
    const latest = await this.ctx.backend.paymentState(this.paymentId).catch(() => null);
    if (latest) this.update(latest);
  }

  private async cancelByUser(reason: 'user' | 'insufficient_funds'): Promise<void> {
    try {
      this.payment = await this.ctx.backend.cancelByUser(this.paymentId, reason);
    } catch (error) {
      this.log('sdk', 'cancel_failed', { message: messageOf(error) });
    }
  }

  private invoke<Name extends CallbackName>(name: Name, ...args: Parameters<PaymentCallbacks[Name]>): void {
    this.log(
      'callback',
      name,
      args.map((arg) => (arg instanceof Error ? { error: arg.message } : arg)),
    );
    try {
      const result = (this.callbacks[name] as (...a: unknown[]) => unknown)(...args);
      if (result && typeof (result as Promise<unknown>).catch === 'function') {
        (result as Promise<unknown>).catch((error: unknown) =>
          this.log('sdk', 'callback_rejected', { callback: name, message: messageOf(error) }),
        );
      }
    } catch (error) {
      this.log('sdk', 'callback_threw', { callback: name, message: messageOf(error) });
    }
  }

  private log(kind: SdkLogEntry['kind'], name: string, details?: unknown): void {
    const entry: SdkLogEntry = { kind, name, user: this.ctx.user, paymentId: this.paymentId };
    if (details !== undefined) entry.details = details;
    this.ctx.backend.log(entry);
  }

  private after(ms: number, run: () => void | Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, ms);
    this.timers.add(timer);
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private end(): void {
    this.phase = 'done';
    this.clearTimers();
    this.unwatch?.();
    this.unwatch = undefined;
    this.abort.abort(new SimulatedPiError('invalid_argument', 'The payment flow ended.'));
    this.ctx.onEnd(this);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
