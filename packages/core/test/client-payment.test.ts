import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApprovalFailedError,
  CompletionFailedError,
  IncompletePaymentError,
  InvalidPaymentDataError,
  NotAuthenticatedError,
  NotInitializedError,
  PaymentCancelledError,
  PaymentExpiredError,
  PaymentInProgressError,
  ServerRequestError,
  type PaymentPhase,
} from '@pi-kit/core';
import { canTransition } from '@pi-kit/core/internal';
import { KITTEN, harness, incompletePayment, outcome, phasesOf, reach, type Harness } from './support/simulated';

let h: Harness;
afterEach(() => {
  h?.dispose();
  vi.useRealTimers();
});

function expectPath(phases: PaymentPhase[]): void {
  for (let i = 1; i < phases.length; i++) expect(canTransition(phases[i - 1]!, phases[i]!), `${phases[i - 1]} → ${phases[i]}`).toBe(true);
}

async function signedIn(options: Parameters<typeof harness>[0] = {}): Promise<Harness> {
  h = harness(options);
  await h.client.authenticate(['username', 'payments']);
  return h;
}

describe('createPayment: the U2A flow against the simulator (payments.md, the community guide)', () => {
  it('goes creating → approving → signing → completing → completed and resolves with the completed PaymentDTO', async () => {
    await signedIn({ pi: { wallet: 'manual' } });
    const payment = h.client.createPayment(KITTEN);
    // Pi.createPayment is called synchronously, within the user's gesture: the handle is `creating`.
    expect(payment.phase).toBe('creating');
    expect(h.network.events.filter((e) => e.type === 'sdk.createPayment')).toHaveLength(1);
    const phases = phasesOf(payment);
    const review = await h.pi.wallet.next(); // the wallet shows the payment only once it is approved
    await reach(payment, 'signing');
    expect(review.status.developer_approved).toBe(true);
    h.pi.wallet.approve(review.identifier);
    const completed = await payment;

    expect(phases).toEqual(['creating', 'approving', 'signing', 'completing', 'completed']);
    expect(completed.identifier).toBe(payment.paymentId);
    expect(completed.status.developer_completed).toBe(true);
    expect(completed.transaction?.txid).toBe(payment.txid);
    expect(h.network.getPayment(completed.identifier)?.status.developer_completed).toBe(true);
    expect(h.requests.map((r) => [r.route, r.status])).toEqual([
      ['approve', 200],
      ['complete', 200],
    ]);
    // approval carries the access token so the server can verify the user with GET /v2/me
    expect(h.requests[0]?.body).toEqual({ paymentId: completed.identifier, accessToken: h.client.store.getState().auth.accessToken });
    expect(h.requests[1]?.body).toMatchObject({ paymentId: completed.identifier, txid: completed.transaction?.txid });
    expect(h.client.store.getState().payment).toMatchObject({ phase: 'completed', paymentId: completed.identifier, error: null });
    expect(h.violations).toEqual([]);
  });

  it('emits paymentId, txid, payment and change events and settles exactly once', async () => {
    await signedIn();
    const payment = h.client.createPayment(KITTEN);
    const seen: string[] = [];
    payment.on('paymentId', (id) => seen.push(`paymentId:${id}`));
    payment.on('txid', (txid) => seen.push(`txid:${txid}`));
    let changes = 0;
    payment.on('change', () => changes++);
    const settled = vi.fn();
    payment.promise.then(settled, settled);
    await payment;
    await Promise.resolve();
    expect(seen).toEqual([`paymentId:${payment.paymentId}`, `txid:${payment.txid}`]);
    expect(changes).toBeGreaterThanOrEqual(5);
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it('ends cancelled with PaymentCancelledError when the user rejects, and tells the server', async () => {
    await signedIn({ pi: { wallet: 'reject' } });
    const payment = h.client.createPayment(KITTEN);
    const phases = phasesOf(payment);
    const { error } = await outcome(payment);
    expect(error).toBeInstanceOf(PaymentCancelledError);
    expect((error as PaymentCancelledError).paymentId).toBe(payment.paymentId);
    expect(phases.at(-1)).toBe('cancelled');
    expectPath(phases);
    expect(h.network.getPayment(payment.paymentId!)?.status.user_cancelled).toBe(true);
    await vi.waitFor(() => expect(h.requests.map((r) => r.route)).toEqual(['approve', 'cancel']));
    expect(h.client.store.getState().payment?.phase).toBe('cancelled');
  });

  it('ends cancelled when the user cannot afford it (insufficient funds → onCancel)', async () => {
    await signedIn({ balance: 1 });
    const { error } = await outcome(h.client.createPayment(KITTEN));
    expect(error).toBeInstanceOf(PaymentCancelledError);
  });

  it("retries a failed approval on the SDK's re-invocation 10 s later, keeping the error meanwhile", async () => {
    vi.useFakeTimers();
    await signedIn({ pi: { wallet: 'manual' } });
    h.network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/approve', status: 500, times: 1 });
    const payment = h.client.createPayment(KITTEN);
    const errors: unknown[] = [];
    payment.on('error', (error) => errors.push(error));
    await vi.advanceTimersByTimeAsync(100);
    expect(payment.phase).toBe('approving');
    expect(payment.error).toBeInstanceOf(ApprovalFailedError);
    expect(payment.error?.cause).toBeInstanceOf(ServerRequestError);
    expect(payment.snapshot.approval).toMatchObject({ status: 'failed', attempts: 1 });
    expect(h.client.store.getState().payment?.error).toBe(payment.error);

    await vi.advanceTimersByTimeAsync(10_000);
    await reach(payment, 'signing');
    expect(payment.snapshot.approval).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(payment.error).toBeNull();
    h.pi.wallet.approve(payment.paymentId!);
    await vi.advanceTimersByTimeAsync(100);
    await expect(payment.promise).resolves.toMatchObject({ status: { developer_completed: true } });
    expect(h.requests.filter((r) => r.route === 'approve').map((r) => r.status)).toEqual([502, 200]);
    expect(errors).toHaveLength(1);
  });

  it('never sends a second approval while one is in flight, nor after it succeeded', async () => {
    vi.useFakeTimers();
    await signedIn({ pi: { wallet: 'manual' } });
    // The app server's call to Pi hangs for 25 s: the SDK re-invokes twice meanwhile.
    h.network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/approve', delayMs: 25_000, times: 1 });
    const payment = h.client.createPayment(KITTEN);
    await vi.advanceTimersByTimeAsync(21_000);
    const invocations = h.network.events.filter(
      (e) => e.type === 'sdk.callback' && (e as { callback?: string }).callback === 'onReadyForServerApproval',
    );
    expect(invocations.length).toBeGreaterThanOrEqual(3);
    expect(payment.snapshot.approval).toMatchObject({ status: 'pending', attempts: 1 });
    await vi.advanceTimersByTimeAsync(5_000);
    await reach(payment, 'signing');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.requests.filter((r) => r.route === 'approve')).toHaveLength(1);
  });

  it('fails with the kept ApprovalFailedError when the approval never succeeds before the payment expires', async () => {
    vi.useFakeTimers();
    await signedIn();
    h.network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/approve', status: 500 });
    const payment = h.client.createPayment(KITTEN);
    const result = outcome(payment);
    await vi.advanceTimersByTimeAsync(61_000);
    const { error } = await result;
    expect(error).toBeInstanceOf(ApprovalFailedError);
    expect((error as ApprovalFailedError).details).toMatch(/expired/);
    expect(payment.snapshot.approval.attempts).toBeGreaterThanOrEqual(6);
    expect(payment.phase).toBe('failed');
  });

  it('fails with PaymentExpiredError when the server never answered before the approval timer ended', async () => {
    vi.useFakeTimers();
    await signedIn();
    h.network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/approve', delayMs: 120_000 });
    const payment = h.client.createPayment(KITTEN);
    const result = outcome(payment);
    await vi.advanceTimersByTimeAsync(61_000);
    expect((await result).error).toBeInstanceOf(PaymentExpiredError);
  });

  it('goes on when the approval succeeded at Pi but its answer was lost (the SDK proves it)', async () => {
    await signedIn();
    h.network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/approve', status: 500, after: true, times: 1 });
    const payment = h.client.createPayment(KITTEN);
    const phases = phasesOf(payment);
    await expect(payment.promise).resolves.toMatchObject({ status: { developer_completed: true } });
    expectPath(phases);
    expect(phases).toContain('completing');
  });

  it('retries a failed completion on the re-invocation and completes', async () => {
    vi.useFakeTimers();
    await signedIn();
    h.network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/complete', status: 503, times: 1 });
    const payment = h.client.createPayment(KITTEN);
    await vi.advanceTimersByTimeAsync(100);
    expect(payment.phase).toBe('completing');
    expect(payment.error).toBeInstanceOf(CompletionFailedError);
    expect(payment.snapshot.completion).toMatchObject({ status: 'failed', attempts: 1 });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(payment.promise).resolves.toMatchObject({ status: { developer_completed: true } });
    expect(payment.snapshot.completion.attempts).toBe(2);
    expect(payment.error).toBeNull();
  });

  it('fails with CompletionFailedError once the SDK stops re-invoking; the payment is recovered at the next authenticate', async () => {
    vi.useFakeTimers();
    await signedIn({ pi: { timings: { completionTimeoutMs: 60_000 } } });
    const stop = h.network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/complete', status: 503 });
    const payment = h.client.createPayment(KITTEN);
    const result = outcome(payment);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(payment.phase).toBe('completing'); // the SDK still re-invokes
    await vi.advanceTimersByTimeAsync(40_000); // it stopped; sdkRetryTimeoutMs (30 s) passed
    const { error } = await result;
    expect(error).toBeInstanceOf(CompletionFailedError);
    expect((error as CompletionFailedError).txid).toBe(payment.txid);
    expect(h.network.incompletePaymentOf('alice')?.identifier).toBe(payment.paymentId);

    stop();
    await h.client.authenticate(['username', 'payments']);
    await vi.advanceTimersByTimeAsync(100);
    expect(h.client.store.getState().incompletePayment).toMatchObject({ status: 'resolved', outcome: 'completed' });
    expect(h.network.getPayment(payment.paymentId!)?.status.developer_completed).toBe(true);
  });
});

describe('createPayment: guards', () => {
  it('rejects a second payment while one is open (double click): the first completes, nothing else reaches Pi', async () => {
    await signedIn();
    const first = h.client.createPayment(KITTEN);
    const second = h.client.createPayment(KITTEN);
    const { error } = await outcome(second);
    expect(error).toBeInstanceOf(PaymentInProgressError);
    expect(second.phase).toBe('failed');
    await expect(first.promise).resolves.toBeDefined();
    expect(h.network.payments()).toHaveLength(1);
    expect(h.client.store.getState().payment?.paymentId).toBe(first.paymentId);
    // once it ended, a new payment may start
    await expect(h.client.createPayment(KITTEN).promise).resolves.toBeDefined();
  });

  it("with onPaymentConcurrency: 'wait', the second payment starts once the first ended", async () => {
    await signedIn({ client: { onPaymentConcurrency: 'wait' } });
    const first = h.client.createPayment(KITTEN);
    const second = h.client.createPayment({ ...KITTEN, amount: 1 });
    expect(second.phase).toBe('idle');
    const [a, b] = await Promise.all([first.promise, second.promise]);
    expect(a.identifier).not.toBe(b.identifier);
    expect(b.amount).toBe(1);
    expect(h.network.payments().every((p) => p.status.developer_completed)).toBe(true);
  });

  it('rejects invalid payment data before calling Pi, naming the field', async () => {
    await signedIn();
    const payment = h.client.createPayment({ ...KITTEN, amount: -1 });
    const { error } = await outcome(payment);
    expect(error).toBeInstanceOf(InvalidPaymentDataError);
    expect((error as InvalidPaymentDataError).field).toBe('amount');
    expect(h.network.payments()).toHaveLength(0);
    expect(h.client.store.getState().payment).toMatchObject({ phase: 'failed', data: null });
  });

  it('needs init, a signed-in user and the payments scope', async () => {
    h = harness();
    expect((await outcome(h.client.createPayment(KITTEN))).error).toBeInstanceOf(NotInitializedError);
    await h.client.init();
    expect((await outcome(h.client.createPayment(KITTEN))).error).toBeInstanceOf(NotAuthenticatedError);
    await h.client.authenticate(['username']);
    const { error } = await outcome(h.client.createPayment(KITTEN));
    expect(error).toBeInstanceOf(NotAuthenticatedError);
    expect((error as NotAuthenticatedError).missingScope).toBe('payments');
    expect(h.network.payments()).toHaveLength(0);
  });
});

describe('createPayment while an incomplete payment is being recovered', () => {
  it('waits for the recovery instead of being rejected by Pi', async () => {
    h = harness();
    const pendingId = await incompletePayment(h.network);
    await h.client.authenticate(['username', 'payments']); // starts the recovery
    expect(h.client.store.getState().incompletePayment?.status).toBe('recovering');
    const payment = h.client.createPayment(KITTEN);
    await expect(payment.promise).resolves.toMatchObject({ status: { developer_completed: true } });
    expect(h.network.getPayment(pendingId)?.status.developer_completed).toBe(true);
    expect(h.requests.map((r) => r.route)).toEqual(['incomplete', 'approve', 'complete']);
  });
});

describe('concurrent payments (payments.md, "Warning: concurrent payments")', () => {
  it('no transaction yet: the SDK cancels the older payment, which ends cancelled; the new one completes', async () => {
    await signedIn({ pi: { wallet: 'manual' }, client: { onPaymentConcurrency: 'replace' } });
    const older = h.client.createPayment(KITTEN);
    await reach(older, 'signing');
    const newer = h.client.createPayment({ ...KITTEN, amount: 1 });
    const { error } = await outcome(older);
    expect(error).toBeInstanceOf(PaymentCancelledError);
    expect(older.phase).toBe('cancelled');
    expect(h.network.getPayment(older.paymentId!)?.status.cancelled).toBe(true);
    h.pi.wallet.approve((await h.pi.wallet.next()).identifier);
    await expect(newer.promise).resolves.toMatchObject({ amount: 1 });
    expect(h.client.store.getState().payment?.paymentId).toBe(newer.paymentId);
  });

  it('the same from another tab of the same user', async () => {
    await signedIn({ pi: { wallet: 'manual' } });
    const tab = h.secondTab({ wallet: 'approve' });
    await tab.client.authenticate(['username', 'payments']);
    const older = h.client.createPayment(KITTEN);
    await reach(older, 'signing');
    const newer = tab.client.createPayment({ ...KITTEN, amount: 1 });
    expect((await outcome(older)).error).toBeInstanceOf(PaymentCancelledError);
    await expect(newer.promise).resolves.toMatchObject({ amount: 1 });
  });

  it('older payment with a transaction: the new one fails with IncompletePaymentError, the older is recovered, then a new payment works', async () => {
    await signedIn();
    const pendingId = await incompletePayment(h.network);
    const rejected = h.client.createPayment(KITTEN);
    const { error } = await outcome(rejected);
    expect(error).toBeInstanceOf(IncompletePaymentError);
    expect((error as IncompletePaymentError).payment.identifier).toBe(pendingId);
    expect(rejected.phase).toBe('failed');
    await vi.waitFor(() => expect(h.client.store.getState().incompletePayment).toMatchObject({ status: 'resolved', outcome: 'completed' }));
    expect(h.network.getPayment(pendingId)?.status.developer_completed).toBe(true);
    expect(h.requests.filter((r) => r.route === 'incomplete')).toHaveLength(1);
    await expect(h.client.createPayment(KITTEN).promise).resolves.toMatchObject({ status: { developer_completed: true } });
  });
});
