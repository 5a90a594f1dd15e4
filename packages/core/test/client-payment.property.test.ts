import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApprovalFailedError,
  CompletionFailedError,
  PaymentCancelledError,
  PaymentExpiredError,
  type PaymentDTO,
  type PaymentPhase,
} from '@pi-kit/core';
import { canTransition } from '@pi-kit/core/internal';
import { KITTEN, harness, type Harness } from './support/simulated';

let h: Harness | undefined;
afterEach(() => {
  h?.dispose();
  h = undefined;
  vi.useRealTimers();
});

/** One scenario of the Pi network and the app server misbehaving around one payment. */
const scenario = fc.record({
  wallet: fc.constantFrom<'approve' | 'reject'>('approve', 'reject'),
  affordable: fc.boolean(),
  approveFaults: fc.nat({ max: 7 }), // 6+ outlasts the 60 s approval timer
  approveLost: fc.boolean(), // the first approval succeeds at Pi but its answer is lost
  approveDelayMs: fc.constantFrom(0, 0, 15_000, 90_000),
  completeFaults: fc.nat({ max: 8 }), // 7+ outlasts the 60 s completion timer
  completeDelayMs: fc.constantFrom(0, 0, 12_000),
});

describe('a payment against the simulator (property)', () => {
  it('for any mix of wallet decisions, server failures, lost answers and delays: the phases follow the table, the handle settles exactly once, consistently with Pi, never with overlapping requests', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        vi.useFakeTimers();
        h = harness({
          balance: s.affordable ? 100 : 1,
          pi: { wallet: s.wallet, timings: { approvalTimeoutMs: 60_000, callbackRetryMs: 10_000, completionTimeoutMs: 60_000 } },
        });
        const { network } = h;
        const approve = { api: 'platform' as const, route: 'POST /v2/payments/*/approve' };
        const complete = { api: 'platform' as const, route: 'POST /v2/payments/*/complete' };
        if (s.approveLost) network.faults.inject({ ...approve, status: 500, after: true, times: 1 });
        if (s.approveFaults > 0) network.faults.inject({ ...approve, status: 500, times: s.approveFaults });
        if (s.approveDelayMs > 0) network.faults.inject({ ...approve, delayMs: s.approveDelayMs, times: 1 });
        if (s.completeFaults > 0) network.faults.inject({ ...complete, status: 503, times: s.completeFaults });
        if (s.completeDelayMs > 0) network.faults.inject({ ...complete, delayMs: s.completeDelayMs, times: 1 });

        await h.client.authenticate(['username', 'payments']);
        const payment = h.client.createPayment(KITTEN);
        const phases: PaymentPhase[] = [payment.phase];
        payment.on('phase', (phase) => phases.push(phase));
        payment.on('change', (snapshot) => expect(h!.client.store.getState().payment).toBe(snapshot));
        const settlements: Array<{ value?: PaymentDTO; error?: unknown }> = [];
        payment.promise.then(
          (value) => settlements.push({ value }),
          (error: unknown) => settlements.push({ error }),
        );
        for (let elapsed = 0; elapsed < 300_000 && settlements.length === 0; elapsed += 5_000) {
          await vi.advanceTimersByTimeAsync(5_000);
        }
        await vi.advanceTimersByTimeAsync(60_000); // anything late must not settle it again

        for (let i = 1; i < phases.length; i++) expect(canTransition(phases[i - 1]!, phases[i]!), phases.join(' → ')).toBe(true);
        expect(settlements).toHaveLength(1);
        expect(h.violations).toEqual([]);
        expect(h.maxInFlight.approve ?? 0).toBeLessThanOrEqual(1);
        expect(h.maxInFlight.complete ?? 0).toBeLessThanOrEqual(1);

        const atPi = network.getPayment(payment.paymentId!)!;
        const { value, error } = settlements[0]!;
        if (value) {
          // Resolved only when Pi says the app completed it.
          expect(payment.phase).toBe('completed');
          expect(atPi.status.developer_completed).toBe(true);
          expect(value.identifier).toBe(atPi.identifier);
          // Late answers never make the snapshot forget the completion.
          expect(payment.payment?.status.developer_completed).toBe(true);
          // A succeeded completion is never requested again.
          const completions = h.requests.filter((r) => r.route === 'complete');
          expect(completions.filter((r) => r.status === 200)).toHaveLength(1);
          expect(completions.at(-1)?.status).toBe(200);
        } else {
          expect(atPi.status.developer_completed).toBe(false);
          if (error instanceof PaymentCancelledError) {
            expect(atPi.status.cancelled || atPi.status.user_cancelled).toBe(true);
          } else if (error instanceof CompletionFailedError) {
            // The user paid: Pi still has it as incomplete, to be recovered.
            expect(atPi.transaction).not.toBeNull();
          } else {
            expect(error instanceof ApprovalFailedError || error instanceof PaymentExpiredError).toBe(true);
            expect(atPi.transaction).toBeNull();
          }
        }
        h.dispose();
        h = undefined;
        vi.useRealTimers();
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
