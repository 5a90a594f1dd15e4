import { describe, expect, it, vi } from 'vitest';
import {
  ApprovalFailedError,
  CompletionFailedError,
  IncompletePaymentError,
  InvalidTransitionError,
  PAYMENT_PHASES,
  PaymentCancelledError,
  PaymentError,
  PaymentExpiredError,
  ServerRequestError,
  TERMINAL_PAYMENT_PHASES,
  createPaymentSnapshot,
  isTerminalPhase,
  paymentReducer,
  type PaymentEvent,
  type PaymentSnapshot,
} from '@pi-kit/core';
import { PAYMENT_TRANSITIONS, applyPaymentEvent, canTransition } from '@pi-kit/core/internal';
import { paymentDto } from './support/payment-dto';

const data = { amount: 1, memo: 'm', metadata: {} };
const serverError = (status = 500) => new ServerRequestError({ route: 'approve', url: '/api/pi/approve', status, body: null });

function run(events: PaymentEvent[], from: PaymentSnapshot = createPaymentSnapshot(data)): { state: PaymentSnapshot; phases: string[] } {
  let state = from;
  const phases: string[] = [state.phase];
  for (const event of events) {
    state = paymentReducer(state, event);
    if (phases.at(-1) !== state.phase) phases.push(state.phase);
  }
  return { state, phases };
}

const toApproving: PaymentEvent[] = [{ type: 'start' }, { type: 'readyForServerApproval', paymentId: 'p1' }];
const toSigning: PaymentEvent[] = [
  ...toApproving,
  { type: 'approvalStarted' },
  { type: 'approvalSucceeded', payment: paymentDto('p1', { approved: true }) },
];
const toCompleting: PaymentEvent[] = [...toSigning, { type: 'readyForServerCompletion', paymentId: 'p1', txid: 't1' }];

describe('transition table', () => {
  it('covers every phase and only terminal phases have no way out', () => {
    expect(Object.keys(PAYMENT_TRANSITIONS).sort()).toEqual([...PAYMENT_PHASES].sort());
    for (const phase of PAYMENT_PHASES) {
      expect(PAYMENT_TRANSITIONS[phase].length === 0).toBe(isTerminalPhase(phase));
    }
    expect([...TERMINAL_PAYMENT_PHASES]).toEqual(['completed', 'cancelled', 'failed']);
  });

  it('never allows leaving a terminal phase, nor cancelling once the user paid', () => {
    for (const to of PAYMENT_PHASES) {
      expect(canTransition('completed', to)).toBe(false);
      expect(canTransition('failed', to)).toBe(false);
    }
    expect(canTransition('completing', 'cancelled')).toBe(false);
    expect(canTransition('approving', 'approving')).toBe(false);
  });
});

describe('paymentReducer: the U2A flow (the community guide: payment flow)', () => {
  it('walks idle → creating → approving → signing → completing → completed', () => {
    const completed = paymentDto('p1', { txid: 't1', completed: true });
    const { state, phases } = run([...toCompleting, { type: 'completionStarted' }, { type: 'completionSucceeded', payment: completed }]);
    expect(phases).toEqual(['idle', 'creating', 'approving', 'signing', 'completing', 'completed']);
    expect(state).toMatchObject({ paymentId: 'p1', txid: 't1', payment: completed, error: null });
    expect(state.approval).toEqual({ status: 'succeeded', attempts: 1, error: null });
    expect(state.completion).toEqual({ status: 'succeeded', attempts: 1, error: null });
  });

  it('returns the same object for a re-invoked callback (nothing changed)', () => {
    const { state } = run(toApproving);
    expect(paymentReducer(state, { type: 'readyForServerApproval', paymentId: 'p1' })).toBe(state);
    const completing = run(toCompleting).state;
    expect(paymentReducer(completing, { type: 'readyForServerCompletion', paymentId: 'p1', txid: 't1' })).toBe(completing);
  });

  it('keeps a failed approval as the error, and clears it on the retry that succeeds (payments.md: re-invocation)', () => {
    const failure = serverError();
    const failed = run([...toApproving, { type: 'approvalStarted' }, { type: 'approvalFailed', error: failure }]).state;
    expect(failed.phase).toBe('approving');
    expect(failed.approval).toEqual({ status: 'failed', attempts: 1, error: failure });
    expect(failed.error).toBeInstanceOf(ApprovalFailedError);
    expect(failed.error?.cause).toBe(failure);
    const retried = run([{ type: 'approvalStarted' }, { type: 'approvalSucceeded', payment: paymentDto('p1') }], failed).state;
    expect(retried.phase).toBe('signing');
    expect(retried.approval).toEqual({ status: 'succeeded', attempts: 2, error: null });
    expect(retried.error).toBeNull();
  });

  it('refuses a second request while one is in flight, and any request after success', () => {
    const pending = run([...toApproving, { type: 'approvalStarted' }]).state;
    expect(() => paymentReducer(pending, { type: 'approvalStarted' })).toThrow(InvalidTransitionError);
    const signing = run(toSigning).state;
    expect(() => paymentReducer(signing, { type: 'approvalStarted' })).toThrow(InvalidTransitionError);
    const completing = run([...toCompleting, { type: 'completionStarted' }]).state;
    expect(() => paymentReducer(completing, { type: 'completionStarted' })).toThrow(InvalidTransitionError);
  });

  it('moves approving → completing when the SDK proves the user signed although the approval answer was lost', () => {
    const { state, phases } = run([
      ...toApproving,
      { type: 'approvalStarted' },
      { type: 'approvalFailed', error: serverError(502) },
      { type: 'readyForServerCompletion', paymentId: 'p1', txid: 't1' },
    ]);
    expect(phases.slice(-2)).toEqual(['approving', 'completing']);
    expect(state.txid).toBe('t1');
  });

  it('clears a kept approval failure when the SDK reports the transaction', () => {
    const { state } = run([
      ...toApproving,
      { type: 'approvalStarted' },
      { type: 'approvalFailed', error: serverError(502) },
      { type: 'readyForServerCompletion', paymentId: 'p1', txid: 't1' },
    ]);
    expect(state.error).toBeNull();
    expect(state.approval.status).toBe('failed');
  });

  it('a late approval answer never hides the completed PaymentDTO', () => {
    const completedDto = paymentDto('p1', { txid: 't1', completed: true });
    const { state } = run([
      ...toApproving,
      { type: 'approvalStarted' },
      { type: 'readyForServerCompletion', paymentId: 'p1', txid: 't1' },
      { type: 'completionStarted' },
      { type: 'completionSucceeded', payment: completedDto },
      { type: 'approvalSucceeded', payment: paymentDto('p1', { approved: true }) },
    ]);
    expect(state.phase).toBe('completed');
    expect(state.payment).toBe(completedDto);
    expect(state.approval.status).toBe('succeeded');
  });

  it('keeps a completion failure and retries to completed', () => {
    const failure = serverError(503);
    const failed = run([...toCompleting, { type: 'completionStarted' }, { type: 'completionFailed', error: failure }]).state;
    expect(failed.phase).toBe('completing');
    expect(failed.error).toBeInstanceOf(CompletionFailedError);
    expect((failed.error as CompletionFailedError).txid).toBe('t1');
    const done = run(
      [{ type: 'completionStarted' }, { type: 'completionSucceeded', payment: paymentDto('p1', { txid: 't1', completed: true }) }],
      failed,
    ).state;
    expect(done.phase).toBe('completed');
    expect(done.completion.attempts).toBe(2);
  });
});

describe('paymentReducer: how a payment ends badly', () => {
  it('onCancel before the user paid → cancelled with PaymentCancelledError', () => {
    for (const events of [[{ type: 'start' } as PaymentEvent], toApproving, toSigning]) {
      const { state } = run([...events, { type: 'cancel', paymentId: 'p1' }]);
      expect(state.phase).toBe('cancelled');
      expect(state.error).toBeInstanceOf(PaymentCancelledError);
      expect(state.paymentId).toBe('p1');
    }
  });

  it('onCancel after a failed approval → failed with the kept ApprovalFailedError', () => {
    const failure = serverError();
    const { state } = run([
      ...toApproving,
      { type: 'approvalStarted' },
      { type: 'approvalFailed', error: failure },
      { type: 'cancel', paymentId: 'p1' },
    ]);
    expect(state.phase).toBe('failed');
    expect(state.error).toBeInstanceOf(ApprovalFailedError);
    expect(state.error?.cause).toBe(failure);
  });

  it('onCancel once the user paid → failed with CompletionFailedError', () => {
    const { state } = run([...toCompleting, { type: 'cancel', paymentId: 'p1' }]);
    expect(state.phase).toBe('failed');
    expect(state.error).toBeInstanceOf(CompletionFailedError);
  });

  it('onError with another payment that has a transaction → IncompletePaymentError carrying it (payments.md)', () => {
    const older = paymentDto('p0', { txid: 't0' });
    const { state } = run([
      { type: 'start' },
      { type: 'sdkError', error: new Error('A pending payment needs to be handled.'), payment: older },
    ]);
    expect(state.phase).toBe('failed');
    expect(state.error).toBeInstanceOf(IncompletePaymentError);
    expect((state.error as IncompletePaymentError).payment).toBe(older);
    expect(state.payment).toBeNull();
  });

  it('onError mentioning expiry → PaymentExpiredError; in completing → CompletionFailedError; else PaymentError', () => {
    expect(run([...toApproving, { type: 'sdkError', error: new Error('The payment has expired') }]).state.error).toBeInstanceOf(
      PaymentExpiredError,
    );
    expect(run([...toCompleting, { type: 'sdkError', error: new Error('x') }]).state.error).toBeInstanceOf(CompletionFailedError);
    const own = paymentDto('p1');
    const { state } = run([...toSigning, { type: 'sdkError', error: new Error('x'), payment: own }]);
    expect(state.error).toBeInstanceOf(PaymentError);
    expect(state.payment).toBe(own);
  });

  it('onError after a failed approval → failed with the kept ApprovalFailedError, even when it says expired', () => {
    const failure = serverError();
    const { state } = run([
      ...toApproving,
      { type: 'approvalStarted' },
      { type: 'approvalFailed', error: failure },
      { type: 'sdkError', error: new Error('The payment has expired') },
    ]);
    expect(state.error).toBeInstanceOf(ApprovalFailedError);
    expect(state.error?.cause).toBe(failure);
    expect(state.error?.details).toMatch(/expired/);
  });

  it('sdkGaveUp after a failed completion → failed with the kept CompletionFailedError; impossible otherwise', () => {
    const failing = run([...toCompleting, { type: 'completionStarted' }, { type: 'completionFailed', error: serverError() }]).state;
    const { state } = run([{ type: 'sdkGaveUp' }], failing);
    expect(state.phase).toBe('failed');
    expect(state.error).toBe(failing.error);
    expect(() => run([...toCompleting, { type: 'sdkGaveUp' }])).toThrow(InvalidTransitionError);
  });

  it('a client-side rejection ends idle or creating payments as failed', () => {
    const error = new PaymentCancelledError(null);
    expect(run([{ type: 'reject', error }]).state).toMatchObject({ phase: 'failed', error });
    expect(run([{ type: 'start' }, { type: 'reject', error }]).state.phase).toBe('failed');
    expect(() => run([...toApproving, { type: 'reject', error }])).toThrow(InvalidTransitionError);
  });

  it('records server answers that arrive after the payment ended, without leaving the terminal phase', () => {
    const cancelled = run([...toApproving, { type: 'approvalStarted' }, { type: 'cancel', paymentId: 'p1' }]).state;
    const late = paymentReducer(cancelled, { type: 'approvalSucceeded', payment: paymentDto('p1') });
    expect(late.phase).toBe('cancelled');
    expect(late.approval.status).toBe('succeeded');
  });
});

describe('paymentReducer: impossible events', () => {
  it.each<[string, PaymentEvent[]]>([
    ['start twice', [{ type: 'start' }, { type: 'start' }]],
    ['approval before creating', [{ type: 'readyForServerApproval', paymentId: 'p1' }]],
    ['another payment id', [...toApproving, { type: 'readyForServerApproval', paymentId: 'p2' }]],
    ['completion before approval', [{ type: 'start' }, { type: 'readyForServerCompletion', paymentId: 'p1', txid: 't' }]],
    ['a different txid', [...toCompleting, { type: 'readyForServerCompletion', paymentId: 'p1', txid: 't2' }]],
    ['an empty payment id', [{ type: 'start' }, { type: 'readyForServerApproval', paymentId: '' }]],
    ['an answer without a request', [...toApproving, { type: 'approvalSucceeded', payment: paymentDto('p1') }]],
    [
      'a cancel after completion',
      [
        ...toCompleting,
        { type: 'completionStarted' },
        { type: 'completionSucceeded', payment: paymentDto('p1') },
        { type: 'cancel', paymentId: 'p1' },
      ],
    ],
    ['an error after cancellation', [{ type: 'start' }, { type: 'cancel', paymentId: 'p1' }, { type: 'sdkError', error: new Error('x') }]],
  ])('%s throws InvalidTransitionError', (_, events) => {
    expect(() => run(events)).toThrow(InvalidTransitionError);
  });
});

describe('applyPaymentEvent', () => {
  const completed = run([...toCompleting, { type: 'completionStarted' }, { type: 'completionSucceeded', payment: paymentDto('p1') }]).state;
  const impossible: PaymentEvent = { type: 'cancel', paymentId: 'p1' };

  it('reports and throws an impossible transition in strict mode', () => {
    const report = vi.fn();
    expect(() => applyPaymentEvent(completed, impossible, { strict: true, onInvariantViolation: report })).toThrow(InvalidTransitionError);
    expect(report).toHaveBeenCalledTimes(1);
    expect(report.mock.calls[0]?.[1]).toEqual({ state: completed, event: impossible });
  });

  it('reports and does not apply it otherwise', () => {
    const report = vi.fn();
    expect(applyPaymentEvent(completed, impossible, { strict: false, onInvariantViolation: report })).toBe(completed);
    expect(report.mock.calls[0]?.[0]).toBeInstanceOf(InvalidTransitionError);
  });

  it('throws by default outside production (vitest sets NODE_ENV=test)', () => {
    expect(() => applyPaymentEvent(completed, impossible)).toThrow(InvalidTransitionError);
  });

  it('does not throw by default in production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
    try {
      const fresh = (await import('@pi-kit/core/internal')) as typeof import('@pi-kit/core/internal');
      const state = fresh.applyPaymentEvent(completed, impossible);
      expect(state).toBe(completed);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
