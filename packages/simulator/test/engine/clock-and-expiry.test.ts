/**
 * What the console's scenarios rest on in the engine: advancing the clock, expiring a payment now,
 * listing the ledger, and what an `api.call` event says about the call.
 */
import { describe, expect, it } from 'vitest';
import { PiNetworkError } from '../../src/engine/errors';
import { createPiNetwork } from '../../src/network/create-pi-network';

const START = Date.UTC(2026, 0, 1);

function setup() {
  let t = START;
  const network = createPiNetwork({ seed: 7, now: () => t });
  return { network, tick: (ms: number) => (t += ms) };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof PiNetworkError) return error.code;
    throw error;
  }
  throw new Error('expected a PiNetworkError');
}

describe('advanceClock', () => {
  it('moves the clock ahead on top of options.now and logs the jump', () => {
    const { network, tick } = setup();
    expect(network.advanceClock(5_000)).toBe(START + 5_000);
    tick(1_000);
    expect(network.now()).toBe(START + 6_000);
    network.advanceClock(4_000);
    expect(network.clockAdvancedMs).toBe(9_000);
    expect(network.events.filter((e) => e.type === 'clock.advanced')).toMatchObject([
      { ms: 5_000, offsetMs: 5_000 },
      { ms: 4_000, offsetMs: 9_000, at: START + 10_000 },
    ]);
  });

  it('expires an unapproved payment once the jump passes its approval timeout (payments.md)', () => {
    const { network } = setup();
    const payment = network.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
    network.advanceClock(network.timings.approvalTimeoutMs - 1);
    expect(network.getPayment(payment.identifier)?.status.cancelled).toBe(false);
    network.advanceClock(1);
    const cancelled = network.events.find((e) => e.type === 'payment.cancelled');
    expect(cancelled).toMatchObject({ reason: 'expired', payment: { identifier: payment.identifier } });
    expect(network.getPayment(payment.identifier)?.status.cancelled).toBe(true);
  });

  it('ends access tokens past their validity', () => {
    const { network } = setup();
    const { accessToken } = network.authenticate('alice', ['username']);
    expect(network.me(accessToken)?.username).toBe('alice');
    network.advanceClock(network.timings.accessTokenTtlMs);
    expect(network.me(accessToken)).toBeUndefined();
  });

  it('refuses a negative or non-finite jump, and changes nothing', () => {
    const { network } = setup();
    for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY, '5' as unknown as number]) {
      expect(codeOf(() => network.advanceClock(ms))).toBe('invalid_arguments');
    }
    expect(network.now()).toBe(START);
  });
});

describe('expirePayment', () => {
  it('cancels an open U2A payment with reason expired, approved or not', () => {
    const { network } = setup();
    const first = network.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
    expect(network.expirePayment(first.identifier).status.cancelled).toBe(true);
    const second = network.createPayment('bob', { amount: 1, memo: 'm', metadata: {} });
    network.approvePayment(second.identifier);
    network.expirePayment(second.identifier);
    const reasons = network.events.flatMap((e) => (e.type === 'payment.cancelled' ? [[e.payment.identifier, e.reason]] : []));
    expect(reasons).toEqual([
      [first.identifier, 'expired'],
      [second.identifier, 'expired'],
    ]);
    // Pi's answer to approving an expired payment.
    expect(codeOf(() => network.approvePayment(first.identifier))).toBe('cancelled_payment');
  });

  it('refuses a payment with a transaction, a closed one, an A2U one and an unknown one', () => {
    const { network } = setup();
    const signed = network.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
    network.approvePayment(signed.identifier);
    network.submitTransaction(signed.identifier);
    expect(codeOf(() => network.expirePayment(signed.identifier))).toBe('payment_tx_present');
    const cancelled = network.createPayment('bob', { amount: 1, memo: 'm', metadata: {} });
    network.cancelPayment(cancelled.identifier);
    expect(codeOf(() => network.expirePayment(cancelled.identifier))).toBe('invalid_arguments');
    const a2u = network.createAppPayment({ amount: 1, memo: 'refund', metadata: {}, uid: network.user('bob').uid });
    expect(codeOf(() => network.expirePayment(a2u.identifier))).toBe('invalid_arguments');
    expect(codeOf(() => network.expirePayment('nope'))).toBe('payment_not_found');
  });
});

describe('transactions', () => {
  it('lists the ledger oldest first, as transaction(hash) shows each', () => {
    const { network } = setup();
    const hashes: string[] = [];
    for (const user of ['alice', 'bob']) {
      const p = network.createPayment(user, { amount: 2, memo: user, metadata: {} });
      network.approvePayment(p.identifier);
      hashes.push(network.submitTransaction(p.identifier).transaction?.txid ?? '');
    }
    const all = network.transactions();
    expect(all.map((tx) => tx.hash)).toEqual(hashes);
    expect(all[0]).toEqual(network.transaction(hashes[0] ?? ''));
    expect(all[1]?.operations[0]).toMatchObject({ from: network.user('bob').walletAddress, to: network.app.walletAddress, amount: 2 });
  });
});

describe('api.call events', () => {
  it('carry the duration and the payment the call concerned', async () => {
    const { network } = setup();
    const headers = { Authorization: `Key ${network.app.apiKey}`, 'Content-Type': 'application/json' };
    const p = network.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
    await network.platformApi(new Request(`http://pi/v2/payments/${p.identifier}/approve`, { method: 'POST', headers }));
    const created = await network.platformApi(
      new Request('http://pi/v2/payments', {
        method: 'POST',
        headers,
        body: JSON.stringify({ payment: { amount: 1, memo: 'r', metadata: {}, uid: network.user('bob').uid } }),
      }),
    );
    const a2uId = ((await created.json()) as { identifier: string }).identifier;
    await network.platformApi(new Request('http://pi/v2/payments/%E0%A4%A/approve', { method: 'POST', headers }));
    const calls = network.events.flatMap((e) => (e.type === 'api.call' ? [e] : []));
    expect(calls.map((c) => [c.path, c.paymentId])).toEqual([
      [`/v2/payments/${p.identifier}/approve`, p.identifier],
      ['/v2/payments', a2uId],
      ['/v2/payments/%E0%A4%A/approve', '%E0%A4%A'],
    ]);
    for (const call of calls) expect(call.durationMs).toBeGreaterThanOrEqual(0);
  });
});
