import type { PaymentDTO } from '@pi-kit/core';
import { describe, expect, it, vi } from 'vitest';
import { createPiNetwork } from '../../src/network/create-pi-network';
import { PiNetworkError } from '../../src/engine/errors';
import type { PiNetwork, SimEvent } from '../../src/engine/types';
import { START, testNetwork } from '../platform/test-network';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof PiNetworkError) return error.code;
    throw error;
  }
  return 'no error';
}

const data = { amount: 1, memo: 'm', metadata: {} };

describe('expiry of unapproved payments (lazy, from the clock)', () => {
  it('cancels an unapproved U2A payment after approvalTimeoutMs, with a payment.cancelled event', () => {
    const { network, advance } = testNetwork({ timings: { approvalTimeoutMs: 60_000 } });
    const p = network.createPayment('alice', data);
    advance(59_999);
    expect(network.getPayment(p.identifier)?.status.cancelled).toBe(false);
    advance(1);
    expect(network.getPayment(p.identifier)?.status).toMatchObject({ cancelled: true, user_cancelled: false });
    expect(network.openPaymentOf('alice')).toBeNull();
    expect(network.events.filter((e) => e.type === 'payment.cancelled')).toEqual([
      expect.objectContaining({ reason: 'expired', at: START + 60_000, payment: expect.objectContaining({ identifier: p.identifier }) }),
    ]);
  });

  it('does not expire an approved payment', () => {
    const { network, advance, approvedPayment } = testNetwork();
    const id = approvedPayment();
    advance(10 * 60_000);
    expect(network.getPayment(id)?.status.cancelled).toBe(false);
    expect(network.submitTransaction(id).transaction).not.toBeNull();
  });

  it('reports expiry to listeners on sweep() with no other call, and works with vi.useFakeTimers', () => {
    vi.useFakeTimers({ now: START });
    try {
      const network = createPiNetwork({ seed: 1 });
      const seen: SimEvent[] = [];
      network.on((e) => seen.push(e));
      const p = network.createPayment('bob', data);
      vi.advanceTimersByTime(network.timings.approvalTimeoutMs);
      network.sweep();
      expect(seen.at(-1)).toMatchObject({ type: 'payment.cancelled', reason: 'expired', payment: { identifier: p.identifier } });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('concurrent payments (payments.md)', () => {
  it('cancels an open payment without a transaction when the user creates a new one', () => {
    const { network } = testNetwork();
    const first = network.createPayment('alice', data);
    const second = network.createPayment('alice', data);
    expect(network.getPayment(first.identifier)?.status.cancelled).toBe(true);
    expect(network.openPaymentOf('alice')?.identifier).toBe(second.identifier);
    expect(network.events.find((e) => e.type === 'payment.cancelled')).toMatchObject({ reason: 'replaced' });
  });

  it('rejects the new payment when the open one has a transaction, carrying the pending payment', () => {
    const { network, approvedPayment } = testNetwork();
    const id = approvedPayment();
    network.submitTransaction(id);
    let error: unknown;
    try {
      network.createPayment('alice', data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PiNetworkError);
    expect(error).toMatchObject({ code: 'ongoing_payment_found', payment: { identifier: id } });
    expect(network.incompletePaymentOf('alice')?.identifier).toBe(id);
    expect(network.payments()).toHaveLength(1);
  });

  it('does not touch other users', () => {
    const { network } = testNetwork();
    const a = network.createPayment('alice', data);
    network.createPayment('bob', data);
    expect(network.getPayment(a.identifier)?.status.cancelled).toBe(false);
  });
});

describe('user actions', () => {
  it('cancelByUser sets user_cancelled (reason user or insufficient_funds), and refuses once a transaction exists', () => {
    const { network, approvedPayment } = testNetwork();
    const p = network.createPayment('alice', data);
    expect(network.cancelByUser(p.identifier).status).toMatchObject({ user_cancelled: true, cancelled: false });
    const q = network.createPayment('bob', data);
    network.cancelByUser(q.identifier, 'insufficient_funds');
    expect(network.events.filter((e) => e.type === 'payment.cancelled').map((e) => (e as { reason: string }).reason)).toEqual([
      'user',
      'insufficient_funds',
    ]);
    const id = approvedPayment('alice');
    network.submitTransaction(id);
    expect(codeOf(() => network.cancelByUser(id))).toBe('payment_tx_present');
  });

  it('submitTransaction refuses cancelled, already-submitted, A2U and unknown payments', () => {
    const { network, approvedPayment } = testNetwork();
    const p = network.createPayment('alice', data);
    network.cancelByUser(p.identifier);
    expect(codeOf(() => network.submitTransaction(p.identifier))).toBe('cancelled_payment');
    const id = approvedPayment('bob');
    network.submitTransaction(id);
    expect(codeOf(() => network.submitTransaction(id))).toBe('payment_tx_present');
    const a2u = network.createAppPayment({ amount: 1, memo: 'm', metadata: {}, uid: network.user('alice').uid });
    expect(codeOf(() => network.submitTransaction(a2u.identifier))).toBe('invalid_arguments');
    expect(codeOf(() => network.submitTransaction('nope'))).toBe('payment_not_found');
  });
});

describe('validation', () => {
  it('refuses bad payment data with invalid_amount / invalid_arguments / invalid_metadata', () => {
    const { network } = testNetwork();
    const bad: Array<[unknown, string]> = [
      [{ amount: 0, memo: 'm', metadata: {} }, 'invalid_amount'],
      [{ amount: Number.NaN, memo: 'm', metadata: {} }, 'invalid_amount'],
      [{ amount: Number.POSITIVE_INFINITY, memo: 'm', metadata: {} }, 'invalid_amount'],
      [{ amount: 1.00000001, memo: 'm', metadata: {} }, 'invalid_amount'],
      [{ amount: '1', memo: 'm', metadata: {} }, 'invalid_amount'],
      [{ amount: 1, memo: null, metadata: {} }, 'invalid_arguments'],
      [{ amount: 1, memo: 'm', metadata: null }, 'invalid_metadata'],
      [{ amount: 1, memo: 'm', metadata: new Date() }, 'invalid_metadata'],
      [{ amount: 1, memo: 'm', metadata: { big: 'x'.repeat(20_000) } }, 'invalid_metadata'],
      [null, 'invalid_arguments'],
    ];
    for (const [d, code] of bad)
      expect(
        codeOf(() => network.createPayment('alice', d as never)),
        JSON.stringify(d),
      ).toBe(code);
    expect(network.payments()).toEqual([]);
    expect(codeOf(() => network.createPayment('nobody', data))).toBe('user_not_found');
  });

  it('keeps 7 decimal places exactly (integer stroops inside)', () => {
    const { network, approvedPayment } = testNetwork();
    network.setBalance('alice', 0.3);
    network.setBalance('bob', 1);
    const id = approvedPayment('alice', 0.1);
    network.submitTransaction(id);
    expect(network.balanceOf('alice')).toBe(0.19);
    expect(network.getPayment(id)?.amount).toBe(0.1);
    expect(network.balanceOf(network.app.walletAddress)).toBe(1000.1);
  });

  it('validates options and users', () => {
    expect(codeOf(() => createPiNetwork({ network: 'Pi Mainnet' as never }))).toBe('invalid_arguments');
    expect(codeOf(() => createPiNetwork({ app: { walletSecret: 'SNOTASECRET' } }))).toBe('invalid_arguments');
    expect(codeOf(() => createPiNetwork({ users: [{ username: 'a', balance: -1 }] }))).toBe('invalid_amount');
    expect(codeOf(() => createPiNetwork({ users: [{ username: 'a' }, { username: 'a' }] }))).toBe('invalid_arguments');
    expect(codeOf(() => createPiNetwork({ timings: { approvalTimeoutMs: -1 } }))).toBe('invalid_arguments');
    expect(codeOf(() => createPiNetwork({ now: 5 as never }))).toBe('invalid_arguments');
    expect(codeOf(() => createPiNetwork({ horizonUrl: 'not a url' }))).toBe('invalid_arguments');
    expect(codeOf(() => createPiNetwork({ baseFee: 1 }))).toBe('invalid_arguments');
    const network = createPiNetwork({ users: [] });
    expect(network.users()).toEqual([]);
    expect(codeOf(() => network.user('alice'))).toBe('user_not_found');
  });

  it('uses the given app key, wallet secret and balances, and the Mainnet Horizon for "Pi Network"', () => {
    const valid = createPiNetwork({ seed: 1 }).app.walletSecret;
    const network = createPiNetwork({
      network: 'Pi Network',
      app: { apiKey: 'my-key', walletSecret: valid, balance: 5 },
      users: [{ username: 'carol', balance: 7, uid: 'uid-carol' }],
    });
    expect(network.app).toMatchObject({ apiKey: 'my-key', walletSecret: valid, network: 'Pi Network' });
    expect(network.balanceOf(network.app.walletAddress)).toBe(5);
    expect(network.user('uid-carol').username).toBe('carol');
    expect(network.balanceOf(network.user('carol').walletAddress)).toBe(7);
    expect(network.horizonUrl).toBe('https://api.mainnet.minepi.com');
  });
});

describe('events', () => {
  it('numbers events, stamps them with the clock, freezes them and lets listeners unsubscribe', () => {
    const { network, advance } = testNetwork();
    const seen: string[] = [];
    const off = network.on((e) => seen.push(e.type));
    advance(1000);
    const p = network.createPayment('alice', data);
    off();
    network.approvePayment(p.identifier);
    expect(seen).toEqual(['payment.created']);
    const created = network.events.find((e) => e.type === 'payment.created')!;
    expect(created.at).toBe(START + 1000);
    expect(Object.isFrozen(created)).toBe(true);
    const seqs = network.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('logs each payment event with a deep-frozen snapshot of that moment, apart from the copies callers get', () => {
    const { network } = testNetwork();
    const p = network.createPayment('alice', { amount: 1, memo: 'm', metadata: { order: { id: 7 } } });
    network.approvePayment(p.identifier);
    const tx = network.submitTransaction(p.identifier).transaction!;
    const completed = network.completePayment(p.identifier, tx.txid);
    const snapshots = network.events.flatMap((e): PaymentDTO[] =>
      e.type.startsWith('payment.') ? [(e as { payment: PaymentDTO }).payment] : [],
    );
    expect(snapshots.map((s) => [s.status.developer_approved, s.status.developer_completed, s.transaction?.txid ?? null])).toEqual([
      [false, false, null],
      [true, false, null],
      [true, false, tx.txid],
      [true, true, tx.txid],
    ]);
    for (const s of snapshots) {
      expect(Object.isFrozen(s) && Object.isFrozen(s.status) && Object.isFrozen(s.metadata)).toBe(true);
      expect(Object.isFrozen(s.metadata.order)).toBe(true);
      if (s.transaction) expect(Object.isFrozen(s.transaction)).toBe(true);
    }
    // What callers get back stays theirs to change, and changing it touches neither the log nor the network.
    (completed.metadata.order as { id: number }).id = 8;
    completed.transaction!.verified = false;
    completed.status.cancelled = true;
    expect(snapshots.at(-1)).toMatchObject({
      metadata: { order: { id: 7 } },
      transaction: { verified: true },
      status: { cancelled: false },
    });
    expect(network.getPayment(p.identifier)).toMatchObject({ metadata: { order: { id: 7 } }, transaction: { verified: true } });
  });

  it('copies a logged event as an object spread would, an own __proto__ key included', () => {
    const { network } = testNetwork();
    const input = JSON.parse('{"type":"app.custom","__proto__":{"polluted":true},"n":1}') as SimEvent;
    const event = network.log(input);
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(Object.hasOwn(event, '__proto__')).toBe(true);
    expect((event as unknown as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(event)).toEqual(['type', '__proto__', 'n', 'seq', 'at']);
    expect(network.log({ type: 'app.plain', n: 2 } as unknown as SimEvent)).toMatchObject({ type: 'app.plain', n: 2 });
  });

  it('accepts custom events from the SDK with log()', () => {
    const { network } = testNetwork();
    const event = network.log({ type: 'sdk.callback', name: 'onReadyForServerApproval', paymentId: 'x' });
    expect(network.events.at(-1)).toBe(event);
    expect(event).toMatchObject({ type: 'sdk.callback', name: 'onReadyForServerApproval', seq: expect.any(Number) });
  });

  it('keeps the network consistent when a listener throws', async () => {
    const { network } = testNetwork();
    const errors: unknown[] = [];
    const original = queueMicrotask;
    globalThis.queueMicrotask = (fn) =>
      original(() => {
        try {
          fn();
        } catch (e) {
          errors.push(e);
        }
      });
    try {
      network.on(() => {
        throw new Error('listener bug');
      });
      const p = network.createPayment('alice', data);
      expect(network.getPayment(p.identifier)).toBeDefined();
      await Promise.resolve();
      expect(errors).toEqual([new Error('listener bug')]);
    } finally {
      globalThis.queueMicrotask = original;
    }
  });
});

describe('access tokens', () => {
  it('grants the requested scopes until the TTL', () => {
    const { network, advance } = testNetwork({ timings: { accessTokenTtlMs: 1000 } });
    const auth = network.authenticate('alice', ['username', 'payments', 'wallet_address']);
    expect(auth.user.username).toBe('alice');
    expect(network.me(auth.accessToken)?.credentials.scopes).toEqual(['username', 'payments', 'wallet_address']);
    advance(1000);
    expect(network.me(auth.accessToken)).toBeUndefined();
    expect(network.me('nope')).toBeUndefined();
  });
});

function flows(network: PiNetwork, n: number): void {
  for (let i = 0; i < n; i++) {
    const p = network.createPayment('alice', data);
    network.approvePayment(p.identifier);
    const tx = network.submitTransaction(p.identifier).transaction!;
    network.completePayment(p.identifier, tx.txid);
  }
}

describe('ledger consistency over many flows', () => {
  it('conserves π: what users lose, the app gains, plus fees', () => {
    const { network } = testNetwork();
    network.setBalance('alice', 1000);
    flows(network, 50);
    expect(network.balanceOf('alice')).toBe(1000 - 50 * 1.01);
    expect(network.balanceOf(network.app.walletAddress)).toBe(1050);
    expect(network.payments().every((p) => p.status.developer_completed)).toBe(true);
  });
});

describe('metadata from another realm', () => {
  it('accepts a plain object created in another realm (vm context)', async () => {
    const vm = await import('node:vm');
    const { network } = testNetwork();
    const foreign = vm.runInNewContext('({ orderId: 7, items: [1, 2] })') as Record<string, unknown>;
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    expect(network.createPayment('alice', { amount: 1, memo: 'm', metadata: foreign }).metadata).toEqual({ orderId: 7, items: [1, 2] });
    class Order {
      id = 1;
    }
    expect(codeOf(() => network.createPayment('bob', { amount: 1, memo: 'm', metadata: new Order() as never }))).toBe('invalid_metadata');
  });
});

describe('A2U is Testnet only (payments_advanced.md: "currently available only on the Testnet")', () => {
  it('refuses POST /v2/payments on Pi Network with 403 forbidden, and creates nothing', async () => {
    const network = createPiNetwork({ network: 'Pi Network', seed: 3, users: [{ username: 'alice' }] });
    const uid = network.user('alice').uid;
    expect(codeOf(() => network.createAppPayment({ ...data, uid }))).toBe('forbidden');
    const answer = await network.platformApi(
      new Request('https://api.minepi.com/v2/payments', {
        method: 'POST',
        headers: { Authorization: `Key ${network.app.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ payment: { ...data, uid } }),
      }),
    );
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ error: 'forbidden', error_message: expect.stringContaining('Testnet') });
    expect(network.payments()).toEqual([]);
  });

  it('creates A2U payments on Pi Testnet', () => {
    const network = createPiNetwork({ seed: 3, users: [{ username: 'alice' }] });
    expect(network.createAppPayment({ ...data, uid: network.user('alice').uid }).direction).toBe('app_to_user');
  });
});
