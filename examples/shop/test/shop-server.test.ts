/**
 * The shop's server against the simulated Pi network over HTTP: what a shop owner
 * relies on. The shop checks every payment against its catalog (the amount comes
 * from Pi, never from the browser), marks an order paid only after Pi's /complete
 * answered 200, exactly once, and lists orders only for a token Pi vouches for.
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

let network: PiNetwork;
let simulator: SimulatorServer;
let db: PGlite;
let shop: ShopServer;
let http: Server;
let shopUrl: string;

beforeAll(async () => {
  network = createPiNetwork({
    seed: 7,
    users: [
      { username: 'alice', balance: 50 },
      { username: 'mallory', balance: 50 },
    ],
  });
  simulator = await startSimulatorServer({ network });
  db = await freshPGlite(); // the shop's tables are its own: a database of this file's own
  shop = await createShopServer({
    apiKey: network.app.apiKey,
    network: network.app.network,
    piApiBaseUrl: simulator.url,
    horizonUrl: `${simulator.url}/horizon`,
    db,
    logger: false,
  });
  http = createServer(shop.app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  shopUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  // PGlite compiles its WASM Postgres on start: seconds on a quiet machine, far more on a loaded one.
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await simulator.close();
  await db.close();
});

async function post(route: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${shopUrl}/api/pi/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function ordersOf(accessToken: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${shopUrl}/api/orders`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: response.status, body: await response.json() };
}

const kitten = findProduct('kitten')!;

describe('example shop server', () => {
  it('refuses a payment whose amount (read from Pi) is not the product price, and records no order', async () => {
    const { accessToken } = network.authenticate('mallory', ['payments']);
    // A hacked client asks Pi for a cheaper payment for the same product.
    const cheap = network.createPayment('mallory', { amount: 0.01, memo: kitten.name, metadata: { productId: 'kitten' } });
    const answer = await post('approve', { paymentId: cheap.identifier, accessToken });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.error.code).toBe('wrong_amount');
    expect(network.getPayment(cheap.identifier)?.status.developer_approved).toBe(false);
    expect((await ordersOf(accessToken)).body.orders).toEqual([]);
    network.cancelByUser(cheap.identifier);
  });

  it('refuses a payment for a product the shop does not sell', async () => {
    const { accessToken } = network.authenticate('mallory', ['payments']);
    const payment = network.createPayment('mallory', { amount: 1, memo: 'Free stuff', metadata: { productId: 'gold-bar' } });
    const answer = await post('approve', { paymentId: payment.identifier, accessToken });
    expect(answer.body.error.code).toBe('unknown_product');
    expect(network.getPayment(payment.identifier)?.status.developer_approved).toBe(false);
    network.cancelByUser(payment.identifier);
  });

  it('marks the order paid only after Pi completed the payment, once, whatever the retries', async () => {
    const { accessToken } = network.authenticate('alice', ['payments']);
    const payment = network.createPayment('alice', { amount: kitten.price, memo: kitten.name, metadata: { productId: 'kitten' } });

    expect((await post('approve', { paymentId: payment.identifier, accessToken })).status).toBe(200);
    // onReadyForServerApproval is re-invoked by the SDK: approving again changes nothing.
    expect((await post('approve', { paymentId: payment.identifier, accessToken })).status).toBe(200);
    let orders = (await ordersOf(accessToken)).body.orders;
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ paymentId: payment.identifier, status: 'pending', amount: kitten.price });

    const txid = network.submitTransaction(payment.identifier).transaction!.txid;
    // A completion with someone else's txid is refused and changes nothing.
    const forged = await post('complete', { paymentId: payment.identifier, txid: 'f'.repeat(64) });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect((await ordersOf(accessToken)).body.orders[0].status).toBe('pending');

    // Duplicated completions (SDK retries, double submits) deliver once.
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('complete', { paymentId: payment.identifier, txid })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(network.getPayment(payment.identifier)?.status.developer_completed).toBe(true);
    orders = (await ordersOf(accessToken)).body.orders;
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ status: 'paid', txid });
  });

  it('lists orders only for an access token Pi vouches for', async () => {
    expect((await fetch(`${shopUrl}/api/orders`)).status).toBe(401);
    const forged = await ordersOf('not-a-pi-token');
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('invalid_token');
    const malformed = await ordersOf('token\u00e9');
    expect(malformed.status).toBe(401);
  });
});
