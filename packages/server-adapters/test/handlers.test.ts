/**
 * The payment routes against the simulated Pi network: every verification refused with
 * its status and code, idempotency, exactly-once delivery under dozens of concurrent
 * duplicates, crash recovery, and Pi outages.
 */
import type { PiNetwork } from '@pi-kit/simulator';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPaymentHandlers } from '../src/handlers/create-payment-handlers';
import { PiConfigError } from '../src/errors/config-error';
import { createMemoryStore } from '../src/store/memory';
import type { PaymentStore } from '../src/store/types';
import { createTestApp, type TestApp } from './support/app';
import { newNetwork, post, simHandlers, useSimulatedNetwork, userPays } from './support/sim';

const sim = useSimulatedNetwork();
let network: PiNetwork;
let app: TestApp;
beforeEach(() => {
  network = sim.network;
  app = createTestApp(network);
});

/** Alice pays for order o-1 up to the signed transaction; resolves ids and token. */
async function paidAndSigned(a: TestApp = app) {
  const { payment, accessToken } = userPays(network);
  const approved = await post(a.handlers, 'approve', { paymentId: payment.identifier, accessToken });
  expect(approved.status).toBe(200);
  const txid = network.submitTransaction(payment.identifier).transaction!.txid;
  return { paymentId: payment.identifier, accessToken, txid };
}

describe('approve', () => {
  it('verifies the user and the payment, asks onApprove, then approves on Pi', async () => {
    const { payment, accessToken } = userPays(network);
    const res = await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(res.status).toBe(200);
    expect(res.body.payment.status.developer_approved).toBe(true);
    expect(network.getPayment(payment.identifier)!.status.developer_approved).toBe(true);
    expect(app.approvals).toEqual([payment.identifier]);
  });

  it('a re-invoked approve of an approved payment answers 200 with no side effects', async () => {
    const { payment, accessToken } = userPays(network);
    await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    const approveCalls = () => network.events.filter((e) => e.type === 'api.call' && e.path.endsWith('/approve')).length;
    const before = approveCalls();
    const again = await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(again.status).toBe(200);
    expect(approveCalls()).toBe(before);
    expect(app.approvals).toHaveLength(1);
  });

  it("refuses another user's payment id: 403 payment_user_mismatch, nothing approved", async () => {
    const { payment } = userPays(network, 'alice');
    const { accessToken: bobToken } = network.authenticate('bob', ['payments']);
    const res = await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken: bobToken });
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'payment_user_mismatch' } } });
    expect(network.getPayment(payment.identifier)!.status.developer_approved).toBe(false);
    expect(app.approvals).toEqual([]);
  });

  it('refuses a tampered amount through onApprove: 409 amount_mismatch, nothing approved', async () => {
    const { payment, accessToken } = userPays(network, 'alice', { amount: 0.01, memo: 'Kitten #1', metadata: { orderId: 'o-1' } });
    const res = await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'amount_mismatch' } } });
    expect(network.getPayment(payment.identifier)!.status.developer_approved).toBe(false);
  });

  it('refuses an A2U payment sent to approve: 403 wrong_direction', async () => {
    const bob = network.user('bob');
    const a2u = network.createAppPayment({ amount: 1, memo: 'Refund', metadata: {}, uid: bob.uid });
    const { accessToken } = network.authenticate('bob', ['payments']);
    const res = await post(app.handlers, 'approve', { paymentId: a2u.identifier, accessToken });
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'wrong_direction' } } });
  });

  it('refuses a payment of the other network: 403 wrong_network', async () => {
    const mainnetApp = createTestApp(network, { network: 'Pi Network' });
    const { payment, accessToken } = userPays(network);
    const res = await post(mainnetApp.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'wrong_network' } } });
    expect(network.getPayment(payment.identifier)!.status.developer_approved).toBe(false);
  });

  it('refuses a forged and a missing token', async () => {
    const { payment } = userPays(network);
    const forged = await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken: 'forged' });
    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'invalid_token' } } });
    const missing = await post(app.handlers, 'approve', { paymentId: payment.identifier });
    expect(missing).toMatchObject({ status: 400, body: { error: { code: 'invalid_body' } } });
    expect(missing.body.error.message).toMatch(/accessToken/);
    expect(network.getPayment(payment.identifier)!.status.developer_approved).toBe(false);
  });

  it('refuses a token that cannot be an access token (control or non-Latin-1 characters) with 401, not as if Pi were down', async () => {
    const { payment } = userPays(network);
    for (const accessToken of ['tok\r\nen', 'tok\u0000en', 'tök€n', 'two words']) {
      const res = await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
      expect(res).toMatchObject({ status: 401, body: { error: { code: 'invalid_token' } } });
    }
    expect(network.getPayment(payment.identifier)!.status.developer_approved).toBe(false);
  });

  it('refuses a token past its validity', async () => {
    let now = Date.UTC(2026, 0, 1);
    const timed = newNetwork({ now: () => now, timings: { accessTokenTtlMs: 1000, approvalTimeoutMs: 600_000 } });
    sim.msw.use(...simHandlers(timed));
    const timedApp = createTestApp(timed);
    const { payment, accessToken } = userPays(timed);
    now += 1001;
    const res = await post(timedApp.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(res).toMatchObject({ status: 401, body: { error: { code: 'invalid_token' } } });
  });

  it('refuses an unknown payment id (404) and a cancelled payment (409)', async () => {
    const { payment, accessToken } = userPays(network);
    expect(await post(app.handlers, 'approve', { paymentId: 'unknown-id', accessToken })).toMatchObject({
      status: 404,
      body: { error: { code: 'payment_not_found' } },
    });
    network.cancelByUser(payment.identifier);
    expect(await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken })).toMatchObject({
      status: 409,
      body: { error: { code: 'payment_cancelled' } },
    });
  });

  it('refuses a replayed completed payment (another order cannot reuse it): 409 payment_already_completed', async () => {
    const { paymentId, accessToken, txid } = await paidAndSigned();
    expect((await post(app.handlers, 'complete', { paymentId, txid })).status).toBe(200);
    const replay = await post(app.handlers, 'approve', { paymentId, accessToken });
    expect(replay).toMatchObject({ status: 409, body: { error: { code: 'payment_already_completed' } } });
    expect(app.approvals).toHaveLength(1);
  });

  it('dozens of concurrent duplicate approves: onApprove and /approve once, all answered 200', async () => {
    const { payment, accessToken } = userPays(network);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(app.approvals).toEqual([payment.identifier]);
    expect(network.events.filter((e) => e.type === 'payment.approved')).toHaveLength(1);
  });

  it("Pi's /approve down (5xx): 502 pi_unavailable; the re-invoked approve approves without asking onApprove again", async () => {
    const { payment, accessToken } = userPays(network);
    network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/approve', html: true, status: 503 });
    const down = await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(down).toMatchObject({ status: 502, body: { error: { code: 'pi_unavailable' } } });
    expect(network.getPayment(payment.identifier)!.status.developer_approved).toBe(false);
    network.faults.clear();
    const again = await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(again.status).toBe(200);
    expect(network.getPayment(payment.identifier)!.status.developer_approved).toBe(true);
    expect(app.approvals).toEqual([payment.identifier]);
  });

  it('a refusal is final: the payment is cancelled at Pi, a re-invoked approve answers 409 payment_cancelled, a new payment is approved', async () => {
    const { payment, accessToken } = userPays(network, 'alice', { amount: 5, memo: 'x', metadata: { orderId: 'o-late' } });
    const refused = await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(refused.status).toBe(409);
    await vi.waitFor(() =>
      expect(network.getPayment(payment.identifier)!.status).toMatchObject({ cancelled: true, developer_approved: false }),
    );
    app.orders.set('o-late', 5);
    const again = await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'payment_cancelled' } } });
    expect(app.approvals).toEqual([]);
    const next = userPays(network, 'alice', { amount: 5, memo: 'x', metadata: { orderId: 'o-late' } });
    expect((await post(app.handlers, 'approve', { paymentId: next.payment.identifier, accessToken })).status).toBe(200);
    expect(app.approvals).toEqual([next.payment.identifier]);
  });

  it("a refusal still answers the app's 4xx when Pi cannot cancel the payment (reported to onError)", async () => {
    const { payment, accessToken } = userPays(network, 'alice', { amount: 3.14, memo: 'x', metadata: { orderId: 'o-2' } });
    network.faults.inject({ route: 'POST /v2/payments/*/cancel', status: 500 });
    const refused = await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(refused.status).toBe(409);
    await vi.waitFor(() => expect(app.errors).toContainEqual(expect.objectContaining({ route: 'approve', paymentId: payment.identifier })));
    expect(network.getPayment(payment.identifier)!.status.cancelled).toBe(false);
  });
});

describe('complete', () => {
  it('completes on Pi, then delivers once', async () => {
    const { paymentId, txid } = await paidAndSigned();
    const res = await post(app.handlers, 'complete', { paymentId, txid });
    expect(res.status).toBe(200);
    expect(res.body.payment.status.developer_completed).toBe(true);
    expect(app.deliveries).toEqual([paymentId]);
  });

  it("refuses a txid that is not the payment's transaction: 409 txid_mismatch, nothing completed or delivered", async () => {
    const { paymentId } = await paidAndSigned();
    const res = await post(app.handlers, 'complete', { paymentId, txid: 'f'.repeat(64) });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'txid_mismatch' } } });
    expect(network.getPayment(paymentId)!.status.developer_completed).toBe(false);
    expect(app.deliveries).toEqual([]);
  });

  it('refuses a payment the user has not paid: 409 missing_transaction', async () => {
    const { payment, accessToken } = userPays(network);
    await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    const res = await post(app.handlers, 'complete', { paymentId: payment.identifier, txid: 'a'.repeat(64) });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'missing_transaction' } } });
    expect(app.deliveries).toEqual([]);
  });

  it("refuses another user's token on complete: 403", async () => {
    const { paymentId, txid } = await paidAndSigned();
    const { accessToken: bobToken } = network.authenticate('bob', ['payments']);
    expect(await post(app.handlers, 'complete', { paymentId, txid, accessToken: bobToken })).toMatchObject({
      status: 403,
      body: { error: { code: 'payment_user_mismatch' } },
    });
    expect(app.deliveries).toEqual([]);
  });

  it('a replayed complete of a delivered payment answers 200 and delivers nothing more', async () => {
    const { paymentId, txid } = await paidAndSigned();
    await post(app.handlers, 'complete', { paymentId, txid });
    const replay = await post(app.handlers, 'complete', { paymentId, txid });
    expect(replay.status).toBe(200);
    expect(app.deliveries).toEqual([paymentId]);
  });

  it('dozens of concurrent duplicate completes: exactly one delivery', async () => {
    const { paymentId, txid } = await paidAndSigned();
    const results = await Promise.all(Array.from({ length: 40 }, () => post(app.handlers, 'complete', { paymentId, txid })));
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(app.deliveries).toEqual([paymentId]);
  });

  it("never delivers when Pi's /complete fails (5xx); the retry completes and delivers once", async () => {
    const { paymentId, txid } = await paidAndSigned();
    network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/complete', html: true, status: 503 });
    const failed = await post(app.handlers, 'complete', { paymentId, txid });
    expect(failed).toMatchObject({ status: 502, body: { error: { code: 'pi_unavailable' } } });
    expect(app.deliveries).toEqual([]);
    network.faults.clear();
    expect((await post(app.handlers, 'complete', { paymentId, txid })).status).toBe(200);
    expect(app.deliveries).toEqual([paymentId]);
  });

  it('answers 504 pi_timeout when Pi is too slow, and nothing is delivered', async () => {
    const slow = createTestApp(network, { platform: { timeoutMs: 50, retries: 0 } });
    const { paymentId, txid } = await paidAndSigned(slow);
    network.faults.inject({ api: 'platform', delayMs: 1_000 });
    expect(await post(slow.handlers, 'complete', { paymentId, txid })).toMatchObject({
      status: 504,
      body: { error: { code: 'pi_timeout' } },
    });
    expect(slow.deliveries).toEqual([]);
  });

  it('a failing onComplete answers 500 delivery_failed; the next invocation delivers', async () => {
    let fail = true;
    const flaky = createTestApp(network, {
      onComplete: async (p) => {
        if (fail) throw new Error('warehouse down');
        flaky.deliveries.push(p.identifier);
      },
    });
    const { paymentId, txid } = await paidAndSigned(flaky);
    expect(await post(flaky.handlers, 'complete', { paymentId, txid })).toMatchObject({
      status: 500,
      body: { error: { code: 'delivery_failed' } },
    });
    fail = false;
    expect((await post(flaky.handlers, 'complete', { paymentId, txid })).status).toBe(200);
    expect(flaky.deliveries).toEqual([paymentId]);
  });
});

describe('crash between /complete and delivery', () => {
  let clock = 0;
  beforeEach(() => {
    clock = Date.now();
  });

  /**
   * A process that dies as Pi answers its `/complete` (Pi completed the payment): the answer never
   * reaches its handler, and its store writes nothing more. It leaves the delivery's claim
   * (`completing`, taken before `/complete`) held until its lease (1 s on the test clock) expires.
   */
  function dyingProcess(store: PaymentStore): TestApp {
    let dead = false;
    const dies: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      if (!String(input).endsWith('/complete')) return answer;
      dead = true;
      throw new Error('process died');
    };
    return createTestApp(network, {
      store: { ...store, transition: (id, t) => (dead ? Promise.reject(new Error('process died')) : store.transition(id, t)) },
      platform: { fetch: dies, retryDelayMs: 1, retries: 0 },
      leaseMs: 1_000,
      now: () => clock,
    });
  }

  /** A crashed complete: Pi completed the payment, the claim is left held, nothing delivered. */
  async function crashedComplete(store: PaymentStore) {
    const dying = dyingProcess(store);
    const { paymentId, txid } = await paidAndSigned(dying);
    expect((await post(dying.handlers, 'complete', { paymentId, txid })).status).toBeGreaterThanOrEqual(500);
    expect(network.getPayment(paymentId)!.status.developer_completed).toBe(true);
    // The claim was taken while Pi was read, before the txid was checked: it records none.
    expect(await store.get(paymentId)).toMatchObject({ state: 'completing', txid: null });
    expect(dying.deliveries).toEqual([]);
    return { paymentId, txid };
  }

  it('is recovered by the next invocation of complete once the lease expired: delivered once', async () => {
    const store = createMemoryStore({ now: () => clock });
    const { paymentId, txid } = await crashedComplete(store);
    const survivor = createTestApp(network, { store, leaseMs: 1_000, waitMs: 50, now: () => clock });
    // A live claim is another request's: waited for, never taken.
    expect(await post(survivor.handlers, 'complete', { paymentId, txid })).toMatchObject({
      status: 409,
      body: { error: { code: 'delivery_in_progress' } },
    });
    clock += 1_001;
    expect((await post(survivor.handlers, 'complete', { paymentId, txid })).status).toBe(200);
    expect(survivor.deliveries).toEqual([paymentId]);
    expect(await store.get(paymentId)).toMatchObject({ state: 'delivered', txid });
    expect((await post(survivor.handlers, 'complete', { paymentId, txid })).status).toBe(200);
    expect(survivor.deliveries).toEqual([paymentId]);
  });

  it('is recovered by reconcile() once the lease expired: delivered once, then nothing left', async () => {
    const store = createMemoryStore({ now: () => clock });
    const { paymentId, txid } = await crashedComplete(store);
    const survivor = createTestApp(network, { store, leaseMs: 1_000, now: () => clock });
    expect(await survivor.handlers.reconcile()).toMatchObject({ pending: [paymentId], delivered: [] });
    clock += 1_001;
    expect(await survivor.handlers.reconcile()).toMatchObject({ delivered: [paymentId], failed: [] });
    expect(survivor.deliveries).toEqual([paymentId]);
    expect(await store.get(paymentId)).toMatchObject({ state: 'delivered', txid });
    expect((await survivor.handlers.reconcile()).checked).toBe(0);
  });

  it('a process that died during onComplete is taken over by reconcile() once its lease expired', async () => {
    const store = createMemoryStore({ now: () => clock });
    let hang = true;
    let started!: () => void;
    const deliveryStarted = new Promise<void>((resolve) => (started = resolve));
    const stuck = createTestApp(network, {
      store,
      leaseMs: 1_000,
      waitMs: 50,
      now: () => clock,
      onComplete: async (p) => {
        if (hang) {
          started();
          return new Promise<void>(() => {}); // the process dies here: never returns
        }
        stuck.deliveries.push(p.identifier);
      },
    });
    const { paymentId, txid } = await paidAndSigned(stuck);
    void post(stuck.handlers, 'complete', { paymentId, txid });
    await deliveryStarted;
    expect((await store.get(paymentId))?.state).toBe('completing'); // the claim taken before /complete, held during onComplete
    hang = false;
    expect(await stuck.handlers.reconcile()).toMatchObject({ pending: [paymentId], delivered: [] });
    clock += 1_001;
    expect(await stuck.handlers.reconcile()).toMatchObject({ delivered: [paymentId] });
    expect(stuck.deliveries).toEqual([paymentId]);
  });
});

describe('cancel', () => {
  it('releases the order of a payment the user cancelled, once', async () => {
    const { payment, accessToken } = userPays(network);
    await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    network.cancelByUser(payment.identifier);
    expect((await post(app.handlers, 'cancel', { paymentId: payment.identifier })).status).toBe(200);
    expect((await post(app.handlers, 'cancel', { paymentId: payment.identifier })).status).toBe(200);
    expect(app.releases).toEqual([payment.identifier]);
  });

  it("refuses to release a payment Pi does not report cancelled without the owner's token; cancels it on Pi with it", async () => {
    const { payment, accessToken } = userPays(network);
    await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    expect(await post(app.handlers, 'cancel', { paymentId: payment.identifier })).toMatchObject({
      status: 409,
      body: { error: { code: 'payment_not_cancelled' } },
    });
    expect(app.releases).toEqual([]);
    expect((await post(app.handlers, 'cancel', { paymentId: payment.identifier, accessToken })).status).toBe(200);
    expect(network.getPayment(payment.identifier)!.status.cancelled).toBe(true);
    expect(app.releases).toEqual([payment.identifier]);
  });

  it('refuses to cancel a paid payment: 409 payment_has_transaction', async () => {
    const { paymentId, accessToken } = await paidAndSigned();
    expect(await post(app.handlers, 'cancel', { paymentId, accessToken })).toMatchObject({
      status: 409,
      body: { error: { code: 'payment_has_transaction' } },
    });
    expect(app.releases).toEqual([]);
  });
});

describe('request validation', () => {
  it('answers 400 JSON with a code for malformed bodies, and changes nothing', async () => {
    const { payment } = userPays(network);
    const cases: Array<[string, unknown, string]> = [
      ['approve', '{not json', 'invalid_json'],
      ['approve', { paymentId: 42, accessToken: 't' }, 'invalid_body'],
      ['complete', { paymentId: payment.identifier }, 'invalid_body'],
      ['complete', { paymentId: payment.identifier, txid: 'x y<script>' }, 'invalid_body'],
      ['incomplete', { paymentId: payment.identifier }, 'invalid_body'],
      ['cancel', [], 'invalid_body'],
    ];
    for (const [route, body, code] of cases) {
      const res = await post(app.handlers, route, body);
      expect(res, `${route} ${JSON.stringify(body)}`).toMatchObject({ status: 400, body: { error: { code } } });
    }
    expect(network.events.filter((e) => e.type === 'api.call')).toHaveLength(0);
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    expect((await app.handlers.fetch(new Request('http://app.test/api/pi/refund', { method: 'POST', body: '{}' }))).status).toBe(404);
    const get = await app.handlers.fetch(new Request('http://app.test/api/pi/approve'));
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  it('mounts under a custom basePath', async () => {
    const custom = createTestApp(network, { basePath: '/pay/' });
    const { payment, accessToken } = userPays(network);
    expect((await post(custom.handlers, 'approve', { paymentId: payment.identifier, accessToken }, '/pay')).status).toBe(200);
  });

  it('refuses incomplete options with PiConfigError', () => {
    const base = { apiKey: 'k', network: 'Pi Testnet' as const, store: createMemoryStore(), onApprove() {}, onComplete() {} };
    expect(() => createPaymentHandlers({ ...base, apiKey: '' })).toThrow(PiConfigError);
    expect(() => createPaymentHandlers({ ...base, network: 'Pi Mainnet' as never })).toThrow(/network/);
    expect(() => createPaymentHandlers({ ...base, store: undefined as never })).toThrow(/store/);
    expect(() => createPaymentHandlers({ ...base, onComplete: undefined as never })).toThrow(/onComplete/);
  });
});
