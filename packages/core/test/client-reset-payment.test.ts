import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaymentInProgressError, createFetchTransport, type PaymentSnapshot, type PiClient } from '@pi-kit/core';
import { createPiNetwork, createSimulatedAppServer, type SimulatedPiOptions } from '@pi-kit/simulator';
import { KITTEN, ORIGIN, harness, outcome, reach, type Harness } from './support/simulated';

let h: Harness;
afterEach(() => {
  h?.dispose();
  vi.useRealTimers();
});

/**
 * A signed-in client whose app server answers `route` only when `release()` is called:
 * the server (and Pi) did the work, the answer is late (a slow network).
 */
async function withLateAnswers(route: 'approve' | 'complete', pi: Partial<SimulatedPiOptions> = {}) {
  const network = createPiNetwork({ seed: 7, users: [{ username: 'alice', balance: 100 }] });
  const appServer = createSimulatedAppServer(network);
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const transport = createFetchTransport({
    baseUrl: ORIGIN,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const response = await appServer.fetch(request);
      if (new URL(request.url).pathname.endsWith(`/${route}`)) await held;
      return response;
    },
  });
  h = harness({ network, pi, client: { transport } });
  await h.client.authenticate(['username', 'payments']);
  return { release };
}

/** Every `state.payment` the store holds from now on. */
function recordPayments(client: PiClient): Array<PaymentSnapshot | null> {
  const seen: Array<PaymentSnapshot | null> = [];
  client.store.subscribe((state, previous) => {
    if (state.payment !== previous.payment) seen.push(state.payment);
  });
  return seen;
}

describe('resetPayment', () => {
  it('a late approval answer after the reset of a cancelled payment never brings it back into state.payment', async () => {
    const { release } = await withLateAnswers('approve', { wallet: 'manual' });
    const payment = h.client.createPayment(KITTEN);
    // The app server approved at Pi (the wallet shows the payment), but its answer has not arrived.
    const review = await h.pi.wallet.next();
    expect(payment.snapshot.approval.status).toBe('pending');
    h.pi.wallet.reject(review.identifier);
    expect((await outcome(payment)).error).toMatchObject({ code: 'payment_cancelled' });

    h.client.resetPayment();
    expect(h.client.store.getState().payment).toBeNull();
    const seen = recordPayments(h.client);
    release();
    await vi.waitFor(() => expect(payment.snapshot.approval.status).toBe('succeeded'));
    // The handle recorded the late answer; the store did not see it.
    expect(payment.phase).toBe('cancelled');
    expect(seen).toEqual([]);
    expect(h.client.store.getState().payment).toBeNull();
    expect(h.violations).toEqual([]);
  });

  it('a late approval answer after the reset of a completed payment never brings it back into state.payment', async () => {
    const { release } = await withLateAnswers('approve');
    const payment = h.client.createPayment(KITTEN);
    // Pi approved, the user signed, the SDK proved it with onReadyForServerCompletion: the payment
    // completes while the approval answer is still on its way.
    const completed = await payment;
    expect(payment.snapshot.approval.status).toBe('pending');

    h.client.resetPayment();
    const seen = recordPayments(h.client);
    release();
    await vi.waitFor(() => expect(payment.snapshot.approval.status).toBe('succeeded'));
    expect(payment.phase).toBe('completed');
    expect(payment.payment).toEqual(completed);
    expect(seen).toEqual([]);
    expect(h.client.store.getState().payment).toBeNull();
  });

  it('throws PaymentInProgressError while the payment is open, which goes on and stays in state.payment', async () => {
    h = harness({ pi: { wallet: 'manual' } });
    await h.client.authenticate(['username', 'payments']);
    const payment = h.client.createPayment(KITTEN);
    await reach(payment, 'signing');
    const error = (() => {
      try {
        h.client.resetPayment();
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(PaymentInProgressError);
    expect(error).toMatchObject({ code: 'payment_in_progress', openPaymentId: payment.paymentId });
    expect((error as PaymentInProgressError).details).toMatch(/resetPayment\(\) only forgets a finished payment/);
    expect(h.client.store.getState().payment).toBe(payment.snapshot);

    h.pi.wallet.approve(payment.paymentId!);
    await expect(payment).resolves.toMatchObject({ identifier: payment.paymentId, status: { developer_completed: true } });
    expect(h.client.store.getState().payment).toMatchObject({ phase: 'completed' });
  });

  it('does nothing without a payment; after a reset, the next payment is shown and followed', async () => {
    h = harness();
    await h.client.authenticate(['username', 'payments']);
    h.client.resetPayment();
    expect(h.client.store.getState().payment).toBeNull();

    const first = h.client.createPayment(KITTEN);
    await first;
    h.client.resetPayment();
    h.client.resetPayment();
    expect(h.client.store.getState().payment).toBeNull();

    const second = h.client.createPayment({ ...KITTEN, memo: 'Digital kitten #1235' });
    expect(h.client.store.getState().payment).toMatchObject({ phase: 'creating', data: { memo: 'Digital kitten #1235' } });
    await second;
    expect(h.client.store.getState().payment).toMatchObject({ phase: 'completed', paymentId: second.paymentId });
    expect(second.paymentId).not.toBe(first.paymentId);
  });

  it('works from a store subscriber as the payment ends (before its handle settled)', async () => {
    h = harness();
    await h.client.authenticate(['username', 'payments']);
    const errors: unknown[] = [];
    const off = h.client.store.subscribe((state) => {
      if (state.payment?.phase !== 'completed') return;
      try {
        h.client.resetPayment();
      } catch (error) {
        errors.push(error);
      }
    });
    await h.client.createPayment(KITTEN);
    off();
    expect(errors).toEqual([]);
    expect(h.client.store.getState().payment).toBeNull();
  });

  it('forgets a payment rejected before it started (invalid data)', async () => {
    h = harness();
    const rejected = h.client.createPayment({ ...KITTEN, amount: -1 });
    expect((await outcome(rejected)).error).toMatchObject({ code: 'invalid_payment_data' });
    expect(h.client.store.getState().payment).toMatchObject({ phase: 'failed' });
    h.client.resetPayment();
    expect(h.client.store.getState().payment).toBeNull();
  });
});
