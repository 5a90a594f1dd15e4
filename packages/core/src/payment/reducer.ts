import type { PiKitError } from '../errors/base';
import { normalizeSdkError } from '../errors/normalize';
import {
  ApprovalFailedError,
  CompletionFailedError,
  IncompletePaymentError,
  InvalidTransitionError,
  PaymentCancelledError,
  PaymentError,
  PaymentExpiredError,
} from '../errors/payment';
import type { PaymentDTO } from '../types/payment';
import type { PaymentEvent } from './events';
import type { PaymentPhase } from './phases';
import { isTerminalPhase } from './phases';
import type { PaymentSnapshot, ServerStep } from './snapshot';
import { canTransition } from './transitions';

/**
 * The pure state machine of a payment (TanStack Query style): given a snapshot and
 * an event, returns the next snapshot (a new object when anything changed, the same
 * object when the event changes nothing, e.g. a re-invoked callback).
 *
 * Rules (Pi docs, payments.md, `callbacks` keys and "Warning: concurrent payments"):
 * - `onReadyForServerApproval` / `onReadyForServerCompletion` re-invocations keep the phase;
 * - an approval or completion request can only start when none is in flight and the
 *   step has not succeeded (`approval.status` / `completion.status` is `idle` or `failed`);
 * - a failed request keeps the phase and records the error (`ApprovalFailedError`,
 *   `CompletionFailedError`) until a retry succeeds;
 * - `onCancel` ends the payment `cancelled` (`PaymentCancelledError`), or `failed`
 *   with the kept `ApprovalFailedError` when the approval had failed, or with
 *   `CompletionFailedError` once the user paid;
 * - `onError` ends it `failed`: `IncompletePaymentError` when the SDK passed another
 *   payment of the user that has a transaction; the kept `ApprovalFailedError` when the
 *   approval had failed; `PaymentExpiredError` for "expired"; else
 *   `CompletionFailedError` (once the user paid) or `PaymentError`;
 * - `sdkGaveUp` ends a payment whose completion failed `failed` (`CompletionFailedError`);
 * - server answers arriving after the payment ended are recorded in the step, never
 *   change the phase.
 *
 * @throws {InvalidTransitionError} (`code: "invalid_transition"`) for an event that is
 * impossible in the current phase, a phase change missing from `PAYMENT_TRANSITIONS`, or a
 * malformed event (no string `type`; a `reject` or `…Failed` without an `Error`; a
 * `…Succeeded` without a PaymentDTO). An `sdkError` whose error or payment is malformed still
 * ends the payment: the error is normalised, a payment without an `identifier` ignored.
 */
export function paymentReducer(state: PaymentSnapshot, event: PaymentEvent): PaymentSnapshot {
  const { phase, paymentId, txid } = state;
  const type = (event as Partial<PaymentEvent> | null)?.type as PaymentEvent['type'];
  const invalid = (): never => {
    throw new InvalidTransitionError(phase, typeof type === 'string' ? type : (typeof type as never));
  };
  // A malformed event (from plain JavaScript) is as impossible as a misplaced one: an error, never a crash.
  if (typeof type !== 'string') invalid();
  const { error: given, payment: reported } = event as { error?: unknown; payment?: unknown };
  const move = (to: PaymentPhase, patch?: Partial<PaymentSnapshot>): PaymentSnapshot => {
    if (!canTransition(phase, to)) throw new InvalidTransitionError(phase, type, to);
    return { ...state, ...patch, phase: to };
  };
  /** creating, approving, signing or completing. */
  const open = phase !== 'idle' && !isTerminalPhase(phase);
  /** The payment id an SDK callback names: a non-empty string, and this payment's once it is known. */
  const calledWith = (): string => {
    const id = (event as { paymentId?: unknown }).paymentId;
    return typeof id !== 'string' || id === '' || (paymentId !== null && paymentId !== id) ? invalid() : id;
  };

  // The server steps: a request starts only in the step's phase when none is in flight and it has not
  // succeeded; its answer moves the payment on, or keeps the phase with the error. A late answer (the
  // payment moved on or ended) is recorded in the step and never changes the phase.
  const started = (key: ServerStepKey): PaymentSnapshot => {
    const step = state[key];
    if (phase !== STEP_PHASE[key] || !canRequest(step)) invalid();
    return { ...state, [key]: { ...step, status: 'pending', attempts: step.attempts + 1 } };
  };
  const succeeded = (key: ServerStepKey): PaymentSnapshot => {
    const step = state[key];
    if (step.status !== 'pending' || !isPaymentDTO(reported)) invalid();
    const done: ServerStep = { status: 'succeeded', attempts: step.attempts, error: null };
    if (phase === STEP_PHASE[key])
      return move(key === 'approval' ? 'signing' : 'completed', { [key]: done, payment: reported as PaymentDTO, error: null });
    // A late answer's PaymentDTO is kept only when it is the newest knowledge (a completion; or nothing
    // seen yet): a late approval must not hide a completion.
    return { ...state, [key]: done, payment: key === 'approval' && state.payment ? state.payment : (reported as PaymentDTO) };
  };
  const failed = (key: ServerStepKey): PaymentSnapshot => {
    const step = state[key];
    if (step.status !== 'pending' || !(given instanceof Error)) invalid();
    const error = given as PiKitError;
    const next: PaymentSnapshot = { ...state, [key]: { status: 'failed', attempts: step.attempts, error } };
    if (phase === STEP_PHASE[key]) {
      next.error =
        key === 'approval'
          ? new ApprovalFailedError(paymentId ?? '', { cause: error })
          : new CompletionFailedError(paymentId ?? '', txid ?? '', { cause: error });
    }
    return next;
  };

  switch (event.type) {
    case 'start':
      if (phase === 'idle') return move('creating');
      break;

    case 'reject':
      if (!(given instanceof Error)) break;
      if (phase === 'idle' || phase === 'creating') return move('failed', { error: event.error });
      break;

    case 'readyForServerApproval': {
      const id = calledWith();
      if (phase === 'creating') return move('approving', { paymentId: id });
      if (open) return state; // a re-invocation
      break;
    }

    case 'readyForServerCompletion': {
      const id = calledWith();
      if (typeof event.txid !== 'string' || event.txid === '') break;
      if (phase === 'approving' || phase === 'signing') {
        // The transaction proves the approval: an approval failure kept as the error is over.
        const error = state.error instanceof ApprovalFailedError ? null : state.error;
        return move('completing', { paymentId: id, txid: event.txid, error });
      }
      if ((phase === 'completing' || phase === 'completed') && event.txid === txid) return state; // a re-invocation
      break;
    }

    case 'cancel': {
      const id = calledWith();
      if (phase === 'approving' && state.approval.status === 'failed') {
        const error =
          state.error instanceof ApprovalFailedError
            ? state.error
            : new ApprovalFailedError(id, { cause: state.approval.error ?? undefined });
        return move('failed', { paymentId: id, error });
      }
      if (phase === 'completing') {
        const cause = state.completion.error ?? new PaymentCancelledError(id);
        return move('failed', { error: new CompletionFailedError(id, txid ?? '', { cause }) });
      }
      if (open) return move('cancelled', { paymentId: id, error: new PaymentCancelledError(id) });
      break;
    }

    case 'sdkError': {
      if (!open) break;
      // What the SDK reported, as far as it is an error and a PaymentDTO.
      const pending = isPaymentDTO(event.payment) ? event.payment : undefined;
      const error = classifySdkError(state, normalizeSdkError(given), pending);
      const own =
        pending && !(error instanceof IncompletePaymentError) && (paymentId === null || pending.identifier === paymentId) ? pending : null;
      return move('failed', { error, payment: own ?? state.payment, paymentId: own ? own.identifier : paymentId });
    }

    case 'approvalStarted':
      return started('approval');
    case 'approvalSucceeded':
      return succeeded('approval');
    case 'approvalFailed':
      return failed('approval');
    case 'completionStarted':
      return started('completion');
    case 'completionSucceeded':
      return succeeded('completion');
    case 'completionFailed':
      return failed('completion');

    case 'sdkGaveUp':
      if (phase === 'completing' && state.completion.status === 'failed') {
        const cause = state.completion.error ?? undefined;
        return move('failed', { error: state.error ?? new CompletionFailedError(paymentId ?? '', txid ?? '', { cause }) });
      }
      break;
  }
  return invalid();
}

type ServerStepKey = 'approval' | 'completion';

/** The phase in which each server step is requested. */
const STEP_PHASE = { approval: 'approving', completion: 'completing' } as const;

/** True when a server step may be requested now: never requested, or its last request failed. */
export function canRequest(step: ServerStep): boolean {
  return step.status === 'idle' || step.status === 'failed';
}

/**
 * True for a payment that has a blockchain transaction but is neither completed nor
 * cancelled (false for anything that is not a PaymentDTO).
 */
export function isIncompletePayment(payment: PaymentDTO): boolean {
  const status: Partial<PaymentDTO['status']> | null = isPaymentDTO(payment) && typeof payment.status === 'object' ? payment.status : null;
  return !!status && !!payment.transaction && !status.developer_completed && !status.cancelled && !status.user_cancelled;
}

/** At least the shape the reducer reads: an object with a string `identifier`. */
function isPaymentDTO(value: unknown): value is PaymentDTO {
  return typeof (value as PaymentDTO | null)?.identifier === 'string';
}

/** Maps the SDK's `onError(error, payment?)` to the typed error that ends the payment. */
function classifySdkError(state: PaymentSnapshot, error: Error, payment: PaymentDTO | undefined): PiKitError {
  const paymentId = state.paymentId;
  if (payment && payment.identifier !== paymentId && isIncompletePayment(payment)) {
    return new IncompletePaymentError(payment, { cause: error });
  }
  if (state.phase === 'approving' && state.approval.status === 'failed' && paymentId) {
    return new ApprovalFailedError(paymentId, {
      cause: state.approval.error ?? error,
      details: `${error.message} (after the app server failed to approve)`,
    });
  }
  if (/expired/i.test(error.message)) return new PaymentExpiredError(paymentId, { cause: error });
  if (state.phase === 'completing' && paymentId) return new CompletionFailedError(paymentId, state.txid ?? '', { cause: error });
  return new PaymentError(paymentId, payment, { cause: error });
}
