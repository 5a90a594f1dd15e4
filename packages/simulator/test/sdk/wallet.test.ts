import { describe, expect, it, vi } from 'vitest';
import { flush, lastPayment, ORDER, recorder, setup, signIn, useFakeTimersInTests } from './support';

describe('the manual wallet', () => {
  useFakeTimersInTests();

  it('waits for a decision: pending(), next(), approve(id) signs and submits', async () => {
    const h = setup({ wallet: 'manual' });
    await signIn(h);
    const rec = recorder(h, { approve: true, complete: true });
    const next = h.pi.wallet.next();
    h.pi.createPayment(ORDER, rec.callbacks);
    const awaiting = await next;
    expect(awaiting).toMatchObject({ amount: ORDER.amount, memo: ORDER.memo, status: { developer_approved: true } });
    expect(h.pi.wallet.pending().map((p) => p.identifier)).toEqual([awaiting.identifier]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(rec.names()).toEqual(['onReadyForServerApproval']);
    h.pi.wallet.approve(awaiting.identifier);
    await flush();
    expect(rec.names()).toEqual(['onReadyForServerApproval', 'onReadyForServerCompletion']);
    expect(lastPayment(h.network).status.developer_completed).toBe(true);
    expect(h.pi.wallet.pending()).toEqual([]);
  });

  it('reject(id) cancels: onCancel', async () => {
    const h = setup({ wallet: 'manual' });
    await signIn(h);
    const rec = recorder(h, { approve: true });
    h.pi.createPayment(ORDER, rec.callbacks);
    const awaiting = await h.pi.wallet.next();
    h.pi.wallet.reject(awaiting.identifier);
    await flush();
    expect(rec.names()).toEqual(['onReadyForServerApproval', 'onCancel']);
    expect(lastPayment(h.network).status.user_cancelled).toBe(true);
  });

  it('next() resolves at once when a payment is already pending', async () => {
    const h = setup({ wallet: 'manual' });
    await signIn(h);
    h.pi.createPayment(ORDER, recorder(h, { approve: true }).callbacks);
    await flush();
    await expect(h.pi.wallet.next()).resolves.toMatchObject({ memo: ORDER.memo });
  });

  it('approve/reject of a payment not pending throw wallet_payment_not_pending', () => {
    const h = setup({ wallet: 'manual' });
    expect(() => h.pi.wallet.approve('nope')).toThrow(expect.objectContaining({ code: 'wallet_payment_not_pending' }));
    expect(() => h.pi.wallet.reject('nope')).toThrow(expect.objectContaining({ code: 'wallet_payment_not_pending' }));
  });

  it('setMode changes how later payments are decided; unknown modes throw', async () => {
    const h = setup({ wallet: 'manual' });
    await signIn(h);
    expect(h.pi.wallet.mode).toBe('manual');
    h.pi.wallet.setMode('reject');
    const rec = recorder(h, { approve: true });
    h.pi.createPayment(ORDER, rec.callbacks);
    await flush();
    expect(rec.names()).toEqual(['onReadyForServerApproval', 'onCancel']);
    expect(() => h.pi.wallet.setMode('maybe' as never)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  it('a payment cancelled by the app while in the wallet leaves pending() and gets onCancel', async () => {
    const h = setup({ wallet: 'manual' });
    await signIn(h);
    const rec = recorder(h, { approve: true });
    h.pi.createPayment(ORDER, rec.callbacks);
    const awaiting = await h.pi.wallet.next();
    expect((await h.route('cancel', { paymentId: awaiting.identifier })).status).toBe(200);
    await flush();
    expect(h.pi.wallet.pending()).toEqual([]);
    expect(rec.names()).toEqual(['onReadyForServerApproval', 'onCancel']);
  });

  it('insufficient funds with the manual wallet: approve → onCancel, the wallet hears insufficient_funds', async () => {
    const h = setup({ user: 'bob', wallet: 'manual' });
    await signIn(h);
    const events: string[] = [];
    h.pi.wallet.subscribe((event) =>
      events.push(
        event.type === 'settled'
          ? `settled:${event.outcome}`
          : event.type === 'review'
            ? `review:${event.review.balance}`
            : `progress:${event.stage}`,
      ),
    );
    const rec = recorder(h, { approve: true });
    h.pi.createPayment({ ...ORDER, amount: 6 }, rec.callbacks);
    const awaiting = await h.pi.wallet.next();
    h.pi.wallet.approve(awaiting.identifier);
    await flush();
    expect(events).toEqual(['progress:awaiting_approval', 'review:5', 'progress:submitting', 'settled:insufficient_funds']);
    expect(rec.names()).toEqual(['onReadyForServerApproval', 'onCancel']);
  });
});
