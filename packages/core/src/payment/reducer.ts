import type { PiKitError } from '../errors/base';
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
 * Rules (Pi docs, seed `002_…`, `callbacks` keys and "Warning: concurrent payments"):
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
 * impossible in the current phase or a phase change missing from `PAYMENT_TRANSITIONS`.
 */
export function paymentReducer(state: PaymentSnapshot, event: PaymentEvent): PaymentSnapshot {
  const { phase } = state;
  const invalid = (): never => {
    throw new InvalidTransitionError(phase, event.type);
  };
  const move = (to: PaymentPhase, patch: Partial<PaymentSnapshot>): PaymentSnapshot => {
    if (!canTransition(phase, to)) throw new InvalidTransitionError(phase, event.type, to);
    return { ...state, ...patch, phase: to };
  };
  const checkPaymentId = (paymentId: string): void => {
    if (typeof paymentId !== 'string' || paymentId === '') invalid();
    if (state.paymentId !== null && state.paymentId !== paymentId) invalid();
  };

  // The server steps: a request starts only in the step's phase when none is in flight and it
  // has not succeeded; its answer moves the payment on, or keeps the phase with the error.
  const startStep = (key: ServerStepKey): PaymentSnapshot => {
    const step = state[key];
    if (phase !== SERVER_STEPS[key].phase || !canRequest(step)) return invalid();
    return { ...state, [key]: { ...step, status: 'pending', attempts: step.attempts + 1 } };
  };
  const succeedStep = (key: ServerStepKey, payment: PaymentDTO): PaymentSnapshot => {
    if (state[key].status !== 'pending') return invalid();
    const step: ServerStep = { status: 'succeeded', attempts: state[key].attempts, error: null };
    const { phase: stepPhase, next } = SERVER_STEPS[key];
    if (phase === stepPhase) return move(next, { [key]: step, payment, error: null });
    // A late answer is recorded and the phase stays. Its PaymentDTO is kept only when it is the
    // newest knowledge (a completion; or nothing seen yet): a late approval must not hide a completion.
    return { ...state, [key]: step, payment: key === 'completion' || state.payment === null ? payment : state.payment };
  };
  const failStep = (key: ServerStepKey, error: PiKitError): PaymentSnapshot => {
    if (state[key].status !== 'pending') return invalid();
    const step: ServerStep = { status: 'failed', attempts: state[key].attempts, error };
    if (phase === SERVER_STEPS[key].phase) return { ...state, [key]: step, error: SERVER_STEPS[key].failure(state, error) };
    return { ...state, [key]: step };
  };

  switch (event.type) {
    case 'start':
      return phase === 'idle' ? move('creating', {}) : invalid();

    case 'reject':
      return phase === 'idle' || phase === 'creating' ? move('failed', { error: event.error }) : invalid();

    case 'readyForServerApproval':
      checkPaymentId(event.paymentId);
      if (phase === 'creating') return move('approving', { paymentId: event.paymentId });
      if (phase === 'approving' || phase === 'signing' || phase === 'completing') return state;
      return invalid();

    case 'readyForServerCompletion': {
      checkPaymentId(event.paymentId);
      if (typeof event.txid !== 'string' || event.txid === '') return invalid();
      if (phase === 'approving' || phase === 'signing') {
        // The transaction proves the approval: an approval failure kept as the error is over.
        const error = state.error instanceof ApprovalFailedError ? null : state.error;
        return move('completing', { paymentId: event.paymentId, txid: event.txid, error });
      }
      if ((phase === 'completing' || phase === 'completed') && event.txid === state.txid) return state;
      return invalid();
    }

    case 'cancel': {
      checkPaymentId(event.paymentId);
      const paymentId = event.paymentId;
      if (phase === 'approving' && state.approval.status === 'failed') {
        return move('failed', { paymentId, error: approvalFailure(state, paymentId) });
      }
      if (phase === 'creating' || phase === 'approving' || phase === 'signing') {
        return move('cancelled', { paymentId, error: new PaymentCancelledError(paymentId) });
      }
      if (phase === 'completing') {
        const cause = state.completion.error ?? new PaymentCancelledError(paymentId);
        return move('failed', { error: new CompletionFailedError(paymentId, state.txid ?? '', { cause }) });
      }
      return invalid();
    }

    case 'sdkError': {
      if (phase === 'idle' || isTerminalPhase(phase)) return invalid();
      const error = classifySdkError(state, event.error, event.payment);
      const own =
        event.payment &&
        !(error instanceof IncompletePaymentError) &&
        (state.paymentId === null || event.payment.identifier === state.paymentId)
          ? event.payment
          : null;
      return move('failed', { error, payment: own ?? state.payment, paymentId: own ? own.identifier : state.paymentId });
    }

    case 'approvalStarted':
      return startStep('approval');
    case 'approvalSucceeded':
      return succeedStep('approval', event.payment);
    case 'approvalFailed':
      return failStep('approval', event.error);
    case 'completionStarted':
      return startStep('completion');
    case 'completionSucceeded':
      return succeedStep('completion', event.payment);
    case 'completionFailed':
      return failStep('completion', event.error);

    case 'sdkGaveUp':
      if (phase !== 'completing' || state.completion.status !== 'failed') return invalid();
      return move('failed', {
        error:
          state.error ?? new CompletionFailedError(state.paymentId ?? '', state.txid ?? '', { cause: state.completion.error ?? undefined }),
      });

    default:
      return invalid();
  }
}

type ServerStepKey = 'approval' | 'completion';

/** Per server step: the phase it runs in, the phase its success leads to, and its typed failure. */
const SERVER_STEPS: {
  readonly [Key in ServerStepKey]: {
    phase: PaymentPhase;
    next: PaymentPhase;
    failure: (state: PaymentSnapshot, cause: PiKitError) => PiKitError;
  };
} = {
  approval: {
    phase: 'approving',
    next: 'signing',
    failure: (state, cause) => new ApprovalFailedError(state.paymentId ?? '', { cause }),
  },
  completion: {
    phase: 'completing',
    next: 'completed',
    failure: (state, cause) => new CompletionFailedError(state.paymentId ?? '', state.txid ?? '', { cause }),
  },
};

/** True when a server step may be requested now: never requested, or its last request failed. */
export function canRequest(step: ServerStep): boolean {
  return step.status === 'idle' || step.status === 'failed';
}

function approvalFailure(state: PaymentSnapshot, paymentId: string): PiKitError {
  return state.error instanceof ApprovalFailedError
    ? state.error
    : new ApprovalFailedError(paymentId, { cause: state.approval.error ?? undefined });
}

/** True for a payment that has a blockchain transaction but is neither completed nor cancelled. */
export function isIncompletePayment(payment: PaymentDTO): boolean {
  return payment.transaction !== null && !payment.status.developer_completed && !payment.status.cancelled && !payment.status.user_cancelled;
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
