import type { PiKitError } from '../errors/base';
import { PaymentError, type InvalidTransitionError } from '../errors/payment';
import { applyPaymentEvent } from '../payment/apply';
import type { PaymentEvent } from '../payment/events';
import { isTerminalPhase, type PaymentPhase } from '../payment/phases';
import type { PaymentSnapshot } from '../payment/snapshot';
import { createPaymentSnapshot } from '../payment/snapshot';
import type { PaymentData, PaymentDTO } from '../types/payment';
import { Emitter } from './emitter';

/**
 * The events of a {@link PaymentHandle}. Every listener also gets the new snapshot.
 * - `phase`: the phase changed; `paymentId`, `txid`: became known;
 * - `payment`: a new PaymentDTO was seen; `error`: a new error (retryable while the
 *   payment is open, final once it ended); `change`: anything changed.
 */
export interface PaymentHandleEvents {
  phase: [phase: PaymentPhase, snapshot: PaymentSnapshot];
  paymentId: [paymentId: string, snapshot: PaymentSnapshot];
  txid: [txid: string, snapshot: PaymentSnapshot];
  payment: [payment: PaymentDTO, snapshot: PaymentSnapshot];
  error: [error: PiKitError, snapshot: PaymentSnapshot];
  change: [snapshot: PaymentSnapshot, previous: PaymentSnapshot];
}

/**
 * One payment started by `client.createPayment(data)`. Awaitable: it resolves with
 * the completed PaymentDTO (after the app server's `/complete` succeeded: the only
 * moment to deliver, seed `001_…` "App Payment Security") or rejects with the typed
 * error that ended it (`PaymentCancelledError`, `ApprovalFailedError`,
 * `CompletionFailedError`, `IncompletePaymentError`, `PaymentExpiredError`,
 * `PaymentError`, `PaymentInProgressError`, `InvalidPaymentDataError`,
 * `NotInitializedError`, `NotAuthenticatedError`). It settles exactly once.
 */
export interface PaymentHandle extends PromiseLike<PaymentDTO> {
  /** The current immutable snapshot. */
  readonly snapshot: PaymentSnapshot;
  readonly phase: PaymentPhase;
  readonly paymentId: string | null;
  readonly txid: string | null;
  /** The last PaymentDTO seen. */
  readonly payment: PaymentDTO | null;
  readonly error: PiKitError | null;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof PaymentHandleEvents>(event: K, listener: (...args: PaymentHandleEvents[K]) => void): () => void;
  /** Resolves with the completed PaymentDTO or rejects with the typed error. Never an unhandled rejection when ignored. */
  readonly promise: Promise<PaymentDTO>;
}

/** Hooks a {@link PaymentController} calls. */
export interface PaymentControllerHooks {
  onChange(controller: PaymentController, snapshot: PaymentSnapshot): void;
  onInvariantViolation(error: InvalidTransitionError, context: { state: PaymentSnapshot; event: PaymentEvent }): void;
  onListenerError(error: unknown): void;
  strict: boolean | undefined;
}

/** Holds one payment's snapshot, applies events, emits changes and settles the promise once. Internal. */
export class PaymentController implements PaymentHandle {
  #snapshot: PaymentSnapshot;
  readonly #emitter: Emitter<PaymentHandleEvents>;
  readonly #hooks: PaymentControllerHooks;
  #resolve!: (payment: PaymentDTO) => void;
  #reject!: (error: PiKitError) => void;
  #settled = false;
  readonly promise: Promise<PaymentDTO>;
  /** Resolves (never rejects) once the payment ended. */
  readonly ended: Promise<void>;

  constructor(data: PaymentData | null, hooks: PaymentControllerHooks) {
    this.#snapshot = createPaymentSnapshot(data);
    this.#hooks = hooks;
    this.#emitter = new Emitter(hooks.onListenerError);
    this.promise = new Promise<PaymentDTO>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.promise.catch(() => undefined);
    this.ended = this.promise.then(
      () => undefined,
      () => undefined,
    );
  }

  get snapshot(): PaymentSnapshot {
    return this.#snapshot;
  }
  get phase(): PaymentPhase {
    return this.#snapshot.phase;
  }
  get paymentId(): string | null {
    return this.#snapshot.paymentId;
  }
  get txid(): string | null {
    return this.#snapshot.txid;
  }
  get payment(): PaymentDTO | null {
    return this.#snapshot.payment;
  }
  get error(): PiKitError | null {
    return this.#snapshot.error;
  }
  get settled(): boolean {
    return this.#settled;
  }

  on<K extends keyof PaymentHandleEvents>(event: K, listener: (...args: PaymentHandleEvents[K]) => void): () => void {
    return this.#emitter.on(event, listener);
  }

  then<T1 = PaymentDTO, T2 = never>(
    onfulfilled?: ((value: PaymentDTO) => T1 | PromiseLike<T1>) | null,
    onrejected?: ((reason: unknown) => T2 | PromiseLike<T2>) | null,
  ): Promise<T1 | T2> {
    return this.promise.then(onfulfilled, onrejected);
  }

  /**
   * Applies an event (see `applyPaymentEvent`): an impossible one is reported and,
   * in strict mode, thrown. Returns the new snapshot.
   */
  dispatch(event: PaymentEvent): PaymentSnapshot {
    const previous = this.#snapshot;
    const next = applyPaymentEvent(previous, event, {
      onInvariantViolation: this.#hooks.onInvariantViolation,
      strict: this.#hooks.strict,
    });
    if (next === previous) return next;
    this.#snapshot = next;
    this.#hooks.onChange(this, next);
    if (next.paymentId !== previous.paymentId && next.paymentId) this.#emitter.emit('paymentId', next.paymentId, next);
    if (next.txid !== previous.txid && next.txid) this.#emitter.emit('txid', next.txid, next);
    if (next.payment !== previous.payment && next.payment) this.#emitter.emit('payment', next.payment, next);
    if (next.error !== previous.error && next.error) this.#emitter.emit('error', next.error, next);
    if (next.phase !== previous.phase) this.#emitter.emit('phase', next.phase, next);
    this.#emitter.emit('change', next, previous);
    if (isTerminalPhase(next.phase) && !this.#settled) {
      this.#settled = true;
      if (next.phase === 'completed' && next.payment) this.#resolve(next.payment);
      else this.#reject(next.error ?? new PaymentError(next.paymentId, next.payment ?? undefined));
    }
    return next;
  }

  /** Like {@link dispatch}, but never throws (for asynchronous callers, where a throw would be an unhandled rejection: the violation is reported already). */
  dispatchSafely(event: PaymentEvent): PaymentSnapshot {
    try {
      return this.dispatch(event);
    } catch {
      return this.#snapshot;
    }
  }
}
