/**
 * `transaction._link`: Pi describes it as a link to the blockchain API; the simulator serves the
 * Horizon transaction resource (as Pi's demo backend expects), and some payments carry an
 * operation link. The handlers check the transaction on Horizon by `txid`, never through
 * `_link`, so completion and recovery are correct for either form.
 */
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app';
import { PI_API, post, useSimulatedNetwork, userPays } from './support/sim';

const sim = useSimulatedNetwork();
let app: TestApp;
beforeEach(() => {
  app = createTestApp(sim.network);
});

let rewritten = 0;

/** Pi's payment reads answer `_link` in the operation form. */
function operationLinks(): void {
  rewritten = 0;
  sim.msw.use(
    http.get(`${PI_API}/v2/payments/:id`, async ({ request }) => {
      const answer = await sim.network.platformApi(request);
      const body = await answer.json();
      if (body.transaction) {
        body.transaction._link = `https://api.testnet.minepi.com/operations/${Date.now()}`;
        rewritten += 1;
      }
      return HttpResponse.json(body, { status: answer.status });
    }),
  );
}

describe.each([
  ['the transaction resource (the simulator, as Pi’s demo reads it)', () => {}, false],
  ['an operation link', operationLinks, true],
] as const)('transaction._link as %s', (_form, setUp, rewrites) => {
  it('complete and incomplete recovery verify the transaction and deliver once', async () => {
    setUp();
    for (const route of ['complete', 'incomplete'] as const) {
      const { payment, accessToken } = userPays(sim.network);
      expect((await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken })).status).toBe(200);
      const txid = sim.network.submitTransaction(payment.identifier).transaction!.txid;
      const body = route === 'complete' ? { paymentId: payment.identifier, txid, accessToken } : { paymentId: payment.identifier, txid };
      const answer = await post(app.handlers, route, body);
      expect(answer.status, route).toBe(200);
      expect(sim.network.getPayment(payment.identifier)!.status.developer_completed).toBe(true);
    }
    expect(app.deliveries).toHaveLength(2);
    if (rewrites) expect(rewritten).toBeGreaterThan(0);
  });
});
