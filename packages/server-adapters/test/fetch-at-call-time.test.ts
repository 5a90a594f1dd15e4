/**
 * Clients created before msw is installed still go through it: the Platform client (node:http on
 * Node, which msw intercepts; `globalThis.fetch`, read at each request, elsewhere), the handlers'
 * Horizon reads and the A2U client (`globalThis.fetch`, read at each request). Apps create
 * their payment handlers at import time and tests start msw afterwards (`server.listen()` in
 * `beforeAll`); a client that captured `fetch` at creation would bypass msw and reach the network.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createA2UClient } from '../src/a2u/client';
import { createPaymentHandlers } from '../src/handlers/create-payment-handlers';
import { createMemoryStore } from '../src/store/memory';
import { newNetwork, post, simHandlers, userPays } from './support/sim';

// Everything created at import time, before msw exists, as an app's server module does.
const network = newNetwork();
const delivered: string[] = [];
const handlers = createPaymentHandlers({
  apiKey: network.app.apiKey,
  network: network.app.network,
  store: createMemoryStore(),
  onApprove: () => true,
  onComplete: (payment) => {
    delivered.push(payment.identifier);
  },
});
const a2u = createA2UClient({ apiKey: network.app.apiKey, walletSeed: network.app.walletSecret, retryDelayMs: 1, logger: false });

const msw = setupServer(...simHandlers(network));
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterAll(() => msw.close());

describe('msw installed after the clients were created still answers their requests', () => {
  it('the payment handlers reach the mocked Pi: approve, sign, complete, delivered once', async () => {
    const { payment, accessToken } = userPays(network);
    expect(await post(handlers, 'approve', { paymentId: payment.identifier, accessToken })).toMatchObject({ status: 200 });
    const txid = network.submitTransaction(payment.identifier).transaction?.txid;
    expect(await post(handlers, 'complete', { paymentId: payment.identifier, txid, accessToken })).toMatchObject({ status: 200 });
    expect(delivered).toEqual([payment.identifier]);
    expect(network.getPayment(payment.identifier)?.status.developer_completed).toBe(true);
  });

  it('the A2U client reaches the mocked Platform API and Horizon', async () => {
    const paid = await a2u.pay({ amount: 1, memo: 'Refund', metadata: {}, uid: network.user('bob').uid });
    expect(paid.status.developer_completed).toBe(true);
    expect(network.transaction(paid.transaction!.txid)?.successful).toBe(true);
  });
});
