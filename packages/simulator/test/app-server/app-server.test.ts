import { describe, expect, it } from 'vitest';
import { createSimulatedAppServer } from '../../src/index';
import { createPiNetwork, type PiNetwork } from '../../src/index';

function world(basePath?: string) {
  const network = createPiNetwork({
    seed: 3,
    users: [
      { username: 'alice', balance: 100 },
      { username: 'bob', balance: 100 },
    ],
  });
  const app = createSimulatedAppServer(network, basePath ? { basePath } : {});
  const post = (path: string, body: unknown, method = 'POST') =>
    app.fetch(
      new Request(`http://app.test${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(method === 'GET' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
    );
  return { network, app, post };
}

function newPayment(network: PiNetwork, user = 'alice') {
  const { accessToken } = network.authenticate(user, ['payments']);
  const payment = network.createPayment(user, { amount: 2, memo: 'tea', metadata: { orderId: 1 } });
  return { accessToken, paymentId: payment.identifier };
}

async function errorOf(response: Response) {
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
}

describe('createSimulatedAppServer: the contract routes', () => {
  it('approve checks the user with /v2/me and approves the payment', async () => {
    const { network, post } = world();
    const { accessToken, paymentId } = newPayment(network);
    const response = await post('/api/pi/approve', { paymentId, accessToken });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ payment: { identifier: paymentId, status: { developer_approved: true } } });
    expect(network.getPayment(paymentId)?.status.developer_approved).toBe(true);
  });

  it('approve is idempotent (callbacks are retried)', async () => {
    const { network, post } = world();
    const { accessToken, paymentId } = newPayment(network);
    expect((await post('/api/pi/approve', { paymentId, accessToken })).status).toBe(200);
    expect((await post('/api/pi/approve', { paymentId, accessToken })).status).toBe(200);
  });

  it("approve refuses a bad access token (401) and another user's payment (403)", async () => {
    const { network, post } = world();
    const { paymentId } = newPayment(network);
    expect(await errorOf(await post('/api/pi/approve', { paymentId, accessToken: 'forged' }))).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_token' } },
    });
    const bob = network.authenticate('bob', ['payments']);
    expect(await errorOf(await post('/api/pi/approve', { paymentId, accessToken: bob.accessToken }))).toMatchObject({
      status: 403,
      body: { error: { code: 'payment_user_mismatch' } },
    });
    expect(network.getPayment(paymentId)?.status.developer_approved).toBe(false);
  });

  it('approve of an unknown payment answers 404 payment_not_found', async () => {
    const { network, post } = world();
    const { accessToken } = network.authenticate('alice', ['payments']);
    expect(await errorOf(await post('/api/pi/approve', { paymentId: 'nope', accessToken }))).toMatchObject({
      status: 404,
      body: { error: { code: 'payment_not_found' } },
    });
  });

  it('approve of a cancelled payment answers 409 payment_cancelled', async () => {
    const { network, post } = world();
    const { accessToken, paymentId } = newPayment(network);
    network.cancelByUser(paymentId);
    expect((await errorOf(await post('/api/pi/approve', { paymentId, accessToken }))).body.error.code).toBe('payment_cancelled');
  });

  it('complete needs the transaction Pi recorded and the matching txid; it is idempotent', async () => {
    const { network, post } = world();
    const { accessToken, paymentId } = newPayment(network);
    expect(await errorOf(await post('/api/pi/complete', { paymentId, txid: 'abc', accessToken }))).toMatchObject({
      status: 409,
      body: { error: { code: 'missing_transaction' } },
    });
    network.approvePayment(paymentId);
    const { transaction } = network.submitTransaction(paymentId);
    const txid = transaction?.txid ?? '';
    expect(await errorOf(await post('/api/pi/complete', { paymentId, txid: 'f'.repeat(64), accessToken }))).toMatchObject({
      status: 409,
      body: { error: { code: 'txid_mismatch' } },
    });
    const done = await post('/api/pi/complete', { paymentId, txid, accessToken });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ payment: { status: { developer_completed: true } } });
    expect((await post('/api/pi/complete', { paymentId, txid })).status).toBe(200);
  });

  it('cancel cancels an open payment, is idempotent, and refuses a paid one', async () => {
    const { network, post } = world();
    const open = newPayment(network);
    const cancelled = await post('/api/pi/cancel', { paymentId: open.paymentId });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ payment: { status: { cancelled: true } } });
    expect((await post('/api/pi/cancel', { paymentId: open.paymentId })).status).toBe(200);

    const paid = newPayment(network);
    network.approvePayment(paid.paymentId);
    network.submitTransaction(paid.paymentId);
    expect(await errorOf(await post('/api/pi/cancel', { paymentId: paid.paymentId }))).toMatchObject({
      status: 409,
      body: { error: { code: 'payment_has_transaction' } },
    });
  });

  it("incomplete completes a paid payment with Pi's txid (never the browser's) and cancels an unpaid one", async () => {
    const { network, post } = world();
    const paid = newPayment(network);
    network.approvePayment(paid.paymentId);
    network.submitTransaction(paid.paymentId);
    const resolved = await post('/api/pi/incomplete', { paymentId: paid.paymentId, txid: 'forged' });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ outcome: 'completed', payment: { status: { developer_completed: true } } });

    const unpaid = newPayment(network);
    const cancelled = await post('/api/pi/incomplete', { paymentId: unpaid.paymentId, txid: null });
    expect(await cancelled.json()).toMatchObject({ outcome: 'cancelled', payment: { status: { cancelled: true } } });
    const again = await post('/api/pi/incomplete', { paymentId: paid.paymentId, txid: null });
    expect(await again.json()).toMatchObject({ outcome: 'completed' });
  });

  it.each([
    ['not json', 400, 'invalid_json'],
    [{ paymentId: 1, accessToken: 'x' }, 400, 'invalid_body'],
    [{ paymentId: 'p' }, 400, 'invalid_body'],
    [[], 400, 'invalid_body'],
  ])('bad body %j answers %i %s', async (body, status, code) => {
    const { post } = world();
    expect(await errorOf(await post('/api/pi/approve', body))).toMatchObject({ status, body: { error: { code } } });
  });

  it('unknown routes answer 404, other methods 405', async () => {
    const { post } = world();
    expect((await errorOf(await post('/api/pi/refund', {}))).status).toBe(404);
    expect((await errorOf(await post('/elsewhere', {}))).status).toBe(404);
    expect(await errorOf(await post('/api/pi/approve', null, 'GET'))).toMatchObject({
      status: 405,
      body: { error: { code: 'method_not_allowed' } },
    });
  });

  it('a custom basePath is honoured', async () => {
    const { network, post } = world('/pay/');
    const { accessToken, paymentId } = newPayment(network);
    expect((await post('/pay/approve', { paymentId, accessToken })).status).toBe(200);
    expect((await post('/api/pi/approve', { paymentId, accessToken })).status).toBe(404);
  });

  it('Pi being down answers 502 pi_unavailable', async () => {
    const { network, post } = world();
    const { accessToken, paymentId } = newPayment(network);
    network.faults.inject({ api: 'platform', status: 503, html: true, times: 10 });
    const answer = await errorOf(await post('/api/pi/approve', { paymentId, accessToken }));
    expect(answer).toMatchObject({ status: 502, body: { error: { code: 'pi_unavailable' } } });
  });

  it('logs every call as an app.<route> event', async () => {
    const { network, post } = world();
    const { accessToken, paymentId } = newPayment(network);
    await post('/api/pi/approve', { paymentId, accessToken });
    expect(network.events.find((event) => event.type === 'app.approve')).toMatchObject({ paymentId, status: 200 });
  });
});
