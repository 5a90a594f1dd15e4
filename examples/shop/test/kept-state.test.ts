/**
 * `pnpm demo` keeps the simulated network and the shop's orders together across restarts
 * (`startDemo({ dataDir: { simulator } })`): an order paid before a restart is still known to Pi
 * after it, so the admin can refund it (before, the restarted network had never heard of it and
 * the refund answered 502); `fresh` starts both afresh.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProduct } from '../shared/catalog';
import { DEMO_ADMIN_TOKEN, type RunningDemo, SHOP_DB_FOLDER, SIMULATOR_STATE_FILE, startDemo } from '../server/start';

let dir: string;
const running = new Set<RunningDemo>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pi-kit-shop-kept-'));
});
afterAll(async () => {
  for (const demo of running) await demo.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(fresh = false): Promise<RunningDemo> {
  const demo = await startDemo({ env: {}, dataDir: { simulator: dir }, fresh, logger: false });
  running.add(demo);
  return demo;
}

async function stop(demo: RunningDemo): Promise<void> {
  running.delete(demo);
  await demo.close();
}

async function call(url: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(url, { ...init, headers });
  return { status: response.status, body: await response.json() };
}

/** pioneer buys the kitten through the shop's routes; resolves the paid order's payment id. */
async function buy(demo: RunningDemo): Promise<string> {
  const network = demo.network!;
  const kitten = findProduct('kitten')!;
  const { accessToken } = network.authenticate('pioneer', ['payments']);
  const payment = network.createPayment('pioneer', { amount: kitten.price, memo: kitten.name, metadata: { productId: 'kitten' } });
  const approve = await call(`${demo.url}/api/pi/approve`, {
    method: 'POST',
    body: JSON.stringify({ paymentId: payment.identifier, accessToken }),
  });
  expect(approve.status).toBe(200);
  const txid = network.submitTransaction(payment.identifier).transaction!.txid;
  const complete = await call(`${demo.url}/api/pi/complete`, {
    method: 'POST',
    body: JSON.stringify({ paymentId: payment.identifier, txid }),
  });
  expect(complete.status).toBe(200);
  return payment.identifier;
}

const adminOrders = async (demo: RunningDemo) =>
  (await call(`${demo.url}/api/admin/orders`, { token: DEMO_ADMIN_TOKEN })).body.orders as Array<{ paymentId: string; status: string }>;

describe('the demo keeps the simulated network and the orders together', () => {
  it('refunds an order paid before a restart, and starts afresh with fresh', async () => {
    const first = await start();
    expect(first.kept).toEqual({ dir, restored: false });
    const paymentId = await buy(first);
    const pioneer = first.network!.user('pioneer');
    const balance = first.network!.balanceOf(pioneer.walletAddress);
    await stop(first);
    expect((await readdir(dir)).sort()).toEqual([SIMULATOR_STATE_FILE, SHOP_DB_FOLDER].sort());

    const second = await start();
    expect(second.kept).toEqual({ dir, restored: true });
    expect(second.network!.user('pioneer')).toEqual(pioneer);
    expect(second.network!.balanceOf(pioneer.walletAddress)).toBe(balance);
    expect(second.network!.getPayment(paymentId)?.status.developer_completed).toBe(true);
    expect((await adminOrders(second)).find((order) => order.paymentId === paymentId)).toMatchObject({ status: 'paid' });

    const refund = await call(`${second.url}/api/admin/orders/${paymentId}/refund`, { method: 'POST', token: DEMO_ADMIN_TOKEN });
    expect(refund.status).toBe(200);
    expect(refund.body.order).toMatchObject({
      paymentId,
      status: 'refunded',
      refund: { paymentId: expect.any(String), txid: expect.any(String) },
    });
    const a2u = second.network!.getPayment(refund.body.order.refund.paymentId);
    expect(a2u).toMatchObject({ direction: 'app_to_user', to_address: pioneer.walletAddress, status: { developer_completed: true } });
    await stop(second);

    // Both are kept again: the refund too.
    const third = await start();
    expect((await adminOrders(third)).find((order) => order.paymentId === paymentId)).toMatchObject({ status: 'refunded' });
    await stop(third);

    const fresh = await start(true);
    expect(fresh.kept).toEqual({ dir, restored: false });
    expect(fresh.network!.payments()).toEqual([]);
    expect(await adminOrders(fresh)).toEqual([]);
    await stop(fresh);
  }, 180_000);
});
