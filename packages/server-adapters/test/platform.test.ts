/**
 * The Pi Platform API client against the simulated Platform API (msw): every endpoint of
 * docs/PI-PLATFORM.md ("The Platform API"), typed errors, retries only where safe, timeouts, and the API key kept secret.
 */
import { inspect } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPiPlatformClient, type PiPlatformClient } from '../src/platform/client';
import { PiApiError } from '../src/platform/errors';
import { PiArgumentError } from '../src/errors/argument-error';
import { PiConfigError } from '../src/errors/config-error';
import { useSimulatedNetwork, userPays } from './support/sim';
import type { PiNetwork } from '@pi-kit/simulator';
import { rejectionOf } from './support/rejection';

const sim = useSimulatedNetwork();
let network: PiNetwork;
let pi: PiPlatformClient;
beforeEach(() => {
  network = sim.network;
  pi = createPiPlatformClient({ apiKey: network.app.apiKey, retryDelayMs: 1 });
});

const rejection = (promise: Promise<unknown>) => rejectionOf(PiApiError, promise);

const calls = (path: RegExp) => network.events.filter((e) => e.type === 'api.call' && path.test(`${e.method} ${e.path}`)).length;

describe('endpoints', () => {
  it('me: the user of a valid token; 401 PiApiError for a forged one', async () => {
    const { accessToken } = network.authenticate('alice', ['username']);
    const me = await pi.me(accessToken);
    expect(me.uid).toBe(network.user('alice').uid);
    expect(me.username).toBe('alice');
    const error = await rejection(pi.me('forged-token'));
    expect(error.status).toBe(401);
    expect(error.message).not.toContain('forged-token');
  });

  it('getPayment, approvePayment, completePayment: the payment through its U2A phases', async () => {
    const { payment } = userPays(network);
    expect((await pi.getPayment(payment.identifier)).amount).toBe(3.14);
    expect((await pi.approvePayment(payment.identifier)).status.developer_approved).toBe(true);
    const txid = network.submitTransaction(payment.identifier).transaction!.txid;
    const completed = await pi.completePayment(payment.identifier, txid);
    expect(completed.status.developer_completed).toBe(true);
    expect(completed.transaction?.txid).toBe(txid);
  });

  it("answers Pi errors as PiApiError with Pi's code, status and body", async () => {
    const error = await rejection(pi.getPayment('no-such-payment'));
    expect(error.status).toBe(404);
    expect(error.code).toBe('payment_not_found');
    expect(error.body).toMatchObject({ error: 'payment_not_found' });
    const { payment } = userPays(network);
    await pi.approvePayment(payment.identifier);
    const again = await rejection(pi.approvePayment(payment.identifier));
    expect(again.code).toBe('already_approved');
  });

  it('cancelPayment cancels a payment without a transaction', async () => {
    const { payment } = userPays(network);
    expect((await pi.cancelPayment(payment.identifier)).status.cancelled).toBe(true);
  });

  it('createA2UPayment and getIncompleteServerPayments (the array, not the wrapper)', async () => {
    const uid = network.user('bob').uid;
    const created = await pi.createA2UPayment({ amount: 1.5, memo: 'Refund', metadata: { refund: 'o-1' }, uid });
    expect(created.direction).toBe('app_to_user');
    const incomplete = await pi.getIncompleteServerPayments();
    expect(Array.isArray(incomplete)).toBe(true);
    expect(incomplete.map((p) => p.identifier)).toEqual([created.identifier]);
  });

  it("getAdStatus reads a rewarded ad's status", async () => {
    const ad = network.createRewardedAd('granted');
    expect((await pi.getAdStatus(ad.identifier)).mediator_ack_status).toBe('granted');
  });
});

describe('failures and retries', () => {
  it('keeps an HTML 5xx page as the body, code http_error, after the bounded retries', async () => {
    network.faults.inject({ api: 'platform', route: 'GET /v2/payments/*', html: true, status: 503 });
    const { payment } = userPays(network);
    const error = await rejection(pi.getPayment(payment.identifier));
    expect(error.status).toBe(503);
    expect(error.code).toBe('http_error');
    expect(String(error.body)).toMatch(/<html/i);
    expect(calls(/^GET \/v2\/payments\//)).toBe(3);
  });

  it('retries a read after a 5xx and succeeds', async () => {
    const { payment } = userPays(network);
    network.faults.inject({ api: 'platform', route: 'GET /v2/payments/*', status: 500, times: 2 });
    expect((await pi.getPayment(payment.identifier)).identifier).toBe(payment.identifier);
  });

  it("a lost /approve answer is retried; the retry's already_approved resolves with the approved payment", async () => {
    const { payment } = userPays(network);
    network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/approve', html: true, status: 502, after: true, times: 1 });
    const approved = await pi.approvePayment(payment.identifier);
    expect(approved.status.developer_approved).toBe(true);
  });

  it('a lost /complete answer is retried; already_completed with the same txid resolves', async () => {
    const { payment } = userPays(network);
    network.approvePayment(payment.identifier);
    const txid = network.submitTransaction(payment.identifier).transaction!.txid;
    network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/complete', drop: true, after: true, times: 1 });
    expect((await pi.completePayment(payment.identifier, txid)).status.developer_completed).toBe(true);
  });

  it('never retries the A2U create (a repeat could pay twice)', async () => {
    network.faults.inject({ api: 'platform', route: 'POST /v2/payments', status: 500, after: true, times: 1 });
    const error = await rejection(pi.createA2UPayment({ amount: 1, memo: 'm', metadata: {}, uid: network.user('bob').uid }));
    expect(error.status).toBe(500);
    expect(calls(/^POST \/v2\/payments$/)).toBe(1);
    expect(network.incompleteServerPayments()).toHaveLength(1);
  });

  it('does not retry a 4xx', async () => {
    await rejection(pi.getPayment('missing'));
    expect(calls(/^GET \/v2\/payments\/missing$/)).toBe(1);
  });

  it('a network error is code network_error, a slow answer is code timeout, an aborted call is code aborted', async () => {
    const { payment } = userPays(network);
    const remove = network.faults.inject({ api: 'platform', drop: true });
    expect((await rejection(pi.getPayment(payment.identifier))).code).toBe('network_error');
    remove();
    network.faults.inject({ api: 'platform', delayMs: 2_000 });
    const slow = createPiPlatformClient({ apiKey: network.app.apiKey, timeoutMs: 50, retries: 0 });
    const timeout = await rejection(slow.getPayment(payment.identifier));
    expect(timeout.code).toBe('timeout');
    expect(timeout.status).toBeUndefined();
    const controller = new AbortController();
    const pending = pi.getPayment(payment.identifier, { signal: controller.signal });
    controller.abort();
    expect((await rejection(pending)).code).toBe('aborted');
  });

  it('never puts the API key in an error, even when Pi echoes it', async () => {
    const apiKey = network.app.apiKey;
    network.faults.inject({ api: 'platform', status: 401, body: { error: 'unauthorized', error_message: `bad key Key ${apiKey}` } });
    const error = await rejection(pi.getPayment('x'));
    for (const text of [error.message, JSON.stringify(error.body), inspect(error, { depth: 10 }), JSON.stringify(error)]) {
      expect(text).not.toContain(apiKey);
    }
    const wrongKey = createPiPlatformClient({ apiKey: 'wrong-secret-key-123', retries: 0 });
    network.faults.clear();
    const unauthorized = await rejection(wrongKey.getPayment('x'));
    expect(unauthorized.status).toBe(401);
    expect(inspect(unauthorized, { depth: 10 })).not.toContain('wrong-secret-key-123');
  });

  it('refuses a missing API key (PiConfigError) and empty arguments (PiArgumentError), without calling Pi', async () => {
    expect(() => createPiPlatformClient({ apiKey: '' })).toThrow(PiConfigError);
    expect(() => createPiPlatformClient({ apiKey: 'k', baseUrl: 'ftp://x' })).toThrow(/baseUrl/);
    await expect(pi.getPayment('')).rejects.toBeInstanceOf(PiArgumentError);
    await expect(pi.completePayment('p', '')).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(pi.me('')).rejects.toMatchObject({ code: 'invalid_argument' });
    // A header can't carry these: refused before fetch would throw as if Pi were unreachable.
    for (const token of ['a\nb', 'a\u0000b', 'tök€n', 'a b']) await expect(pi.me(token)).rejects.toBeInstanceOf(PiArgumentError);
    const uid = network.user('bob').uid;
    for (const bad of [{ amount: 0 }, { amount: Number.NaN }, { memo: 3 }, { metadata: [] }, { uid: '' }]) {
      await expect(pi.createA2UPayment({ amount: 1, memo: 'm', metadata: {}, uid, ...bad } as never)).rejects.toBeInstanceOf(
        PiArgumentError,
      );
    }
    expect(network.events.filter((e) => e.type === 'api.call')).toHaveLength(0);
  });
});
