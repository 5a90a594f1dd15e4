/**
 * The complete route claims the delivery (`approved` → `completing`) while it reads Pi, before
 * any check: what that claim may and may not do. It records no txid, takes no record still
 * `approving`, is given back whenever a check fails or Pi cannot be read (a failure to give it
 * back leaves it to its lease), and a cancel racing it still releases the order once.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../src/store/memory';
import type { PaymentStore, Transition } from '../src/store/types';
import { createTestApp, type TestApp } from './support/app';
import { post, useSimulatedNetwork, userPays } from './support/sim';

const sim = useSimulatedNetwork();

async function approveAndPay(app: TestApp) {
  const { payment, accessToken } = userPays(sim.network);
  expect((await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken })).status).toBe(200);
  const txid = sim.network.submitTransaction(payment.identifier).transaction!.txid;
  return { paymentId: payment.identifier, accessToken, txid };
}

/**
 * Alice's payment, approved on Pi and paid, while this store still has it `approving`: `onApprove`
 * is running in another request, which holds the record's claim (`approve-request`).
 */
async function approvingAndPaid(store: PaymentStore) {
  const { payment } = userPays(sim.network);
  const paymentId = payment.identifier;
  const { amount, memo, metadata } = payment;
  const claim = { owner: 'approve-request', leaseMs: 60_000 };
  expect(await store.insert({ paymentId, uid: payment.user_uid, amount, memo, metadata, state: 'approving', claim })).toBe(true);
  sim.network.approvePayment(paymentId);
  const txid = sim.network.submitTransaction(paymentId).transaction!.txid;
  return { paymentId, txid };
}

describe('the delivery claimed while Pi is read', () => {
  it('is given back when Pi cannot be read: approved again, no txid, and the next complete delivers once', async () => {
    const store = createMemoryStore();
    const app = createTestApp(sim.network, { store, platform: { retryDelayMs: 1, retries: 0 } });
    const { paymentId, txid, accessToken } = await approveAndPay(app);
    const stop = sim.network.faults.inject({ route: 'GET /v2/payments/*', status: 500 });
    expect((await post(app.handlers, 'complete', { paymentId, txid, accessToken })).status).toBeGreaterThanOrEqual(500);
    stop();
    expect(await store.get(paymentId)).toMatchObject({ state: 'approved', txid: null, claimOwner: null });
    expect(sim.network.getPayment(paymentId)!.status.developer_completed).toBe(false);
    expect((await post(app.handlers, 'complete', { paymentId, txid, accessToken })).status).toBe(200);
    expect(app.deliveries).toEqual([paymentId]);
  });

  it("is given back when the user is another than the payment's: 403, nothing completed", async () => {
    const store = createMemoryStore();
    const app = createTestApp(sim.network, { store });
    const { paymentId, txid } = await approveAndPay(app);
    const bob = sim.network.authenticate('bob', ['username', 'payments']).accessToken;
    const res = await post(app.handlers, 'complete', { paymentId, txid, accessToken: bob });
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'payment_user_mismatch' } } });
    expect(await store.get(paymentId)).toMatchObject({ state: 'approved', claimOwner: null });
    expect(sim.network.getPayment(paymentId)!.status.developer_completed).toBe(false);
  });

  it('never takes a record still approving: a complete that fails its checks leaves it to its approve', async () => {
    const store = createMemoryStore();
    const app = createTestApp(sim.network, { store });
    const { paymentId } = await approvingAndPaid(store);
    const wrong = await post(app.handlers, 'complete', { paymentId, txid: 'f'.repeat(64) });
    expect(wrong).toMatchObject({ status: 409, body: { error: { code: 'txid_mismatch' } } });
    expect(await store.get(paymentId)).toMatchObject({ state: 'approving', claimOwner: 'approve-request' });
    // Its approve can still refuse it: the record was never moved past `approving`.
    expect(await store.transition(paymentId, { from: ['approving'], to: 'refused', owner: 'approve-request' })).toMatchObject({
      state: 'refused',
    });
  });

  it('once its checks pass, a complete of a record still approving delivers it once (Pi reports it paid, so approved)', async () => {
    const store = createMemoryStore();
    const app = createTestApp(sim.network, { store });
    const { paymentId, txid } = await approvingAndPaid(store);
    expect((await post(app.handlers, 'complete', { paymentId, txid })).status).toBe(200);
    expect((await post(app.handlers, 'complete', { paymentId, txid })).status).toBe(200);
    expect(app.deliveries).toEqual([paymentId]);
    expect(await store.get(paymentId)).toMatchObject({ state: 'delivered', txid });
  });

  it('a failure to give it back answers the check’s error, goes to onError, and leaves the claim to its lease', async () => {
    let clock = Date.now();
    const memory = createMemoryStore({ now: () => clock });
    let failGiveBack = true;
    const store: PaymentStore = {
      ...memory,
      transition: (id: string, t: Transition) =>
        failGiveBack && t.from.includes('completing') && t.to === 'approved'
          ? Promise.reject(new Error('database unreachable'))
          : memory.transition(id, t),
    };
    const app = createTestApp(sim.network, { store, leaseMs: 1_000, waitMs: 50, now: () => clock });
    const { paymentId, txid, accessToken } = await approveAndPay(app);
    const wrong = await post(app.handlers, 'complete', { paymentId, txid: 'f'.repeat(64), accessToken });
    expect(wrong).toMatchObject({ status: 409, body: { error: { code: 'txid_mismatch' } } });
    expect(app.errors).toMatchObject([{ route: 'complete', paymentId, error: { message: 'database unreachable' } }]);
    expect(await store.get(paymentId)).toMatchObject({ state: 'completing', txid: null });
    failGiveBack = false;
    // Held until its lease expires, then taken over by the next complete.
    expect(await post(app.handlers, 'complete', { paymentId, txid, accessToken })).toMatchObject({
      status: 409,
      body: { error: { code: 'delivery_in_progress' } },
    });
    clock += 1_001;
    expect((await post(app.handlers, 'complete', { paymentId, txid, accessToken })).status).toBe(200);
    expect(app.deliveries).toEqual([paymentId]);
  });

  it('a store failing on the claim while a check fails answers the check’s error and reports the store’s', async () => {
    const memory = createMemoryStore();
    let failClaim = false;
    const store: PaymentStore = {
      ...memory,
      transition: (id: string, t: Transition) =>
        failClaim && t.to === 'completing' ? Promise.reject(new Error('database unreachable')) : memory.transition(id, t),
    };
    const app = createTestApp(sim.network, { store });
    const { paymentId, accessToken } = await approveAndPay(app);
    failClaim = true;
    const wrong = await post(app.handlers, 'complete', { paymentId, txid: 'f'.repeat(64), accessToken });
    expect(wrong).toMatchObject({ status: 409, body: { error: { code: 'txid_mismatch' } } });
    expect(app.errors).toMatchObject([{ route: 'complete', paymentId, error: { message: 'database unreachable' } }]);
    expect(await store.get(paymentId)).toMatchObject({ state: 'approved' });
  });

  it('a cancel that reads the record just before a complete claims it reads it again, and releases the order once', async () => {
    const memory = createMemoryStore();
    let raced = false;
    const store: PaymentStore = {
      ...memory,
      async transition(id: string, t: Transition) {
        if (t.to === 'cancelled' && t.from.includes('approved') && !raced) {
          // Between the cancel's read (`approved`) and its write, a complete claims the delivery.
          raced = true;
          await memory.transition(id, { from: ['approved'], to: 'completing', claim: { owner: 'complete-request', leaseMs: 60_000 } });
        }
        return memory.transition(id, t);
      },
    };
    const app = createTestApp(sim.network, { store });
    const { payment, accessToken } = userPays(sim.network);
    const paymentId = payment.identifier;
    expect((await post(app.handlers, 'approve', { paymentId, accessToken })).status).toBe(200);
    expect((await post(app.handlers, 'cancel', { paymentId, accessToken })).status).toBe(200);
    expect(raced).toBe(true);
    expect(app.releases).toEqual([paymentId]);
    expect(await store.get(paymentId)).toMatchObject({ state: 'cancelled' });
    // The complete's give-back finds the record cancelled: nothing changes.
    expect(await store.transition(paymentId, { from: ['completing'], to: 'approved', owner: 'complete-request' })).toBeUndefined();
  });
});
