/**
 * The same flows against the simulator over real HTTP (startSimulatorServer on 127.0.0.1),
 * as an app in development runs them: U2A approve → complete, an incomplete payment
 * verified on the HTTP Horizon, and an A2U refund.
 */
import { startSimulatorServer, type SimulatorServer } from '@pi-kit/simulator/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createA2UClient } from '../src/a2u/client';
import { createTestApp, type TestApp } from './support/app';
import { post, userPays } from './support/sim';

let sim: SimulatorServer;
let app: TestApp;
beforeAll(async () => {
  sim = await startSimulatorServer({ networkOptions: { seed: 7, users: [{ username: 'alice' }, { username: 'bob' }] } });
  app = createTestApp(sim.network, { platform: { baseUrl: sim.url, retryDelayMs: 1 }, horizonUrl: sim.horizonUrl });
}, 60_000);
afterAll(() => sim?.close());

describe('over HTTP', { timeout: 30_000 }, () => {
  it('U2A: approve, the user signs, complete: delivered once', async () => {
    const { payment, accessToken } = userPays(sim.network);
    expect((await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken })).status).toBe(200);
    const txid = sim.network.submitTransaction(payment.identifier).transaction!.txid;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => post(app.handlers, 'complete', { paymentId: payment.identifier, txid })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(app.deliveries).toEqual([payment.identifier]);
  });

  it('incomplete: verified on the HTTP Horizon, completed and delivered', async () => {
    const { payment, accessToken } = userPays(sim.network, 'bob', { amount: 5, memo: 'm', metadata: { orderId: 'o-2' } });
    await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    sim.network.submitTransaction(payment.identifier);
    expect(await post(app.handlers, 'incomplete', { paymentId: payment.identifier, txid: null })).toMatchObject({
      status: 200,
      body: { outcome: 'completed' },
    });
    expect(app.deliveries).toContain(payment.identifier);
  });

  it("A2U: a refund lands on the user's wallet", async () => {
    const a2u = createA2UClient({
      logger: false,
      apiKey: sim.network.app.apiKey,
      platform: { baseUrl: sim.url },
      walletSeed: sim.network.app.walletSecret,
      horizonUrl: sim.horizonUrl,
    });
    const bob = sim.network.user('bob');
    const before = sim.network.balanceOf(bob.walletAddress);
    const paid = await a2u.pay({ amount: 2, memo: 'Refund', metadata: {}, uid: bob.uid });
    expect(paid.status.developer_completed).toBe(true);
    expect(sim.network.balanceOf(bob.walletAddress)).toBeCloseTo(before + 2, 7);
  });
});
