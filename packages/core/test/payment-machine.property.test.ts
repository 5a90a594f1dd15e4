import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, ServerRequestError, isTerminalPhase, type PaymentEvent, type PaymentPhase } from '@pi-kit/core';
import { PaymentMachine, canTransition } from '@pi-kit/core/internal';
import { paymentDto } from './support/payment-dto';

const failure = new ServerRequestError({ route: 'approve', url: '/api/pi/approve', status: 500, body: null });

/** Any SDK callback (payments.md, `callbacks` keys) or server result, including impossible ones. */
const anyEvent: fc.Arbitrary<PaymentEvent> = fc.oneof(
  fc.constant<PaymentEvent>({ type: 'start' }),
  fc.constant<PaymentEvent>({ type: 'reject', error: failure }),
  fc.constantFrom('p1', 'p2').map<PaymentEvent>((paymentId) => ({ type: 'readyForServerApproval', paymentId })),
  fc
    .record({ paymentId: fc.constantFrom('p1', 'p2'), txid: fc.constantFrom('t1', 't2') })
    .map<PaymentEvent>((e) => ({ type: 'readyForServerCompletion', ...e })),
  fc.constantFrom('p1', 'p2').map<PaymentEvent>((paymentId) => ({ type: 'cancel', paymentId })),
  fc
    .record({
      message: fc.constantFrom('A pending payment needs to be handled.', 'The payment has expired', 'boom', ''),
      payment: fc.constantFrom(undefined, paymentDto('p0', { txid: 't0' }), paymentDto('p1')),
    })
    .map<PaymentEvent>(({ message, payment }) => ({ type: 'sdkError', error: new Error(message), payment })),
  fc.constant<PaymentEvent>({ type: 'approvalStarted' }),
  fc.constant<PaymentEvent>({ type: 'approvalSucceeded', payment: paymentDto('p1', { approved: true }) }),
  fc.constant<PaymentEvent>({ type: 'approvalFailed', error: failure }),
  fc.constant<PaymentEvent>({ type: 'completionStarted' }),
  fc.constant<PaymentEvent>({ type: 'completionSucceeded', payment: paymentDto('p1', { txid: 't1', completed: true }) }),
  fc.constant<PaymentEvent>({ type: 'completionFailed', error: failure }),
  fc.constant<PaymentEvent>({ type: 'sdkGaveUp' }),
);

/** A mostly plausible run: the happy path with retries, cancellations and errors mixed in. */
const plausibleRun: fc.Arbitrary<PaymentEvent[]> = fc
  .tuple(fc.array(anyEvent, { maxLength: 6 }), fc.array(anyEvent, { maxLength: 6 }), fc.nat({ max: 3 }))
  .map(([noise1, noise2, retries]) => {
    const retry: PaymentEvent[] = [];
    for (let i = 0; i < retries; i++) {
      retry.push(
        { type: 'approvalStarted' },
        { type: 'approvalFailed', error: failure },
        { type: 'readyForServerApproval', paymentId: 'p1' },
      );
    }
    return [
      { type: 'start' },
      { type: 'readyForServerApproval', paymentId: 'p1' },
      ...retry,
      ...noise1,
      { type: 'approvalStarted' },
      { type: 'approvalSucceeded', payment: paymentDto('p1') },
      { type: 'readyForServerCompletion', paymentId: 'p1', txid: 't1' },
      ...noise2,
      { type: 'completionStarted' },
      { type: 'completionSucceeded', payment: paymentDto('p1', { txid: 't1', completed: true }) },
    ];
  });

async function check(events: PaymentEvent[], strict: boolean): Promise<void> {
  const violations: InvalidTransitionError[] = [];
  const machine = new PaymentMachine({ amount: 1, memo: 'm', metadata: {} }, { strict, onInvariantViolation: (e) => violations.push(e) });
  const phases: PaymentPhase[] = [machine.phase];
  machine.on('phase', (phase) => phases.push(phase));
  const settlements: Array<['resolved' | 'rejected', unknown]> = [];
  machine.promise.then(
    (value) => settlements.push(['resolved', value]),
    (error: unknown) => settlements.push(['rejected', error]),
  );
  let thrown = 0;
  let settledAt: { phase: PaymentPhase; payment: unknown; error: unknown } | null = null;
  for (const event of events) {
    const before = machine.snapshot;
    try {
      machine.dispatch(event);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect(machine.snapshot).toBe(before); // never applied
      thrown += 1;
    }
    if (!settledAt && isTerminalPhase(machine.phase)) settledAt = { phase: machine.phase, payment: machine.payment, error: machine.error };
  }
  await new Promise((resolve) => setTimeout(resolve, 0));

  // The phase history is a path of the transition table.
  for (let i = 1; i < phases.length; i++) expect(canTransition(phases[i - 1]!, phases[i]!)).toBe(true);
  // Every impossible event was reported; in strict mode each was also thrown.
  if (strict) expect(thrown).toBe(violations.length);
  else expect(thrown).toBe(0);
  // The promise settles exactly once, iff a terminal phase was reached, with what that phase says.
  if (settledAt) {
    expect(settlements).toHaveLength(1);
    expect(machine.phase).toBe(settledAt.phase);
    if (settledAt.phase === 'completed') expect(settlements[0]).toEqual(['resolved', settledAt.payment]);
    else expect(settlements[0]).toEqual(['rejected', settledAt.error]);
  } else {
    expect(settlements).toHaveLength(0);
  }
}

describe('payment state machine (property)', () => {
  it('any sequence of SDK callbacks and server results follows the table and settles at most once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyEvent, { maxLength: 30, size: 'max' }), fc.boolean(), (events, strict) => check(events, strict)),
      { numRuns: 500 },
    );
  }, 60_000);

  it('plausible runs with retries and noise follow the table and settle exactly once when they end', async () => {
    await fc.assert(
      fc.asyncProperty(plausibleRun, fc.boolean(), (events, strict) => check(events, strict)),
      { numRuns: 300 },
    );
  }, 60_000);

  it('a failed step is never requested twice at once, and a succeeded step never again', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 30, size: 'max' }), (events) => {
        const machine = new PaymentMachine(null, { strict: false });
        for (const event of events) {
          const before = machine.snapshot;
          const after = machine.dispatch(event);
          if (event.type === 'approvalStarted' && after !== before) expect(['idle', 'failed']).toContain(before.approval.status);
          if (event.type === 'completionStarted' && after !== before) expect(['idle', 'failed']).toContain(before.completion.status);
        }
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});
