import { describe, expect, it } from 'vitest';
import { testNetwork } from './test-network';
import { createPiNetwork } from '../../src/network/create-pi-network';

const piError = (error: string) => ({ error, error_message: expect.any(String) });

describe('GET /v2/me (Bearer)', () => {
  it('answers the UserDTO of a valid access token, username only with the username scope', async () => {
    const { network, api } = testNetwork();
    const { accessToken, user } = network.authenticate('alice', ['username', 'payments']);
    const me = await api('GET', '/v2/me', { auth: `Bearer ${accessToken}` });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      uid: user.uid,
      username: 'alice',
      credentials: {
        scopes: ['username', 'payments'],
        valid_until: { timestamp: expect.any(Number), iso8601: expect.stringMatching(/Z$/) },
      },
    });
    const noName = network.authenticate('alice', ['payments']);
    const me2 = await api('GET', '/v2/me', { auth: `Bearer ${noName.accessToken}` });
    expect(me2.body.username).toBeUndefined();
    expect(noName.user).toEqual({ uid: user.uid });
  });

  it('answers 401 for a bad token, a missing header, or the Key scheme', async () => {
    const { network, api } = testNetwork();
    const { accessToken } = network.authenticate('alice', ['username']);
    expect(await api('GET', '/v2/me', { auth: 'Bearer forged' })).toMatchObject({ status: 401, body: piError('unauthorized') });
    expect(await api('GET', '/v2/me', { auth: null })).toMatchObject({ status: 401, body: piError('unauthorized') });
    expect(await api('GET', '/v2/me', { auth: `Key ${accessToken}` })).toMatchObject({ status: 401 });
    expect(await api('GET', '/v2/me')).toMatchObject({ status: 401 });
  });

  it('answers 401 once the token expired (injected clock)', async () => {
    const { network, api, advance } = testNetwork({ timings: { accessTokenTtlMs: 60_000 } });
    const { accessToken } = network.authenticate('bob', ['username']);
    advance(59_999);
    expect((await api('GET', '/v2/me', { auth: `Bearer ${accessToken}` })).status).toBe(200);
    advance(1);
    expect(await api('GET', '/v2/me', { auth: `Bearer ${accessToken}` })).toMatchObject({ status: 401, body: piError('unauthorized') });
  });
});

describe('Authorization: Key for app endpoints', () => {
  it('answers 401 for a wrong key, a wrong scheme and no header, and never echoes the key', async () => {
    const { network, api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    for (const auth of ['Key wrong', `Bearer ${network.app.apiKey}`, network.app.apiKey, null]) {
      const r = await api('GET', `/v2/payments/${id}`, { auth });
      expect(r).toMatchObject({ status: 401, body: piError('unauthorized') });
      expect(JSON.stringify(r.body)).not.toContain(network.app.apiKey);
    }
    expect((await api('GET', `/v2/payments/${id}`, { auth: `key ${network.app.apiKey}` })).status).toBe(200);
  });
});

describe('GET /v2/payments/{id}', () => {
  it('answers the PaymentDTO, or 404 payment_not_found', async () => {
    const { network, api } = testNetwork();
    const p = network.createPayment('alice', { amount: 2.5, memo: 'm', metadata: { x: 1 } });
    const r = await api('GET', `/v2/payments/${p.identifier}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(p);
    expect(await api('GET', '/v2/payments/unknown')).toMatchObject({ status: 404, body: piError('payment_not_found') });
  });
});

describe('POST /v2/payments/{id}/approve', () => {
  it('approves a U2A payment', async () => {
    const { network, api } = testNetwork();
    const p = network.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
    const r = await api('POST', `/v2/payments/${p.identifier}/approve`);
    expect(r.status).toBe(200);
    expect(r.body.status.developer_approved).toBe(true);
    expect(network.getPayment(p.identifier)?.status.developer_approved).toBe(true);
  });

  it('answers 400 already_approved for a second approve (Pi lists already_approved) and does not change the payment', async () => {
    const { api, approvedPayment, network } = testNetwork();
    const id = approvedPayment();
    const before = network.getPayment(id);
    expect(await api('POST', `/v2/payments/${id}/approve`)).toMatchObject({ status: 400, body: piError('already_approved') });
    expect(network.getPayment(id)).toEqual(before);
  });

  it('answers 400 for an A2U payment (approved automatically)', async () => {
    const { network, api } = testNetwork();
    const a2u = network.createAppPayment({ amount: 1, memo: 'refund', metadata: {}, uid: network.user('bob').uid });
    expect(await api('POST', `/v2/payments/${a2u.identifier}/approve`)).toMatchObject({ status: 400, body: piError('already_approved') });
  });

  it('answers 400 cancelled_payment for a cancelled or expired payment', async () => {
    const { network, api, advance } = testNetwork();
    const cancelled = network.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
    network.cancelByUser(cancelled.identifier);
    expect(await api('POST', `/v2/payments/${cancelled.identifier}/approve`)).toMatchObject({
      status: 400,
      body: piError('cancelled_payment'),
    });
    const late = network.createPayment('bob', { amount: 1, memo: 'm', metadata: {} });
    advance(network.timings.approvalTimeoutMs);
    const r = await api('POST', `/v2/payments/${late.identifier}/approve`);
    expect(r).toMatchObject({ status: 400, body: piError('cancelled_payment') });
    expect(r.body.error_message).toBe('The payment has expired.');
  });

  it('answers 404 for an unknown payment', async () => {
    const { api } = testNetwork();
    expect(await api('POST', '/v2/payments/nope/approve')).toMatchObject({ status: 404, body: piError('payment_not_found') });
  });
});

describe('POST /v2/payments/{id}/complete', () => {
  it('completes a payment whose transaction matches the txid', async () => {
    const { network, api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    const { txid } = network.submitTransaction(id).transaction!;
    const r = await api('POST', `/v2/payments/${id}/complete`, { body: { txid } });
    expect(r.status).toBe(200);
    expect(r.body.status).toMatchObject({ developer_completed: true, transaction_verified: true });
    expect(r.body.transaction.txid).toBe(txid);
  });

  it('answers 400 already_completed to a second complete', async () => {
    const { network, api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    const { txid } = network.submitTransaction(id).transaction!;
    await api('POST', `/v2/payments/${id}/complete`, { body: { txid } });
    expect(await api('POST', `/v2/payments/${id}/complete`, { body: { txid } })).toMatchObject({
      status: 400,
      body: piError('already_completed'),
    });
  });

  it('answers 400 missing_txid without a txid, txid_mismatch for another txid, invalid_arguments for a non-string txid', async () => {
    const { network, api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    network.submitTransaction(id);
    expect(await api('POST', `/v2/payments/${id}/complete`)).toMatchObject({ status: 400, body: piError('missing_txid') });
    expect(await api('POST', `/v2/payments/${id}/complete`, { body: {} })).toMatchObject({ status: 400, body: piError('missing_txid') });
    expect(await api('POST', `/v2/payments/${id}/complete`, { body: { txid: 'f'.repeat(64) } })).toMatchObject({
      status: 400,
      body: piError('txid_mismatch'),
    });
    expect(await api('POST', `/v2/payments/${id}/complete`, { body: { txid: 42 } })).toMatchObject({
      status: 400,
      body: piError('invalid_arguments'),
    });
    expect(network.getPayment(id)?.status.developer_completed).toBe(false);
  });

  it("answers 400 txid_mismatch for another payment's real txid", async () => {
    const { network, api, approvedPayment } = testNetwork();
    const first = approvedPayment('alice');
    const second = approvedPayment('bob');
    const { txid } = network.submitTransaction(first).transaction!;
    network.submitTransaction(second);
    expect(await api('POST', `/v2/payments/${second}/complete`, { body: { txid } })).toMatchObject({
      status: 400,
      body: piError('txid_mismatch'),
    });
  });

  it('answers 400 before a transaction exists', async () => {
    const { api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    expect(await api('POST', `/v2/payments/${id}/complete`, { body: { txid: 'a'.repeat(64) } })).toMatchObject({
      status: 400,
      body: piError('not_verified'),
    });
  });

  it('answers 400 cancelled_payment for a cancelled payment and 404 for an unknown one', async () => {
    const { network, api } = testNetwork();
    const p = network.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
    network.cancelPayment(p.identifier);
    expect(await api('POST', `/v2/payments/${p.identifier}/complete`, { body: { txid: 'a'.repeat(64) } })).toMatchObject({
      status: 400,
      body: piError('cancelled_payment'),
    });
    expect(await api('POST', '/v2/payments/nope/complete', { body: { txid: 'a' } })).toMatchObject({
      status: 404,
      body: piError('payment_not_found'),
    });
  });
});

describe('POST /v2/payments/{id}/cancel', () => {
  it('cancels a payment without a transaction (cancelled, not user_cancelled)', async () => {
    const { network, api } = testNetwork();
    const p = network.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
    const r = await api('POST', `/v2/payments/${p.identifier}/cancel`);
    expect(r.status).toBe(200);
    expect(r.body.status).toMatchObject({ cancelled: true, user_cancelled: false });
    expect(network.openPaymentOf('alice')).toBeNull();
    // cancelling again answers the payment unchanged
    expect((await api('POST', `/v2/payments/${p.identifier}/cancel`)).body).toEqual(r.body);
  });

  it('answers 400 payment_tx_present once the payment has a transaction', async () => {
    const { network, api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    network.submitTransaction(id);
    expect(await api('POST', `/v2/payments/${id}/cancel`)).toMatchObject({ status: 400, body: piError('payment_tx_present') });
  });

  it('answers 404 for an unknown payment', async () => {
    const { api } = testNetwork();
    expect(await api('POST', '/v2/payments/nope/cancel')).toMatchObject({ status: 404, body: piError('payment_not_found') });
  });
});

describe('POST /v2/payments (A2U)', () => {
  it('creates an approved app_to_user payment from the app wallet to the user wallet', async () => {
    const { network, api } = testNetwork();
    const bob = network.user('bob');
    const r = await api('POST', '/v2/payments', {
      body: { payment: { amount: 1.25, memo: 'refund', metadata: { order: 9 }, uid: bob.uid } },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      user_uid: bob.uid,
      amount: 1.25,
      memo: 'refund',
      metadata: { order: 9 },
      direction: 'app_to_user',
      from_address: network.app.walletAddress,
      to_address: bob.walletAddress,
      network: 'Pi Testnet',
      status: {
        developer_approved: true,
        transaction_verified: false,
        developer_completed: false,
        cancelled: false,
        user_cancelled: false,
      },
      transaction: null,
    });
  });

  it('answers 404 user_not_found for an unknown uid', async () => {
    const { api } = testNetwork();
    expect(await api('POST', '/v2/payments', { body: { payment: { amount: 1, memo: 'm', metadata: {}, uid: 'nobody' } } })).toMatchObject({
      status: 404,
      body: piError('user_not_found'),
    });
  });

  it('answers 400 ongoing_payment_found for a second open A2U payment of the same user, with that payment', async () => {
    const { network, api } = testNetwork();
    const uid = network.user('bob').uid;
    const first = await api('POST', '/v2/payments', { body: { payment: { amount: 1, memo: 'a', metadata: {}, uid } } });
    const second = await api('POST', '/v2/payments', { body: { payment: { amount: 2, memo: 'b', metadata: {}, uid } } });
    expect(second).toMatchObject({ status: 400, body: piError('ongoing_payment_found') });
    expect(second.body.payment.identifier).toBe(first.body.identifier);
    // once the first is cancelled, a new one can be created
    await api('POST', `/v2/payments/${first.body.identifier}/cancel`);
    expect((await api('POST', '/v2/payments', { body: { payment: { amount: 2, memo: 'b', metadata: {}, uid } } })).status).toBe(200);
  });

  // Pi's backend SDKs (https://github.com/pi-apps/pi-nodejs, README): `getIncompleteServerPayments`
  // returns "0 or 1 payment"; `createPayment` fails with "You need to complete the ongoing payment
  // first to create a new one."
  it("one ongoing A2U payment per app: another user's new payment is refused with Pi's message until it ends", async () => {
    const { network, api } = testNetwork();
    const body = (user: string) => ({ payment: { amount: 1, memo: user, metadata: {}, uid: network.user(user).uid } });
    const first = await api('POST', '/v2/payments', { body: body('alice') });
    const other = await api('POST', '/v2/payments', { body: body('bob') });
    expect(other).toMatchObject({
      status: 400,
      body: { error: 'ongoing_payment_found', error_message: 'You need to complete the ongoing payment first to create a new one.' },
    });
    expect(other.body.payment.identifier).toBe(first.body.identifier);
    expect((await api('GET', '/v2/payments/incomplete_server_payments')).body.incomplete_server_payments).toHaveLength(1);
    await api('POST', `/v2/payments/${first.body.identifier}/cancel`);
    expect((await api('POST', '/v2/payments', { body: body('bob') })).status).toBe(200);
  });

  it('with ongoingA2U: "user", one ongoing A2U payment per user: two users may each have one', async () => {
    const { network, api } = testNetwork({ ongoingA2U: 'user' });
    for (const user of ['alice', 'bob'])
      expect(
        (await api('POST', '/v2/payments', { body: { payment: { amount: 1, memo: user, metadata: {}, uid: network.user(user).uid } } }))
          .status,
      ).toBe(200);
    expect((await api('GET', '/v2/payments/incomplete_server_payments')).body.incomplete_server_payments).toHaveLength(2);
    expect(() => createPiNetwork({ ongoingA2U: 'wallet' as never })).toThrow(/ongoingA2U/);
  });

  it('answers 400 for wrong types and shapes', async () => {
    const { network, api } = testNetwork();
    const uid = network.user('bob').uid;
    const cases: Array<[unknown, string]> = [
      [{ amount: 1, memo: 'm', metadata: {}, uid }, 'invalid_arguments'], // not wrapped in { payment }
      [{ payment: { amount: '1', memo: 'm', metadata: {}, uid } }, 'invalid_amount'],
      [{ payment: { amount: -1, memo: 'm', metadata: {}, uid } }, 'invalid_amount'],
      [{ payment: { amount: 0.123456789, memo: 'm', metadata: {}, uid } }, 'invalid_amount'],
      [{ payment: { amount: 1, memo: 5, metadata: {}, uid } }, 'invalid_arguments'],
      [{ payment: { amount: 1, memo: 'm', metadata: [1], uid } }, 'invalid_metadata'],
      [{ payment: { amount: 1, memo: 'm', metadata: {}, uid: 7 } }, 'invalid_arguments'],
      [[], 'invalid_arguments'],
      ['text', 'invalid_arguments'],
    ];
    for (const [body, error] of cases)
      expect(await api('POST', '/v2/payments', { body })).toMatchObject({ status: 400, body: piError(error) });
    expect(network.payments()).toHaveLength(0);
  });
});

describe('GET /v2/payments/incomplete_server_payments', () => {
  it('lists A2U payments neither completed nor cancelled', async () => {
    const { network, api } = testNetwork();
    const a = network.createAppPayment({ amount: 1, memo: 'a', metadata: {}, uid: network.user('alice').uid });
    network.cancelPayment(a.identifier);
    const b = network.createAppPayment({ amount: 1, memo: 'b', metadata: {}, uid: network.user('bob').uid });
    network.createPayment('alice', { amount: 1, memo: 'u2a', metadata: {} });
    const r = await api('GET', '/v2/payments/incomplete_server_payments');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ incomplete_server_payments: [b] });
  });
});

describe('GET /v2/ads_network/status/{adId}', () => {
  it('answers the status of a rewarded ad, 404 for an unknown one', async () => {
    const { network, api } = testNetwork();
    const ad = network.createRewardedAd();
    const r = await api('GET', `/v2/ads_network/status/${ad.identifier}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      identifier: ad.identifier,
      mediator_ack_status: 'granted',
      mediator_granted_at: expect.any(String),
      mediator_revoked_at: null,
    });
    expect((await api('GET', '/v2/ads_network/status/nope')).status).toBe(404);
    expect((await api('GET', `/v2/ads_network/status/${ad.identifier}`, { auth: null })).status).toBe(401);
  });
});

describe('bad input never crashes: 4xx in Pi error shape', () => {
  it('answers malformed JSON with 400 invalid_arguments', async () => {
    const { api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    expect(await api('POST', `/v2/payments/${id}/complete`, { raw: '{"txid":' })).toMatchObject({
      status: 400,
      body: piError('invalid_arguments'),
    });
    expect(await api('POST', '/v2/payments', { raw: 'not json' })).toMatchObject({ status: 400, body: piError('invalid_arguments') });
  });

  it('answers bodies over 64 KiB with 413', async () => {
    const { network, api } = testNetwork();
    const huge = JSON.stringify({ payment: { amount: 1, memo: 'x'.repeat(70 * 1024), metadata: {}, uid: network.user('bob').uid } });
    expect(await api('POST', '/v2/payments', { raw: huge })).toMatchObject({ status: 413, body: piError('payload_too_large') });
    // a streamed body without content-length is cut off too
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new Uint8Array(1024).fill(32));
        controller.close();
      },
    });
    const r = await network.platformApi(
      new Request('https://api.minepi.com/v2/payments', {
        method: 'POST',
        headers: { authorization: `Key ${network.app.apiKey}` },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(r.status).toBe(413);
  });

  it('answers unknown routes with 404 and wrong methods with 405, in Pi error shape', async () => {
    const { api } = testNetwork();
    for (const path of ['/v2/nothing', '/v1/payments', '/', '/v2/payments/x/y/z', '/v2/payments/x/refund'])
      expect(await api('GET', path)).toMatchObject({ status: 404, body: piError('not_found') });
    expect(await api('DELETE', '/v2/payments/x')).toMatchObject({ status: 405, body: piError('method_not_allowed') });
    expect(await api('GET', '/v2/payments/x/approve')).toMatchObject({ status: 405 });
    expect(await api('POST', '/v2/me')).toMatchObject({ status: 405 });
  });

  it('answers 4xx to a battery of odd requests, never 5xx', async () => {
    const { network, api, approvedPayment } = testNetwork();
    const id = approvedPayment();
    const bodies = [
      '',
      'null',
      '[]',
      '"x"',
      '1',
      '{"payment":null}',
      '{"payment":{"amount":1e400}}',
      '{"txid":null}',
      '{"txid":{}}',
      '\u0000',
    ];
    for (const raw of bodies) {
      for (const path of ['/v2/payments', `/v2/payments/${id}/complete`, `/v2/payments/${id}/approve`, '/v2/payments/%E0%A4%A/complete']) {
        const r = await api('POST', path, { raw });
        expect(r.status, `${path} ${raw}`).toBeLessThan(500);
        if (r.status >= 400)
          expect(r.body, `${path} ${raw}`).toMatchObject({ error: expect.any(String), error_message: expect.any(String) });
      }
    }
    expect(network.events.filter((e) => e.type === 'api.call' && e.status >= 500)).toHaveLength(0);
  });
});

describe('api.call events', () => {
  it('logs every call with its status and error code', async () => {
    const { network, api } = testNetwork();
    await api('GET', '/v2/payments/nope');
    const call = network.events.at(-1);
    expect(call).toMatchObject({
      type: 'api.call',
      api: 'platform',
      method: 'GET',
      path: '/v2/payments/nope',
      status: 404,
      error: 'payment_not_found',
    });
  });
});
