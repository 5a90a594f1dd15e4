/**
 * The shop's admin refunds against the simulated Pi network over HTTP: a paid order's
 * amount goes back to its buyer as an A2U payment (create → submit → complete), the order
 * reads `refunded` only after Pi's A2U /complete answered 200, and no order is ever
 * refunded twice (concurrent clicks, a second click, a retry after a failure).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { createPiNetwork, type PiNetwork } from '@pi-kit/simulator';
import { type SimulatorServer, startSimulatorServer } from '@pi-kit/simulator/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPGlite } from '../../../tests/support/pglite';
import { findProduct } from '../shared/catalog';
import { createShopServer, type ShopServer } from '../server/app';

const ADMIN_TOKEN = 'admin-token-for-tests';
let network: PiNetwork;
let simulator: SimulatorServer;
let db: PGlite;
const servers: Server[] = [];
let shop: ShopServer;
let shopUrl: string;
let shopWithoutSeedUrl: string;

async function listen(app: Parameters<typeof createServer>[1]): Promise<string> {
  const http = createServer(app);
  servers.push(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  network = createPiNetwork({
    seed: 11,
    users: [
      { username: 'alice', balance: 50 },
      { username: 'bob', balance: 50 },
    ],
  });
  simulator = await startSimulatorServer({ network });
  db = await freshPGlite(); // the shop's tables are its own: a database of this file's own
  const common = {
    apiKey: network.app.apiKey,
    network: network.app.network,
    piApiBaseUrl: simulator.url,
    horizonUrl: `${simulator.url}/horizon`,
    db,
    adminToken: ADMIN_TOKEN,
    logger: false as const,
  };
  shop = await createShopServer({ ...common, walletSeed: network.app.walletSecret });
  shopUrl = await listen(shop.app);
  shopWithoutSeedUrl = await listen((await createShopServer(common)).app);
}, 120_000);

afterAll(async () => {
  for (const http of servers) await new Promise<void>((resolve) => http.close(() => resolve()));
  await simulator.close();
  await db.close();
});

async function call(url: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(url, { ...init, headers });
  return { status: response.status, body: await response.json() };
}

const refund = (paymentId: string, base = shopUrl) =>
  call(`${base}/api/admin/orders/${paymentId}/refund`, { method: 'POST', token: ADMIN_TOKEN });
const adminOrders = () => call(`${shopUrl}/api/admin/orders`, { token: ADMIN_TOKEN });

/** The fee the simulated ledger charged for a transaction, in π (Horizon's `fee_charged` is in stroops). */
async function feeOf(txid: string): Promise<number> {
  const tx = await (await fetch(`${simulator.url}/horizon/transactions/${txid}`)).json();
  return Number(tx.fee_charged) / 1e7;
}

/** A user buys a product through the shop's routes; resolves the paid order's payment id and txid. */
async function buy(username: string, productId: string): Promise<{ paymentId: string; txid: string }> {
  const product = findProduct(productId)!;
  const { accessToken } = network.authenticate(username, ['payments']);
  const payment = network.createPayment(username, { amount: product.price, memo: product.name, metadata: { productId } });
  expect(
    (await call(`${shopUrl}/api/pi/approve`, { method: 'POST', body: JSON.stringify({ paymentId: payment.identifier, accessToken }) }))
      .status,
  ).toBe(200);
  const txid = network.submitTransaction(payment.identifier).transaction!.txid;
  expect(
    (await call(`${shopUrl}/api/pi/complete`, { method: 'POST', body: JSON.stringify({ paymentId: payment.identifier, txid }) })).status,
  ).toBe(200);
  return { paymentId: payment.identifier, txid };
}

const refundPaymentsOf = (paymentId: string) =>
  network.payments().filter((p) => p.direction === 'app_to_user' && p.metadata.refundOf === paymentId);

describe('shop admin refunds', () => {
  it('lists and refunds only for the admin token', async () => {
    expect((await call(`${shopUrl}/api/admin/orders`)).status).toBe(401);
    expect((await call(`${shopUrl}/api/admin/orders`, { token: 'wrong-token-of-same-len' })).body.error.code).toBe('invalid_admin_token');
    expect((await call(`${shopUrl}/api/admin/orders/x/refund`, { method: 'POST', token: `${ADMIN_TOKEN}x` })).status).toBe(401);
    expect((await adminOrders()).status).toBe(200);
  });

  it("pays the amount back to the buyer: balance back minus the purchase's network fee, order refunded with the A2U payment and txid", async () => {
    const alice = network.user('alice');
    const before = network.balanceOf(alice.walletAddress);
    const appBefore = network.balanceOf(network.app.walletAddress);
    const kitten = findProduct('kitten')!;
    const { paymentId, txid } = await buy('alice', 'kitten');
    expect(network.balanceOf(alice.walletAddress)).toBeCloseTo(before - kitten.price - (await feeOf(txid)), 7);
    expect((await adminOrders()).body.orders.find((o: any) => o.paymentId === paymentId)).toMatchObject({ status: 'paid', refund: null });

    const answer = await refund(paymentId);
    expect(answer.status).toBe(200);
    const order = answer.body.order;
    expect(order).toMatchObject({
      paymentId,
      status: 'refunded',
      refund: { paymentId: expect.any(String), txid: expect.any(String), refundedAt: expect.any(String) },
    });

    // Pi's side: one A2U payment to alice, of the price, submitted and completed with that txid.
    const [a2u] = refundPaymentsOf(paymentId);
    expect(refundPaymentsOf(paymentId)).toHaveLength(1);
    expect(a2u).toMatchObject({
      identifier: order.refund.paymentId,
      direction: 'app_to_user',
      amount: kitten.price,
      user_uid: network.authenticate('alice', ['payments']).user.uid,
      to_address: alice.walletAddress,
      transaction: { txid: order.refund.txid },
      status: { developer_completed: true, cancelled: false },
    });
    // The buyer gets the whole amount back: the simulator charges each transaction's fee to its sender,
    // so alice is short only the fee of her purchase, and the app paid the refund's fee.
    expect(network.balanceOf(alice.walletAddress)).toBeCloseTo(before - (await feeOf(txid)), 7);
    expect(network.balanceOf(network.app.walletAddress)).toBeCloseTo(appBefore - (await feeOf(order.refund.txid)), 7);

    // A second click is refused and pays nothing.
    const again = await refund(paymentId);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_refunded');
    expect(refundPaymentsOf(paymentId)).toHaveLength(1);
    expect(network.balanceOf(alice.walletAddress)).toBeCloseTo(before - (await feeOf(txid)), 7);
  });

  it('refunds once for many concurrent clicks', async () => {
    const bob = network.user('bob');
    const { paymentId } = await buy('bob', 'coffee');
    const afterPurchase = network.balanceOf(bob.walletAddress);
    const answers = await Promise.all(Array.from({ length: 6 }, () => refund(paymentId)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const refused of answers.filter((a) => a.status !== 200)) {
      expect(refused.status).toBe(409);
      expect(['refund_in_progress', 'already_refunded']).toContain(refused.body.error.code);
    }
    expect(refundPaymentsOf(paymentId)).toHaveLength(1);
    expect(network.balanceOf(bob.walletAddress)).toBeCloseTo(afterPurchase + findProduct('coffee')!.price, 7);
  });

  it("stays refunding when Pi's A2U /complete fails, and the next click finishes the same A2U payment without paying again", async () => {
    const bob = network.user('bob');
    const { paymentId } = await buy('bob', 'coffee');
    const afterPurchase = network.balanceOf(bob.walletAddress);
    const restore = network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/complete', status: 503 });
    const failed = await refund(paymentId);
    restore();
    expect(failed.status).toBe(502);
    const stuck = (await adminOrders()).body.orders.find((o: any) => o.paymentId === paymentId);
    expect(stuck).toMatchObject({
      status: 'refunding',
      refund: { paymentId: expect.any(String), txid: expect.any(String), refundedAt: null },
    });
    // The transaction is on the ledger (bob has his π) but Pi did not confirm: not refunded yet.
    expect(network.getPayment(stuck.refund.paymentId)?.status.developer_completed).toBe(false);

    const retried = await refund(paymentId);
    expect(retried.status).toBe(200);
    expect(retried.body.order).toMatchObject({
      status: 'refunded',
      refund: { paymentId: stuck.refund.paymentId, txid: stuck.refund.txid },
    });
    expect(refundPaymentsOf(paymentId)).toHaveLength(1);
    expect(network.getPayment(stuck.refund.paymentId)?.status.developer_completed).toBe(true);
    expect(network.balanceOf(bob.walletAddress)).toBeCloseTo(afterPurchase + findProduct('coffee')!.price, 7);
  });

  it('finishes a refund that stopped halfway without another click (resumeUnfinished), with the same A2U payment', async () => {
    const bob = network.user('bob');
    const { paymentId } = await buy('bob', 'coffee');
    const afterPurchase = network.balanceOf(bob.walletAddress);
    const restore = network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/complete', status: 503 });
    try {
      expect((await refund(paymentId)).status).toBe(502);
      // Pi still fails: reported with its code, the order stays refunding, nothing paid twice.
      const failing = await shop.refunds.resumeUnfinished();
      expect(failing.failed).toContainEqual({ paymentId, code: 'simulated_fault' });
      expect(failing.refunded).not.toContain(paymentId);
    } finally {
      restore();
    }
    const report = await shop.refunds.resumeUnfinished();
    expect(report.refunded).toContain(paymentId);
    const order = (await adminOrders()).body.orders.find((o: any) => o.paymentId === paymentId);
    expect(order).toMatchObject({ status: 'refunded', refund: { paymentId: refundPaymentsOf(paymentId)[0].identifier } });
    expect(refundPaymentsOf(paymentId)).toHaveLength(1);
    expect(network.balanceOf(bob.walletAddress)).toBeCloseTo(afterPurchase + findProduct('coffee')!.price, 7);
    // Finished: a later run leaves it alone; and an order a request holds is not taken from it.
    const again = await shop.refunds.resumeUnfinished();
    expect([...again.refunded, ...again.failed.map((f) => f.paymentId)]).not.toContain(paymentId);
  });

  it('resumeUnfinished leaves a refund that a request is working on to that request', async () => {
    const { paymentId } = await buy('alice', 'coffee');
    network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/complete', delayMs: 300, times: 1 });
    const clicked = refund(paymentId);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the click holds the claim now
    const report = await shop.refunds.resumeUnfinished();
    expect([...report.refunded, ...report.failed.map((f) => f.paymentId)]).not.toContain(paymentId);
    expect((await clicked).status).toBe(200);
    expect(refundPaymentsOf(paymentId)).toHaveLength(1);
  });

  it('adopts the A2U payment whose creation answer was lost, instead of creating a second one', async () => {
    const alice = network.user('alice');
    const { paymentId } = await buy('alice', 'coffee');
    const afterPurchase = network.balanceOf(alice.walletAddress);
    // Pi creates the A2U payment but its answer never arrives (the create is never retried blindly).
    network.faults.inject({ api: 'platform', route: 'POST /v2/payments', status: 503, after: true, times: 1 });
    const lost = await refund(paymentId);
    expect(lost.status).toBe(502);
    expect(refundPaymentsOf(paymentId)).toHaveLength(1);
    expect((await adminOrders()).body.orders.find((o: any) => o.paymentId === paymentId)).toMatchObject({
      status: 'refunding',
      refund: null,
    });

    const retried = await refund(paymentId);
    expect(retried.status).toBe(200);
    expect(refundPaymentsOf(paymentId)).toHaveLength(1);
    expect(retried.body.order).toMatchObject({ status: 'refunded', refund: { paymentId: refundPaymentsOf(paymentId)[0].identifier } });
    expect(network.balanceOf(alice.walletAddress)).toBeCloseTo(afterPurchase + findProduct('coffee')!.price, 7);
  });

  it('pays with a new A2U payment when Pi cancelled the first before it had a transaction', async () => {
    const bob = network.user('bob');
    const { paymentId } = await buy('bob', 'coffee');
    const afterPurchase = network.balanceOf(bob.walletAddress);
    // Horizon refuses the transaction: the A2U payment exists, unpaid.
    const restore = network.faults.inject({ api: 'horizon', route: /^POST .*\/transactions$/, status: 400 });
    const failed = await refund(paymentId);
    restore();
    expect(failed.status).toBe(502);
    const first = (await adminOrders()).body.orders.find((o: any) => o.paymentId === paymentId).refund.paymentId;
    expect(network.getPayment(first)?.transaction).toBeNull();
    // The app cancels it on Pi (e.g. from Pi's incomplete list): the next click must not use it.
    const cancel = await fetch(`${simulator.url}/v2/payments/${first}/cancel`, {
      method: 'POST',
      headers: { authorization: `Key ${network.app.apiKey}` },
    });
    expect(cancel.status).toBe(200);

    const retried = await refund(paymentId);
    expect(retried.status).toBe(200);
    const second = retried.body.order.refund.paymentId;
    expect(second).not.toBe(first);
    expect(refundPaymentsOf(paymentId).map((p) => [p.identifier, p.status.cancelled, p.status.developer_completed])).toEqual(
      expect.arrayContaining([
        [first, true, false],
        [second, false, true],
      ]),
    );
    expect(network.balanceOf(bob.walletAddress)).toBeCloseTo(afterPurchase + findProduct('coffee')!.price, 7);
  });

  it('refuses an unknown order, an unpaid order, and refunds without a wallet seed', async () => {
    expect((await refund('no-such-payment')).body.error.code).toBe('order_not_found');
    expect((await refund('no-such-payment')).status).toBe(404);
    const { accessToken } = network.authenticate('alice', ['payments']);
    const pending = network.createPayment('alice', { amount: 12.5, memo: 'Toy rocket', metadata: { productId: 'rocket' } });
    expect(
      (await call(`${shopUrl}/api/pi/approve`, { method: 'POST', body: JSON.stringify({ paymentId: pending.identifier, accessToken }) }))
        .status,
    ).toBe(200);
    const unpaid = await refund(pending.identifier);
    expect(unpaid.status).toBe(409);
    expect(unpaid.body.error.code).toBe('not_refundable');
    network.cancelByUser(pending.identifier);

    const { paymentId } = await buy('alice', 'coffee');
    const noSeed = await refund(paymentId, shopWithoutSeedUrl);
    expect(noSeed.status).toBe(503);
    expect(noSeed.body.error.code).toBe('refunds_unavailable');
    expect((await adminOrders()).body.orders.find((o: any) => o.paymentId === paymentId)).toMatchObject({ status: 'paid' });
    expect(refundPaymentsOf(paymentId)).toHaveLength(0);
  });
});
