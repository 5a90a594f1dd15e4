/**
 * The console's API over HTTP (`pi-sim`'s `/__sim/state`, `/__sim/events`, `/__sim/scenarios/*`)
 * and the console page itself: each scenario does what it says to the network, and refuses bad
 * input with a 4xx in Pi's error shape, changing nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleState } from '../../src/console/console-api';
import type { SimEvent } from '../../src/engine/types';
import { createHttpBackend, type SimulatorServer, startSimulatorServer } from '../../src/server';

let sim: SimulatorServer;
const key = () => ({ Authorization: `Key ${sim.network.app.apiKey}`, 'Content-Type': 'application/json' });

beforeAll(async () => {
  sim = await startSimulatorServer({ networkOptions: { seed: 3, users: [{ username: 'alice', balance: 100 }] } });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.network.faults.clear();
});

async function scenario(name: string, body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
  const response = await fetch(`${sim.url}/__sim/scenarios/${name}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { result?: unknown; error?: string; error_message?: string } };
}

async function state(): Promise<ConsoleState> {
  return (await (await fetch(`${sim.url}/__sim/state`)).json()) as ConsoleState;
}

let users = 0;
/** A payment of a new user (a user with a signed, uncompleted payment cannot start another one). */
function openPayment() {
  const { username } = sim.network.addUser({ username: `buyer${++users}` });
  return sim.network.createPayment(username, { amount: 1, memo: 'console', metadata: {} });
}

function approvedPayment() {
  const payment = openPayment();
  sim.network.approvePayment(payment.identifier);
  return payment;
}

describe('GET /__sim/state', () => {
  it('answers the users, the app wallet, the payments with their cancel reason, the ledger and the scenarios', async () => {
    const paid = approvedPayment();
    sim.network.submitTransaction(paid.identifier);
    const cancelled = openPayment();
    sim.network.cancelPayment(cancelled.identifier);
    const body = await state();
    expect(body.network).toBe('Pi Testnet');
    expect(body.users).toEqual(
      sim.network.users().map((u) => expect.objectContaining({ username: u.username, balance: sim.network.balanceOf(u.walletAddress) })),
    );
    expect(body.app).toEqual({
      walletAddress: sim.network.app.walletAddress,
      balance: sim.network.balanceOf(sim.network.app.walletAddress),
    });
    expect(body.payments.find((p) => p.identifier === paid.identifier)).toMatchObject({
      cancel_reason: null,
      transaction: { verified: true },
    });
    expect(body.payments.find((p) => p.identifier === cancelled.identifier)?.cancel_reason).toBe('developer');
    expect(body.transactions.map((tx) => tx.memo)).toContain(paid.identifier);
    expect(body.lastSeq).toBe(sim.network.events.length);
    expect(body.scenarios).toEqual({ failures: [], crashAfterSigning: 0, clockOffsetMs: expect.any(Number) });
  });
});

describe('GET /__sim/events', () => {
  /** Reads server-sent events until `count` events arrived. */
  async function read(path: string, count: number, init?: RequestInit, during?: () => void): Promise<SimEvent[]> {
    const controller = new AbortController();
    const response = await fetch(`${sim.url}${path}`, { ...init, signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const events: SimEvent[] = [];
    let buffer = '';
    let triggered = false;
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (\d+)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (data) {
          const event = JSON.parse(data) as SimEvent;
          expect(String(event.seq)).toBe(id);
          events.push(event);
        }
        end = buffer.indexOf('\n\n');
      }
      if (!triggered && during) {
        triggered = true;
        during();
      }
    }
    controller.abort();
    return events;
  }

  it('replays the log from the start, then streams new events as they happen', async () => {
    const before = sim.network.events.length;
    const events = await read('/__sim/events', before + 1, undefined, () => sim.network.addUser({ username: `live${before}` }));
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: before + 1 }, (_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ type: 'user.added', user: { username: `live${before}` } });
  });

  it('starts after ?after=SEQ, or after the Last-Event-ID a reconnecting browser sends', async () => {
    sim.network.addUser({ username: `after${sim.network.events.length}` });
    const last = sim.network.events.length;
    expect((await read(`/__sim/events?after=${last - 1}`, 1))[0]?.seq).toBe(last);
    expect((await read('/__sim/events', 1, { headers: { 'Last-Event-ID': String(last - 1) } }))[0]?.seq).toBe(last);
  });

  it('stops listening when the client goes away', async () => {
    await read('/__sim/events?after=0', 1);
    // The listener is gone: logging more events writes to no closed stream (no error thrown here).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(() => sim.network.addUser({ username: `gone${sim.network.events.length}` })).not.toThrow();
  });
});

describe('POST /__sim/scenarios/fail', () => {
  it('error: the next N calls to the route answer 500 before changing anything, then calls pass again', async () => {
    const payment = openPayment();
    const { status, body } = await scenario('fail', { target: 'approve', mode: 'error', times: 2 });
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ target: 'approve', mode: 'error', status: 500, times: 2, used: 0 });
    const approve = () => fetch(`${sim.url}/v2/payments/${payment.identifier}/approve`, { method: 'POST', headers: key() });
    expect((await approve()).status).toBe(500);
    expect((await state()).scenarios.failures).toMatchObject([{ used: 1, times: 2 }]);
    expect((await approve()).status).toBe(500);
    expect(sim.network.getPayment(payment.identifier)?.status.developer_approved).toBe(false);
    expect((await approve()).status).toBe(200);
    expect((await state()).scenarios.failures).toEqual([]);
    const calls = sim.network.events.filter((e) => e.type === 'api.call' && e.paymentId === payment.identifier);
    expect(calls.map((c) => (c.type === 'api.call' ? [c.status, c.fault ?? null] : null))).toEqual([
      [500, 'status'],
      [500, 'status'],
      [200, null],
    ]);
  });

  it('lost_answer: the call changes the network, then the connection drops', async () => {
    const payment = openPayment();
    await scenario('fail', { target: 'approve', mode: 'lost_answer', times: 1 });
    await expect(fetch(`${sim.url}/v2/payments/${payment.identifier}/approve`, { method: 'POST', headers: key() })).rejects.toThrow();
    expect(sim.network.getPayment(payment.identifier)?.status.developer_approved).toBe(true);
  });

  it('timeout: no answer for delayMs, then the connection drops; other routes are untouched', async () => {
    const payment = approvedPayment();
    await scenario('fail', { target: 'complete', mode: 'timeout', times: 1, delayMs: 200 });
    const started = performance.now();
    expect((await fetch(`${sim.url}/v2/payments/${payment.identifier}`, { headers: key() })).status).toBe(200);
    await expect(
      fetch(`${sim.url}/v2/payments/${payment.identifier}/complete`, {
        method: 'POST',
        headers: key(),
        body: JSON.stringify({ txid: 'x' }),
      }),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('horizon_submit: the next transaction submissions to Horizon fail', async () => {
    await scenario('fail', { target: 'horizon_submit', mode: 'error', times: 1, status: 503 });
    const response = await fetch(`${sim.url}/horizon/transactions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'tx=AAAA',
    });
    expect(response.status).toBe(503);
    expect((await fetch(`${sim.url}/horizon/`)).status).toBe(200);
  });

  it('clear-failures stops every failure scenario', async () => {
    await scenario('fail', { target: 'me', mode: 'error', times: 5 });
    expect((await state()).scenarios.failures).toHaveLength(1);
    expect((await scenario('clear-failures', {})).status).toBe(200);
    expect((await state()).scenarios.failures).toEqual([]);
    expect(sim.network.faults.list()).toEqual([]);
  });

  it.each([
    [{ target: 'nope', mode: 'error', times: 1 }, /target must be one of approve, complete/],
    [{ target: '__proto__', mode: 'error', times: 1 }, /target must be one of/],
    [{ target: 'complete', mode: 'explode', times: 1 }, /mode must be one of error, timeout, lost_answer/],
    [{ target: 'complete', mode: 'error', times: 0 }, /times must be an integer from 1 to 100/],
    [{ target: 'complete', mode: 'error', times: 1.5 }, /times must be an integer/],
    [{ target: 'complete', mode: 'error', times: 1, status: 404 }, /status must be an integer from 500 to 599/],
    [{ target: 'complete', mode: 'timeout', times: 1, delayMs: -1 }, /delayMs must be an integer/],
  ])('refuses %j with 400 invalid_arguments, injecting nothing', async (input, message) => {
    const { status, body } = await scenario('fail', input);
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_arguments');
    expect(body.error_message).toMatch(message);
    expect(sim.network.faults.list()).toEqual([]);
  });
});

describe('POST /__sim/scenarios/leave-incomplete', () => {
  it('crashes the browser right after the next signing: the SDK is told, the payment stays signed and incomplete', async () => {
    expect((await scenario('leave-incomplete', {})).body.result).toBe(1);
    expect((await state()).scenarios.crashAfterSigning).toBe(1);
    const crashed: string[] = [];
    const backend = createHttpBackend(sim.url, { onSimulatedCrash: (id) => crashed.push(id) });
    const payment = approvedPayment();
    let settled = false;
    void backend.submitTransaction(payment.identifier).finally(() => {
      settled = true;
    });
    await expect.poll(() => crashed).toEqual([payment.identifier]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false); // the page is gone: nothing after signing runs
    expect(sim.network.incompletePaymentOf(payment.user_uid)?.identifier).toBe(payment.identifier);
    expect(sim.network.events.at(-1)).toMatchObject({ type: 'sdk.simulated_crash', paymentId: payment.identifier, after: 'signing' });
    expect((await state()).scenarios.crashAfterSigning).toBe(0);
    // Only the next one: the one after signs normally.
    const next = approvedPayment();
    await expect(backend.submitTransaction(next.identifier)).resolves.toMatchObject({ identifier: next.identifier });
    expect(crashed).toHaveLength(1);
  });

  it('refuses a bad count', async () => {
    expect((await scenario('leave-incomplete', { times: 0 })).body.error).toBe('invalid_arguments');
    expect((await state()).scenarios.crashAfterSigning).toBe(0);
  });
});

describe('payment scenarios', () => {
  it('expire: the open payment is cancelled with reason expired', async () => {
    const payment = openPayment();
    const { status, body } = await scenario('expire', { paymentId: payment.identifier });
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ identifier: payment.identifier, status: { cancelled: true } });
    expect((await state()).payments.find((p) => p.identifier === payment.identifier)?.cancel_reason).toBe('expired');
  });

  it('user-cancel: the user cancels in the wallet (user_cancelled)', async () => {
    const payment = approvedPayment();
    expect((await scenario('user-cancel', { paymentId: payment.identifier })).body.result).toMatchObject({
      status: { user_cancelled: true },
    });
  });

  it('refuses a payment with a transaction an unknown one, and no id', async () => {
    const signed = approvedPayment();
    sim.network.submitTransaction(signed.identifier);
    expect((await scenario('expire', { paymentId: signed.identifier })).body.error).toBe('payment_tx_present');
    expect((await scenario('user-cancel', { paymentId: signed.identifier })).body.error).toBe('payment_tx_present');
    const unknown = await scenario('expire', { paymentId: 'nope' });
    expect([unknown.status, unknown.body.error]).toEqual([404, 'payment_not_found']);
    expect((await scenario('user-cancel', {})).body.error).toBe('invalid_arguments');
  });
});

describe('POST /__sim/scenarios/advance-clock', () => {
  it('moves the clock: an unapproved payment past its approval timeout expires', async () => {
    const payment = openPayment();
    const before = sim.network.now();
    const { body } = await scenario('advance-clock', { ms: sim.network.timings.approvalTimeoutMs });
    expect(body.result as number).toBeGreaterThanOrEqual(before + sim.network.timings.approvalTimeoutMs);
    expect(sim.network.getPayment(payment.identifier)?.status.cancelled).toBe(true);
    expect((await state()).scenarios.clockOffsetMs).toBeGreaterThanOrEqual(sim.network.timings.approvalTimeoutMs);
  });

  it.each([[0], [-5], ['60000'], [1.5]])('refuses ms = %j', async (ms) => {
    expect((await scenario('advance-clock', { ms })).body.error).toBe('invalid_arguments');
  });
});

describe('POST /__sim/scenarios/balance and add-user', () => {
  it('sets, tops up and drains a balance (never below 0), the app wallet too', async () => {
    const address = sim.network.user('alice').walletAddress;
    expect((await scenario('balance', { who: 'alice', balance: 10 })).body.result).toBe(10);
    expect((await scenario('balance', { who: 'alice', add: 2.5 })).body.result).toBe(12.5);
    expect((await scenario('balance', { who: address, add: -100 })).body.result).toBe(0);
    expect(sim.network.balanceOf(address)).toBe(0);
    expect((await scenario('balance', { who: 'app', balance: 5000 })).body.result).toBe(5000);
    expect(sim.network.balanceOf(sim.network.app.walletAddress)).toBe(5000);
    await scenario('balance', { who: 'alice', balance: 100 });
  });

  it('refuses an unknown wallet, both or neither of balance and add, and a bad amount', async () => {
    const before = sim.network.balanceOf(sim.network.user('alice').walletAddress);
    expect((await scenario('balance', { who: 'nobody', balance: 1 })).body.error).toBe('user_not_found');
    expect((await scenario('balance', { who: 'alice', balance: 1, add: 1 })).body.error).toBe('invalid_arguments');
    expect((await scenario('balance', { who: 'alice' })).body.error).toBe('invalid_arguments');
    expect((await scenario('balance', { who: 'alice', add: 'lots' })).body.error).toBe('invalid_arguments');
    expect((await scenario('balance', { who: 'alice', balance: -1 })).body.error).toBe('invalid_amount');
    expect((await scenario('balance', { who: 'alice', balance: 0.123456789 })).body.error).toBe('invalid_amount');
    expect(sim.network.balanceOf(sim.network.user('alice').walletAddress)).toBe(before);
  });

  it('adds a user with a funded wallet; refuses a taken or odd username', async () => {
    const { body } = await scenario('add-user', { username: 'carol', balance: 42 });
    expect(body.result).toMatchObject({ username: 'carol', balance: 42 });
    expect(sim.network.user('carol').walletAddress).toBe((body.result as { walletAddress: string }).walletAddress);
    expect((await scenario('add-user', { username: 'carol' })).body.error).toBe('invalid_arguments');
    expect((await scenario('add-user', { username: '<script>' })).body.error).toBe('invalid_arguments');
    expect((await scenario('add-user', { username: 'dave', balance: -1 })).body.error).toBe('invalid_amount');
    expect(sim.network.users().map((u) => u.username)).not.toContain('dave');
  });
});

describe('the console API refuses what it does not serve', () => {
  it('a scenario without a JSON content type (a cross-origin form cannot send one without a CORS preflight)', async () => {
    const { status, body } = await scenario('add-user', { username: 'mallory' }, { 'Content-Type': 'text/plain' });
    expect([status, body.error]).toEqual([415, 'unsupported_media_type']);
    expect(sim.network.users().map((u) => u.username)).not.toContain('mallory');
  });

  it('malformed JSON, an array body, an unknown scenario, a GET scenario, an unknown path', async () => {
    const post = (name: string, body: string) =>
      fetch(`${sim.url}/__sim/scenarios/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect((await post('expire', '{')).status).toBe(400);
    expect((await post('expire', '[]')).status).toBe(400);
    expect((await post('__proto__', '{}')).status).toBe(404);
    expect((await fetch(`${sim.url}/__sim/scenarios/expire`)).status).toBe(405);
    expect((await fetch(`${sim.url}/__sim/nothing`)).status).toBe(404);
    expect((await fetch(`${sim.url}/__sim/state`, { method: 'POST' })).status).toBe(405);
  });
});

describe('GET /console', () => {
  it('serves the console page and its assets; GET / names it and keeps answering JSON', async () => {
    const page = await fetch(`${sim.url}/console`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<title>pi-sim console</title>');
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${sim.url}${script}`);
    expect([asset.status, asset.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${sim.url}/console/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${sim.url}/console/../package.json`)).status).not.toBe(200);
    const root = (await (await fetch(`${sim.url}/`)).json()) as { console: string };
    expect(root.console).toBe(`${sim.url}/console`);
  }, 60_000);
});
