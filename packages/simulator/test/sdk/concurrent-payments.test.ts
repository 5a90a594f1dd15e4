import { describe, expect, it, vi } from 'vitest';
import { createSimulatedPi } from '../../src/index';
import { flush, lastPayment, ORDER, recorder, setup, signIn, useFakeTimersInTests } from './support';

describe('concurrent payments and incomplete payments (payments.md)', () => {
  useFakeTimersInTests();

  it('rule 1: an open payment without a transaction is cancelled (its onCancel), the new one proceeds', async () => {
    const h = setup();
    await signIn(h);
    const first = recorder(h);
    h.pi.createPayment(ORDER, first.callbacks);
    await flush();
    const firstPayment = lastPayment(h.network);
    const second = recorder(h);
    h.pi.createPayment({ ...ORDER, memo: 'second' }, second.callbacks);
    await flush();
    const secondPayment = lastPayment(h.network);
    expect(secondPayment.identifier).not.toBe(firstPayment.identifier);
    expect(first.names()).toEqual(['onReadyForServerApproval', 'onCancel']);
    expect(second.names()).toEqual(['onReadyForServerApproval']);
    expect(h.network.getPayment(firstPayment.identifier)?.status.cancelled).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(first.count('onReadyForServerApproval')).toBe(1);
    expect(second.count('onReadyForServerApproval')).toBe(2);
  });

  it('rule 1 also applies to an approved payment the user has not signed yet (manual wallet)', async () => {
    const h = setup({ wallet: 'manual' });
    await signIn(h);
    const first = recorder(h, { approve: true });
    h.pi.createPayment(ORDER, first.callbacks);
    await flush();
    expect(h.pi.wallet.pending()).toHaveLength(1);
    const second = recorder(h);
    h.pi.createPayment({ ...ORDER, memo: 'second' }, second.callbacks);
    await flush();
    expect(first.names()).toEqual(['onReadyForServerApproval', 'onCancel']);
    expect(h.pi.wallet.pending()).toEqual([]);
  });

  it('rule 2: with a transaction made, the new payment is rejected and onIncompletePaymentFound gets the existing one', async () => {
    const h = setup();
    await signIn(h);
    const first = recorder(h, { approve: true });
    h.pi.createPayment(ORDER, first.callbacks);
    await flush();
    const existing = lastPayment(h.network);
    expect(existing.transaction).not.toBeNull();
    const second = recorder(h, { approve: true });
    h.pi.createPayment({ ...ORDER, memo: 'second' }, second.callbacks);
    await flush();
    expect(second.calls).toEqual([
      {
        name: 'onError',
        error: expect.objectContaining({ message: 'A pending payment needs to be handled.', code: 'pending_payment' }),
        payment: expect.objectContaining({ identifier: existing.identifier }),
      },
    ]);
    expect(h.incomplete.map((p) => p.identifier)).toEqual([existing.identifier]);
    expect(h.network.payments()).toHaveLength(1);
  });

  it('an incomplete payment is reported at the next authenticate, and the app can resolve it', async () => {
    const h = setup();
    await signIn(h);
    const rec = recorder(h, { approve: true });
    h.pi.createPayment(ORDER, rec.callbacks);
    await vi.advanceTimersByTimeAsync(700_000);
    const stuck = lastPayment(h.network);
    expect(stuck.status.developer_completed).toBe(false);
    h.pi.dispose();

    const found: string[] = [];
    await h.pi.authenticate(['payments'], (payment) => found.push(payment.identifier));
    expect(found).toEqual([stuck.identifier]);

    const resolved = await h.route('incomplete', { paymentId: stuck.identifier, txid: stuck.transaction?.txid ?? null });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ outcome: 'completed', payment: { status: { developer_completed: true } } });
    const again: string[] = [];
    await h.pi.authenticate(['payments'], (payment) => again.push(payment.identifier));
    expect(again).toEqual([]);
  });

  it('authenticate does not report a payment without a transaction', async () => {
    const h = setup();
    await signIn(h);
    h.pi.createPayment(ORDER, recorder(h).callbacks);
    await flush();
    const found: string[] = [];
    await h.pi.authenticate(['payments'], (payment) => found.push(payment.identifier));
    expect(found).toEqual([]);
  });

  it('a payment from another SDK instance of the same user is cancelled by rule 1 too', async () => {
    const h = setup();
    await signIn(h);
    h.pi.createPayment(ORDER, recorder(h).callbacks);
    await flush();
    const old = lastPayment(h.network);
    const other = createSimulatedPi(h.network, { user: 'alice' });
    other.init({ version: '2.0' });
    await other.authenticate(['payments'], () => undefined);
    const rec = recorder(h);
    other.createPayment(ORDER, rec.callbacks);
    await flush();
    expect(h.network.getPayment(old.identifier)?.status.cancelled).toBe(true);
    expect(rec.names()).toEqual(['onReadyForServerApproval']);
    other.dispose();
  });
});
