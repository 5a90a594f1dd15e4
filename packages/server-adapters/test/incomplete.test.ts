/**
 * The incomplete route (onIncompletePaymentFound) and reconcile(): a payment with a
 * transaction is verified on the simulated Horizon before it is completed and delivered;
 * one without is cancelled and released. Never completed blindly.
 */
import type { PiNetwork } from '@pi-kit/simulator';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { post, useSimulatedNetwork, userPays } from './support/sim';

const sim = useSimulatedNetwork();
let network: PiNetwork;
let app: TestApp;
beforeEach(() => {
  network = sim.network;
  app = createTestApp(network, { appWalletAddress: network.app.walletAddress });
});

/** Alice pays and signs; the browser never sends complete (closed tab). */
async function signedButNotCompleted(a: TestApp = app) {
  const { payment, accessToken } = userPays(network);
  expect((await post(a.handlers, 'approve', { paymentId: payment.identifier, accessToken })).status).toBe(200);
  const txid = network.submitTransaction(payment.identifier).transaction!.txid;
  expect(network.incompletePaymentOf('alice')?.identifier).toBe(payment.identifier);
  return { paymentId: payment.identifier, accessToken, txid };
}

describe('incomplete', () => {
  it("verifies the transaction on Horizon, completes and delivers once; the browser's txid is ignored", async () => {
    const { paymentId, accessToken } = await signedButNotCompleted();
    const res = await post(app.handlers, 'incomplete', { paymentId, txid: 'b'.repeat(64), accessToken });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('completed');
    expect(network.getPayment(paymentId)!.status.developer_completed).toBe(true);
    expect(network.incompletePaymentOf('alice')).toBeNull();
    expect(app.deliveries).toEqual([paymentId]);
    const again = await post(app.handlers, 'incomplete', { paymentId, txid: null });
    expect(again.body.outcome).toBe('completed');
    expect(app.deliveries).toEqual([paymentId]);
    expect(network.events.some((e) => e.type === 'api.call' && e.api === 'horizon' && e.path.includes('/transactions/'))).toBe(true);
  });

  it("cancels a payment without a transaction on Pi and releases its order, only with the owner's token", async () => {
    const { payment, accessToken } = userPays(network);
    await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    const anonymous = await post(app.handlers, 'incomplete', { paymentId: payment.identifier, txid: null });
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'missing_token' } } });
    expect(network.getPayment(payment.identifier)!.status.cancelled).toBe(false);
    const res = await post(app.handlers, 'incomplete', { paymentId: payment.identifier, txid: null, accessToken });
    expect(res).toMatchObject({ status: 200, body: { outcome: 'cancelled' } });
    expect(network.getPayment(payment.identifier)!.status.cancelled).toBe(true);
    expect(app.releases).toEqual([payment.identifier]);
    expect(app.deliveries).toEqual([]);
  });

  it('refuses a transaction to another wallet: 422 payment_mismatch, nothing completed', async () => {
    const strict = createTestApp(network, { appWalletAddress: network.user('bob').walletAddress });
    const { paymentId } = await signedButNotCompleted(strict);
    expect(await post(strict.handlers, 'incomplete', { paymentId, txid: null })).toMatchObject({
      status: 422,
      body: { error: { code: 'payment_mismatch' } },
    });
    expect(network.getPayment(paymentId)!.status.developer_completed).toBe(false);
    expect(strict.deliveries).toEqual([]);
  });

  it('refuses a transaction whose memo names another payment: 422 memo_mismatch', async () => {
    const { paymentId, txid } = await signedButNotCompleted();
    const tx = await (await fetch(`${network.horizonUrl}/transactions/${txid}`)).json();
    network.faults.inject({ api: 'horizon', route: `GET /transactions/${txid}`, status: 200, body: { ...tx, memo: 'another-payment' } });
    expect(await post(app.handlers, 'incomplete', { paymentId, txid: null })).toMatchObject({
      status: 422,
      body: { error: { code: 'memo_mismatch' } },
    });
    expect(app.deliveries).toEqual([]);
  });

  it('refuses a transaction of a smaller amount: 422 payment_mismatch', async () => {
    const { paymentId, txid } = await signedButNotCompleted();
    const ops = await (await fetch(`${network.horizonUrl}/transactions/${txid}/operations`)).json();
    const records = ops._embedded.records.map((op: Record<string, unknown>) => ({ ...op, amount: '0.0100000' }));
    network.faults.inject({
      api: 'horizon',
      route: `GET /transactions/${txid}/operations`,
      status: 200,
      body: { ...ops, _embedded: { records } },
    });
    expect(await post(app.handlers, 'incomplete', { paymentId, txid: null })).toMatchObject({
      status: 422,
      body: { error: { code: 'payment_mismatch' } },
    });
    expect(app.deliveries).toEqual([]);
  });

  it('refuses a transaction Horizon does not know (422) and answers 502 while Horizon is down', async () => {
    const { paymentId, txid } = await signedButNotCompleted();
    const remove = network.faults.inject({
      api: 'horizon',
      route: `GET /transactions/${txid}`,
      status: 404,
      body: { status: 404, title: 'Resource Missing' },
    });
    expect(await post(app.handlers, 'incomplete', { paymentId, txid: null })).toMatchObject({
      status: 422,
      body: { error: { code: 'transaction_not_found' } },
    });
    remove();
    network.faults.inject({ api: 'horizon', html: true, status: 503 });
    expect(await post(app.handlers, 'incomplete', { paymentId, txid: null })).toMatchObject({
      status: 502,
      body: { error: { code: 'horizon_unavailable' } },
    });
    expect(network.getPayment(paymentId)!.status.developer_completed).toBe(false);
    expect(app.deliveries).toEqual([]);
  });

  it("refuses another user's token (403) and an A2U payment (403)", async () => {
    const { paymentId } = await signedButNotCompleted();
    const { accessToken: bobToken } = network.authenticate('bob', ['payments']);
    expect(await post(app.handlers, 'incomplete', { paymentId, txid: null, accessToken: bobToken })).toMatchObject({
      status: 403,
      body: { error: { code: 'payment_user_mismatch' } },
    });
    const a2u = network.createAppPayment({ amount: 1, memo: 'r', metadata: {}, uid: network.user('bob').uid });
    expect(await post(app.handlers, 'incomplete', { paymentId: a2u.identifier, txid: null })).toMatchObject({
      status: 403,
      body: { error: { code: 'wrong_direction' } },
    });
  });
});

describe('reconcile()', () => {
  it('completes and delivers a paid payment whose complete never came, releases an expired one, leaves one awaiting the user', async () => {
    const paid = await signedButNotCompleted();
    const { payment: waiting, accessToken: bobToken } = userPays(network, 'bob', { amount: 5, memo: 'x', metadata: { orderId: 'o-2' } });
    await post(app.handlers, 'approve', { paymentId: waiting.identifier, accessToken: bobToken });
    const carol = network.addUser({ username: 'carol' });
    const { payment: dropped, accessToken: carolToken } = userPays(network, carol.username, {
      amount: 5,
      memo: 'y',
      metadata: { orderId: 'o-2' },
    });
    await post(app.handlers, 'approve', { paymentId: dropped.identifier, accessToken: carolToken });
    network.cancelByUser(dropped.identifier);

    const report = await app.handlers.reconcile();
    expect(report.delivered).toEqual([paid.paymentId]);
    expect(report.cancelled).toEqual([dropped.identifier]);
    expect(report.pending).toEqual([waiting.identifier]);
    expect(report.failed).toEqual([]);
    expect(app.deliveries).toEqual([paid.paymentId]);
    expect(app.releases).toEqual([dropped.identifier]);

    const second = await app.handlers.reconcile();
    expect(second).toMatchObject({ checked: 1, delivered: [], cancelled: [], pending: [waiting.identifier] });
  });

  it('reports a payment it cannot settle while Pi is down, and settles it later', async () => {
    const paid = await signedButNotCompleted();
    network.faults.inject({ api: 'platform', html: true, status: 502 });
    const report = await app.handlers.reconcile();
    expect(report.failed).toEqual([expect.objectContaining({ paymentId: paid.paymentId, code: 'pi_unavailable' })]);
    network.faults.clear();
    expect((await app.handlers.reconcile()).delivered).toEqual([paid.paymentId]);
  });
});
