/**
 * What a payment costs the app server in round trips: the store operations of each route's
 * usual path (the handler overhead the load benchmark measures; the SQL statements are counted
 * in `flow-statements.test.ts`), the two independent Pi reads sent at once, and the answers that
 * must not change with it (the same error as reading one after the other; delivery still once).
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../src/store/memory';
import type { PaymentStore } from '../src/store/types';
import { createTestApp, type TestApp } from './support/app';
import { post, useSimulatedNetwork, userPays } from './support/sim';

const sim = useSimulatedNetwork();

/** A store recording the name of every operation called on it (and the target state of transitions). */
function countingStore(inner: PaymentStore = createMemoryStore()): PaymentStore & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    get(id) {
      calls.push('get');
      return inner.get(id);
    },
    insert(r) {
      calls.push(`insert ${r.state}`);
      return inner.insert(r);
    },
    transition(id, t) {
      calls.push(`transition ${t.to}`);
      return inner.transition(id, t);
    },
    list(states) {
      calls.push('list');
      return inner.list(states);
    },
  };
}

/** A fetch for the Platform API client that records the most requests in flight at once. */
function concurrencyProbe(): { fetch: typeof fetch; maxInFlight: () => number; paths: string[] } {
  let inFlight = 0;
  let max = 0;
  const paths: string[] = [];
  return {
    paths,
    maxInFlight: () => max,
    fetch: async (input, init) => {
      paths.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      max = Math.max(max, ++inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    },
  };
}

async function approveAndPay(app: TestApp) {
  const { payment, accessToken } = userPays(sim.network);
  const approved = await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
  expect(approved.status).toBe(200);
  const txid = sim.network.submitTransaction(payment.identifier).transaction!.txid;
  return { paymentId: payment.identifier, accessToken, txid };
}

describe('store round trips per route', () => {
  it('a first approve claims with one insert and records approved: 2 operations, no read', async () => {
    const store = countingStore();
    const app = createTestApp(sim.network, { store });
    await approveAndPay(app);
    expect(store.calls).toEqual(['insert approving', 'transition approved']);
    expect(app.approvals).toHaveLength(1);
  });

  it('a first complete claims the delivery before /complete, then records it delivered with the txid: 2 operations, no read', async () => {
    const store = countingStore();
    const events: string[] = [];
    const completeLogged: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      if (String(input).endsWith('/complete')) events.push(`/complete answered (store: ${store.calls.join(', ')})`);
      return answer;
    };
    const app = createTestApp(sim.network, {
      store,
      platform: { fetch: completeLogged, retryDelayMs: 1 },
      onComplete: async (payment) => {
        events.push(`onComplete (store: ${store.calls.join(', ')})`);
        app.deliveries.push(payment.identifier);
      },
    });
    const { paymentId, txid, accessToken } = await approveAndPay(app);
    store.calls.length = 0;
    expect((await post(app.handlers, 'complete', { paymentId, txid, accessToken })).status).toBe(200);
    expect(store.calls).toEqual(['transition completing', 'transition delivered']);
    // The claim went out before /complete; onComplete ran only after Pi's answer.
    expect(events).toEqual(['/complete answered (store: transition completing)', 'onComplete (store: transition completing)']);
    expect(app.deliveries).toEqual([paymentId]);
    expect((await store.get(paymentId))?.txid).toBe(txid);
  });

  it("a duplicate whose /complete succeeded delivers when the claim holder's /complete failed and gave the claim back", async () => {
    let completes = 0;
    const firstFails: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/complete') && ++completes === 1) {
        await new Promise((resolve) => setTimeout(resolve, 30)); // the duplicate meanwhile finds the claim held
        return new Response(JSON.stringify({ error: 'internal', error_message: 'down' }), { status: 500 });
      }
      return fetch(input, init);
    };
    const store = countingStore();
    const app = createTestApp(sim.network, { store, platform: { fetch: firstFails, retryDelayMs: 1, retries: 0 } });
    const { paymentId, txid, accessToken } = await approveAndPay(app);
    const answers = await Promise.all([
      post(app.handlers, 'complete', { paymentId, txid, accessToken }),
      post(app.handlers, 'complete', { paymentId, txid, accessToken }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 502]);
    expect(app.deliveries).toEqual([paymentId]);
    expect((await store.get(paymentId))?.state).toBe('delivered');
  });

  it('a /complete that fails gives the claim back: the record is approved again and the next complete delivers once', async () => {
    const store = countingStore();
    let failComplete = true;
    const failing: typeof fetch = async (input, init) =>
      failComplete && String(input).endsWith('/complete')
        ? new Response(JSON.stringify({ error: 'internal', error_message: 'down' }), { status: 500 })
        : fetch(input, init);
    const app = createTestApp(sim.network, { store, platform: { fetch: failing, retryDelayMs: 1, retries: 0 } });
    const { paymentId, txid, accessToken } = await approveAndPay(app);
    store.calls.length = 0;
    expect((await post(app.handlers, 'complete', { paymentId, txid, accessToken })).status).toBeGreaterThanOrEqual(500);
    expect(store.calls).toEqual(['transition completing', 'transition approved']);
    expect((await store.get(paymentId))?.state).toBe('approved');
    expect(app.deliveries).toEqual([]);
    failComplete = false;
    expect((await post(app.handlers, 'complete', { paymentId, txid, accessToken })).status).toBe(200);
    expect(app.deliveries).toEqual([paymentId]);
  });

  it('a re-invoked approve reads the record after its insert found one, and changes nothing', async () => {
    const store = countingStore();
    const app = createTestApp(sim.network, { store });
    const { payment, accessToken } = userPays(sim.network);
    await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken });
    store.calls.length = 0;
    expect((await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken })).status).toBe(200);
    expect(store.calls).toEqual(['insert approving', 'get']);
    expect((await store.get(payment.identifier))?.state).toBe('approved');
    expect(app.approvals).toHaveLength(1);
  });

  it('a complete of a payment approved on Pi before this store had it writes the record with the claim, then completes and delivers once', async () => {
    const store = countingStore();
    const app = createTestApp(sim.network, { store });
    const { paymentId, txid, accessToken } = await approveAndPay(createTestApp(sim.network));
    expect((await post(app.handlers, 'complete', { paymentId, txid, accessToken })).status).toBe(200);
    expect(store.calls).toEqual(['transition completing', 'get', 'insert completing', 'transition delivered']);
    expect((await store.get(paymentId))?.state).toBe('delivered');
    expect(app.deliveries).toEqual([paymentId]);
  });

  it('a refused record is never completed: 409 payment_refused, /complete not called, nothing delivered', async () => {
    const store = countingStore();
    const app = createTestApp(sim.network, { store });
    const { payment, accessToken } = userPays(sim.network, 'alice', { amount: 3.14, memo: 'x', metadata: { orderId: 'o-2' } });
    // o-2 costs 5 π: onApprove refuses, the record stays `refused`; Pi fails to cancel it
    sim.network.faults.inject({ route: 'POST /v2/payments/*/cancel', status: 500 });
    expect((await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken })).status).toBe(409);
    // approved on Pi by someone else, then paid: this server still refuses to complete it
    await sim.network.platformApi(
      new Request(`https://api.minepi.com/v2/payments/${payment.identifier}/approve`, {
        method: 'POST',
        headers: { Authorization: `Key ${sim.network.app.apiKey}` },
      }),
    );
    const txid = sim.network.submitTransaction(payment.identifier).transaction!.txid;
    const res = await post(app.handlers, 'complete', { paymentId: payment.identifier, txid, accessToken });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'payment_refused' } } });
    expect(sim.network.getPayment(payment.identifier)!.status.developer_completed).toBe(false);
    expect(app.deliveries).toEqual([]);
  });
});

describe('what a route sends at once', () => {
  it('approve and complete each have GET /v2/me and GET /v2/payments/{id} in flight together', async () => {
    const probe = concurrencyProbe();
    const app = createTestApp(sim.network, { platform: { fetch: probe.fetch, retryDelayMs: 1 } });
    const { paymentId, txid, accessToken } = await approveAndPay(app);
    expect(probe.maxInFlight()).toBe(2);
    expect(probe.paths.slice(0, 2).sort()).toEqual(['GET /v2/me', `GET /v2/payments/${paymentId}`]);
    probe.paths.length = 0;
    expect((await post(app.handlers, 'complete', { paymentId, txid, accessToken })).status).toBe(200);
    expect(probe.paths.slice(0, 2).sort()).toEqual(['GET /v2/me', `GET /v2/payments/${paymentId}`]);
    expect(probe.paths[2]).toBe(`POST /v2/payments/${paymentId}/complete`);
  });

  it('complete claims the delivery while Pi is read; a check that fails gives the claim back, with no txid recorded', async () => {
    const store = countingStore();
    const log = store.calls; // the store's calls (as they are made) and Pi's answers, in order
    const fetchLogged: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      log.push(`answered ${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return response;
    };
    const app = createTestApp(sim.network, { store, platform: { fetch: fetchLogged, retryDelayMs: 1 } });
    const { paymentId, txid, accessToken } = await approveAndPay(app);
    const reads = ['answered GET /v2/me', `answered GET /v2/payments/${paymentId}`];
    log.length = 0;
    expect((await post(app.handlers, 'complete', { paymentId, txid: 'f'.repeat(64), accessToken })).status).toBe(409);
    expect(log[0]).toBe('transition completing');
    expect(log.slice(1, 3).sort()).toEqual(reads);
    expect(log.slice(3)).toEqual(['transition approved']);
    expect(await store.get(paymentId)).toMatchObject({ state: 'approved', txid: null, claimOwner: null });
    expect(sim.network.getPayment(paymentId)!.status.developer_completed).toBe(false);
    log.length = 0;
    expect((await post(app.handlers, 'complete', { paymentId, txid, accessToken })).status).toBe(200);
    expect(log[0]).toBe('transition completing');
    expect(log.slice(1, 3).sort()).toEqual(reads);
    expect(log.slice(3)).toEqual([`answered POST /v2/payments/${paymentId}/complete`, 'transition delivered']);
    expect(await store.get(paymentId)).toMatchObject({ state: 'delivered', txid });
    expect(app.deliveries).toEqual([paymentId]);
  });

  it('approve records `approved` while /approve is in flight (the app accepted it, whatever Pi answers)', async () => {
    const log: string[] = [];
    const memory = createMemoryStore();
    const store: PaymentStore = {
      ...memory,
      transition: (id, t) => {
        log.push(`store ${t.to}`);
        return memory.transition(id, t);
      },
    };
    const fetchLogged: typeof fetch = async (input, init) => {
      const path = `${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`;
      log.push(`sent ${path}`);
      const response = await fetch(input, init);
      log.push(`answered ${path}`);
      return response;
    };
    const app = createTestApp(sim.network, { store, platform: { fetch: fetchLogged, retryDelayMs: 1 } });
    const { paymentId } = await approveAndPay(app);
    const approve = `POST /v2/payments/${paymentId}/approve`;
    expect(log.indexOf('store approved')).toBeGreaterThan(-1);
    expect(log.indexOf('store approved')).toBeLessThan(log.indexOf(`answered ${approve}`));
    expect(log.indexOf(`sent ${approve}`)).toBeLessThan(log.indexOf(`answered ${approve}`));
    expect((await memory.get(paymentId))?.state).toBe('approved');
  });

  it('answers the error of the first check, as when reading one after the other', async () => {
    const app = createTestApp(sim.network);
    const { payment } = userPays(sim.network);
    // approve checks the user first: a forged token with an unknown payment is 401
    expect(await post(app.handlers, 'approve', { paymentId: 'no-such-payment', accessToken: 'forged-token' })).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_token' } },
    });
    // complete checks the payment first: 404 before the token
    expect(await post(app.handlers, 'complete', { paymentId: 'no-such-payment', txid: 'abc', accessToken: 'forged-token' })).toMatchObject({
      status: 404,
      body: { error: { code: 'payment_not_found' } },
    });
    // a valid payment with a forged token: 401 on both
    for (const route of ['approve', 'complete']) {
      expect(await post(app.handlers, route, { paymentId: payment.identifier, txid: 'abc', accessToken: 'forged-token' })).toMatchObject({
        status: 401,
        body: { error: { code: 'invalid_token' } },
      });
    }
    expect(app.approvals).toEqual([]);
  });
});
