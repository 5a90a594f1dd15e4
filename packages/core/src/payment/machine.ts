import type { PiKitError } from '../errors/base';
import { PaymentError, type InvalidTransitionError } from '../errors/payment';
import { applyPaymentEvent } from './apply';
import type { PaymentEvent } from './events';
import { isTerminalPhase, type PaymentPhase } from './phases';
import type { PaymentSnapshot } from './snapshot';
import { createPaymentSnapshot } from './snapshot';
import type { PaymentData, PaymentDTO } from '../types/payment';
import { createEmitter, type Emitter } from './emitter';

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
 * moment to deliver, the community guide's payment flow "App Payment Security") or rejects with the typed
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

/** Options of a {@link PaymentMachine}. */
export interface PaymentMachineOptions {
  /** Called after every change, before the handle's own events. */
  onChange?: ((machine: PaymentMachine, snapshot: PaymentSnapshot) => void) | undefined;
  /** Called with every impossible transition (see `applyPaymentEvent`). */
  onInvariantViolation?: ((error: InvalidTransitionError, context: { state: PaymentSnapshot; event: PaymentEvent }) => void) | undefined;
  /** Called when a listener throws (the other listeners still run). Default: ignored. */
  onListenerError?: ((error: unknown) => void) | undefined;
  /** Throw impossible transitions. Default: in development. */
  strict?: boolean | undefined;
}

/**
 * One payment's state machine with a {@link PaymentHandle} face: holds the snapshot,
 * applies events with {@link applyPaymentEvent}, emits the handle's events, and
 * settles its promise exactly once, when a terminal phase is reached (`completed`
 * resolves with the last PaymentDTO; `cancelled`/`failed` reject with `error`).
 * `createPiClient` drives one per payment from the SDK's callbacks and the server's
 * answers; custom integrations can drive their own.
 */
export class PaymentMachine implements PaymentHandle {
  /** The snapshot. */
  declare private current: PaymentSnapshot;
  /** The options. */
  declare private readonly options: PaymentMachineOptions;
  /** The emitter of the handle's events. */
  declare private readonly emitter: Emitter<PaymentHandleEvents>;
  /** Settles `promise`: resolves with the PaymentDTO, or rejects with the error. */
  declare private readonly settle: [resolve: (payment: PaymentDTO) => void, reject: (error: PiKitError) => void];
  /** Whether `promise` is settled. */
  declare private isSettled: boolean;
  declare readonly promise: Promise<PaymentDTO>;
  /** Resolves (never rejects) once the payment ended. */
  declare readonly ended: Promise<void>;

  constructor(data: PaymentData | null, hooks: PaymentMachineOptions = {}) {
    this.current = createPaymentSnapshot(data);
    this.options = hooks;
    this.isSettled = false;
    this.emitter = createEmitter(hooks.onListenerError ?? (() => undefined));
    let settle!: [(payment: PaymentDTO) => void, (error: PiKitError) => void];
    this.promise = new Promise<PaymentDTO>((resolve, reject) => {
      settle = [resolve, reject];
    });
    this.settle = settle;
    this.ended = this.promise.then(
      () => undefined,
      () => undefined,
    );
  }

  get snapshot(): PaymentSnapshot {
    return this.current;
  }
  get phase(): PaymentPhase {
    return this.current.phase;
  }
  get paymentId(): string | null {
    return this.current.paymentId;
  }
  get txid(): string | null {
    return this.current.txid;
  }
  get payment(): PaymentDTO | null {
    return this.current.payment;
  }
  get error(): PiKitError | null {
    return this.current.error;
  }
  /** True once the promise settled (a terminal phase was reached). */
  get settled(): boolean {
    return this.isSettled;
  }

  on<K extends keyof PaymentHandleEvents>(event: K, listener: (...args: PaymentHandleEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  // biome-ignore lint/suspicious/noThenProperty: PaymentHandle is awaitable on purpose (`await client.createPayment(data)`); `then` delegates to `promise`.
  then<T1 = PaymentDTO, T2 = never>(
    onfulfilled?: ((value: PaymentDTO) => T1 | PromiseLike<T1>) | null,
    onrejected?: ((reason: unknown) => T2 | PromiseLike<T2>) | null,
  ): Promise<T1 | T2> {
    return this.promise.then(onfulfilled, onrejected);
  }

  /**
   * Applies an event: an impossible one is reported and, in strict mode, thrown
   * (then nothing changed). Returns the new snapshot.
   * @throws {InvalidTransitionError} in strict mode.
   */
  dispatch(event: PaymentEvent): PaymentSnapshot {
    const previous = this.current;
    const next = applyPaymentEvent(previous, event, this.options);
    if (next === previous) return next;
    this.current = next;
    this.options.onChange?.(this, next);
    // In this order: paymentId, txid, payment, error (each when it became a new non-null value), phase, change.
    for (const key of ['paymentId', 'txid', 'payment', 'error', 'phase'] as const) {
      if (next[key] !== previous[key] && next[key]) (this.emitter.emit as (k: string, ...a: unknown[]) => void)(key, next[key], next);
    }
    this.emitter.emit('change', next, previous);
    if (isTerminalPhase(next.phase) && !this.isSettled) {
      this.isSettled = true;
      if (next.phase === 'completed' && next.payment) this.settle[0](next.payment);
      else this.settle[1](next.error ?? new PaymentError(next.paymentId, next.payment ?? undefined));
    }
    return next;
  }

  /** Like {@link dispatch}, but never throws (for asynchronous callers, where a throw would be an unhandled rejection: the violation is reported already). */
  dispatchSafely(event: PaymentEvent): PaymentSnapshot {
    try {
      return this.dispatch(event);
    } catch {
      return this.current;
    }
  }
}
