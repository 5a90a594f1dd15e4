import { describe, expect, it, vi } from 'vitest';
import { flush, lastPayment, ORDER, recorder, setup, signIn, useFakeTimersInTests } from './support';

describe('createPayment: the payment flow (payments.md)', () => {
  useFakeTimersInTests();

  it('approve → wallet signs → complete: callbacks in order, π moved, payment completed', async () => {
    const h = setup();
    await signIn(h);
    const rec = recorder(h, { approve: true, complete: true });
    const before = h.network.balanceOf(h.network.user('alice').walletAddress);
    h.pi.createPayment(ORDER, rec.callbacks);
    await flush();
    const payment = lastPayment(h.network);
    expect(rec.names()).toEqual(['onReadyForServerApproval', 'onReadyForServerCompletion']);
    expect(rec.calls[0]).toEqual({ name: 'onReadyForServerApproval', paymentId: payment.identifier });
    expect(rec.calls[1]).toEqual({
      name: 'onReadyForServerCompletion',
      paymentId: payment.identifier,
      txid: payment.transaction?.txid,
    });
    expect(payment).toMatchObject({
      amount: ORDER.amount,
      memo: ORDER.memo,
      metadata: ORDER.metadata,
      direction: 'user_to_app',
      status: { developer_approved: true, transaction_verified: true, developer_completed: true, cancelled: false },
    });
    expect(h.network.balanceOf(h.network.user('alice').walletAddress)).toBeLessThan(before - ORDER.amount + 1e-9);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(rec.calls).toHaveLength(2);
  });

  it('re-invokes onReadyForServerApproval every 10 s while unapproved, then the payment expires at 60 s', async () => {
    const h = setup();
    await signIn(h);
    const rec = recorder(h);
    h.pi.createPayment(ORDER, rec.callbacks);
    await flush();
    expect(rec.count('onReadyForServerApproval')).toBe(1);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(rec.count('onReadyForServerApproval')).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(rec.count('onReadyForServerApproval')).toBe(2);
    await vi.advanceTimersByTimeAsync(40_000);
    expect(rec.count('onReadyForServerApproval')).toBe(6);
    expect(rec.count('onError')).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rec.count('onReadyForServerApproval')).toBe(6);
    const expired = rec.calls.find((call) => call.name === 'onError');
    expect(expired).toMatchObject({ error: { message: 'The payment has expired', code: 'payment_expired' } });
    const payment = lastPayment(h.network);
    expect(payment.status).toMatchObject({ cancelled: true, developer_approved: false, user_cancelled: false });
    expect(expired?.name === 'onError' && expired.payment?.identifier).toBe(payment.identifier);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rec.calls).toHaveLength(7);
  });

  it('expiry: "cancel" calls onCancel instead of onError', async () => {
    const h = setup({ expiry: 'cancel' });
    await signIn(h);
    const rec = recorder(h);
    h.pi.createPayment(ORDER, rec.callbacks);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rec.names().slice(-1)).toEqual(['onCancel']);
    expect(rec.count('onError')).toBe(0);
  });

  it('timings are adjustable (network timings and SDK override)', async () => {
    const h = setup({ timings: { callbackRetryMs: 2_000 } }, { timings: { approvalTimeoutMs: 5_000 } });
    await signIn(h);
    const rec = recorder(h);
    h.pi.createPayment(ORDER, rec.callbacks);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(rec.count('onReadyForServerApproval')).toBe(3);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(rec.names().slice(-1)).toEqual(['onError']);
  });

  it('an approval answered on a later re-invocation proceeds to the wallet', async () => {
    const h = setup();
    await signIn(h);
    let attempts = 0;
    const rec = recorder(h);
    const callbacks = {
      ...rec.callbacks,
      onReadyForServerApproval: (paymentId: string) => {
        rec.callbacks.onReadyForServerApproval(paymentId);
        attempts += 1;
        if (attempts === 3) void h.route('approve', { paymentId, accessToken: h.accessToken() });
      },
    };
    h.pi.createPayment(ORDER, callbacks);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(rec.names()).toEqual([
      'onReadyForServerApproval',
      'onReadyForServerApproval',
      'onReadyForServerApproval',
      'onReadyForServerCompletion',
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rec.count('onError')).toBe(0);
  });

  it('a throwing callback counts as a failed attempt and is re-invoked', async () => {
    const h = setup();
    await signIn(h);
    let calls = 0;
    const rec = recorder(h);
    h.pi.createPayment(ORDER, {
      ...rec.callbacks,
      onReadyForServerApproval: () => {
        calls += 1;
        throw new Error('app bug');
      },
    });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls).toBe(3);
    expect(h.network.events.some((event) => event.type === 'sdk.callback_threw')).toBe(true);
  });

  it('re-invokes onReadyForServerCompletion every 10 s while not completed; then the payment stays incomplete', async () => {
    const h = setup();
    await signIn(h);
    const rec = recorder(h, { approve: true });
    h.pi.createPayment(ORDER, rec.callbacks);
    await flush();
    expect(rec.count('onReadyForServerCompletion')).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rec.count('onReadyForServerCompletion')).toBe(2);
    await vi.advanceTimersByTimeAsync(600_000);
    const invocations = rec.count('onReadyForServerCompletion');
    expect(invocations).toBe(60);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rec.count('onReadyForServerCompletion')).toBe(invocations);
    const payment = lastPayment(h.network);
    expect(payment.transaction).not.toBeNull();
    expect(payment.status.developer_completed).toBe(false);
    expect(h.network.incompletePaymentOf('alice')?.identifier).toBe(payment.identifier);
    expect(h.network.events.some((event) => event.type === 'sdk.completion_timer_ended')).toBe(true);
  });

  it('a completion answered on a re-invocation stops the re-invocations', async () => {
    const h = setup();
    await signIn(h);
    const rec = recorder(h, { approve: true });
    h.pi.createPayment(ORDER, rec.callbacks);
    await vi.advanceTimersByTimeAsync(10_000);
    const call = rec.calls.find((c) => c.name === 'onReadyForServerCompletion');
    if (call?.name !== 'onReadyForServerCompletion') throw new Error('no completion callback');
    const response = await h.route('complete', { paymentId: call.paymentId, txid: call.txid });
    expect(response.status).toBe(200);
    await flush();
    const count = rec.count('onReadyForServerCompletion');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rec.count('onReadyForServerCompletion')).toBe(count);
  });

  it('logs every callback invocation in the network event log', async () => {
    const h = setup();
    await signIn(h);
    const rec = recorder(h, { approve: true, complete: true });
    h.pi.createPayment(ORDER, rec.callbacks);
    await flush();
    const logged = h.network.events
      .filter((event) => event.type === 'sdk.callback')
      .map((event) => (event as { callback?: unknown }).callback);
    expect(logged).toEqual(['onReadyForServerApproval', 'onReadyForServerCompletion']);
  });

  it('the user rejecting in the wallet cancels the payment: onCancel', async () => {
    const h = setup({ wallet: 'reject' });
    await signIn(h);
    const rec = recorder(h, { approve: true });
    h.pi.createPayment(ORDER, rec.callbacks);
    await flush();
    const payment = lastPayment(h.network);
    expect(rec.names()).toEqual(['onReadyForServerApproval', 'onCancel']);
    expect(payment.status).toMatchObject({ user_cancelled: true, developer_approved: true });
    expect(payment.transaction).toBeNull();
  });

  it('insufficient funds: the payment is cancelled, onCancel, nothing moves', async () => {
    const h = setup({ user: 'bob' });
    await signIn(h);
    const rec = recorder(h, { approve: true });
    const bob = h.network.user('bob').walletAddress;
    h.pi.createPayment({ ...ORDER, amount: 50 }, rec.callbacks);
    await flush();
    expect(rec.names()).toEqual(['onReadyForServerApproval', 'onCancel']);
    expect(h.network.balanceOf(bob)).toBe(5);
    expect(lastPayment(h.network).status.user_cancelled).toBe(true);
    expect(h.network.events.some((event) => event.type === 'payment.cancelled' && event.reason === 'insufficient_funds')).toBe(true);
  });

  it('the app cancelling (/cancel) before approval: onCancel, no more re-invocations', async () => {
    const h = setup();
    await signIn(h);
    const rec = recorder(h);
    h.pi.createPayment(ORDER, rec.callbacks);
    await flush();
    const { identifier } = lastPayment(h.network);
    const response = await h.route('cancel', { paymentId: identifier });
    expect(response.status).toBe(200);
    await flush();
    expect(rec.names()).toEqual(['onReadyForServerApproval', 'onCancel']);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(rec.calls).toHaveLength(2);
  });

  it.each([
    [{ memo: 'm', metadata: {} }, /amount is missing/],
    [{ amount: -1, memo: 'm', metadata: {} }, /amount must be a finite number/],
    [{ amount: Number.NaN, memo: 'm', metadata: {} }, /amount must be a finite number/],
    [{ amount: '3' as unknown as number, memo: 'm', metadata: {} }, /amount must be a finite number/],
    [{ amount: 1, metadata: {} }, /memo is missing/],
    [{ amount: 1, memo: 7 as unknown as string, metadata: {} }, /memo must be a string/],
    [{ amount: 1, memo: 'm' }, /metadata is missing/],
    [{ amount: 1, memo: 'm', metadata: [] as unknown as Record<string, unknown> }, /metadata must be a plain object/],
    [null, /paymentData must be an object/],
  ])('invalid payment data %j → onError without payment, nothing created', async (data, message) => {
    const h = setup();
    await signIn(h);
    const rec = recorder(h);
    h.pi.createPayment(data as never, rec.callbacks);
    await flush();
    expect(rec.calls).toEqual([
      {
        name: 'onError',
        error: expect.objectContaining({ code: 'invalid_payment_data', message: expect.stringMatching(message) }),
        payment: undefined,
      },
    ]);
    expect(h.network.payments()).toEqual([]);
  });

  it('missing callbacks throw at once', async () => {
    const h = setup();
    await signIn(h);
    expect(() => h.pi.createPayment(ORDER, { onReadyForServerApproval: () => undefined } as never)).toThrow(
      expect.objectContaining({
        code: 'invalid_callbacks',
        message: expect.stringMatching(/onReadyForServerCompletion, onCancel, onError/),
      }),
    );
  });

  it('createPayment without the payments scope → onError', async () => {
    const h = setup();
    h.pi.init({ version: '2.0' });
    await h.pi.authenticate(['username'], () => undefined);
    const rec = recorder(h);
    h.pi.createPayment(ORDER, rec.callbacks);
    await flush();
    expect(rec.calls).toEqual([
      { name: 'onError', error: expect.objectContaining({ code: 'missing_payments_scope' }), payment: undefined },
    ]);
  });

  it('dispose stops the timers: no more callbacks', async () => {
    const h = setup();
    await signIn(h);
    const rec = recorder(h);
    h.pi.createPayment(ORDER, rec.callbacks);
    await flush();
    h.pi.dispose();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(rec.calls).toHaveLength(1);
  });
});

describe('expiry when the network clock lags the SDK timers', () => {
  useFakeTimersInTests();

  it('the SDK still expires the payment: cancelled on the network, onError "The payment has expired"', async () => {
    const start = Date.now();
    const h = setup({}, { now: () => start });
    await signIn(h);
    const rec = recorder(h);
    h.pi.createPayment(ORDER, rec.callbacks);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rec.names().slice(-1)).toEqual(['onError']);
    expect(rec.calls.at(-1)).toMatchObject({ error: { message: 'The payment has expired' } });
    expect(lastPayment(h.network).status.cancelled).toBe(true);
    expect(rec.count('onCancel')).toBe(0);
  });
});
