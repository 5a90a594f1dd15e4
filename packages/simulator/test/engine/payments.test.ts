import { describe, expect, it } from 'vitest';
import { createPiNetwork } from '../../src/network/create-pi-network';
import { PiNetworkError } from '../../src/engine/errors';
import type { PiNetwork } from '../../src/engine/types';

function clock(start = Date.UTC(2026, 0, 1)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function errorOf(fn: () => unknown): PiNetworkError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PiNetworkError) return error;
    throw error;
  }
  throw new Error('expected a PiNetworkError');
}

function setup(): { network: PiNetwork; time: ReturnType<typeof clock> } {
  const time = clock();
  return { network: createPiNetwork({ seed: 1, now: time.now }), time };
}

describe('U2A payment flow (the community guide: approve, sign, complete)', () => {
  it('moves π from the user to the app, with every PaymentDTO flag on the way', () => {
    const { network } = setup();
    const alice = network.user('alice');
    const created = network.createPayment('alice', { amount: 3.1415, memo: 'Digital kitten #1234', metadata: { orderId: 1234 } });
    expect(created).toMatchObject({
      user_uid: alice.uid,
      amount: 3.1415,
      memo: 'Digital kitten #1234',
      metadata: { orderId: 1234 },
      from_address: alice.walletAddress,
      to_address: network.app.walletAddress,
      direction: 'user_to_app',
      network: 'Pi Testnet',
      created_at: '2026-01-01T00:00:00.000Z',
      status: {
        developer_approved: false,
        transaction_verified: false,
        developer_completed: false,
        cancelled: false,
        user_cancelled: false,
      },
      transaction: null,
    });
    expect(created.identifier).toMatch(/^[A-Za-z0-9]{28}$/);

    const approved = network.approvePayment(created.identifier);
    expect(approved.status.developer_approved).toBe(true);

    const submitted = network.submitTransaction(created.identifier);
    expect(submitted.transaction).not.toBeNull();
    const tx = submitted.transaction!;
    expect(tx.txid).toMatch(/^[0-9a-f]{64}$/);
    expect(tx.verified).toBe(true);
    expect(tx._link).toBe(`https://api.testnet.minepi.com/transactions/${tx.txid}`);
    expect(submitted.status.transaction_verified).toBe(true);
    expect(network.balanceOf(alice.walletAddress)).toBe(100 - 3.1415 - 0.01);
    expect(network.balanceOf(network.app.walletAddress)).toBe(1000 + 3.1415);
    expect(network.incompletePaymentOf('alice')?.identifier).toBe(created.identifier);

    const completed = network.completePayment(created.identifier, tx.txid);
    expect(completed.status.developer_completed).toBe(true);
    expect(network.incompletePaymentOf('alice')).toBeNull();
    expect(network.openPaymentOf('alice')).toBeNull();
    expect(network.events.map((e) => e.type).filter((t) => t.startsWith('payment.'))).toEqual([
      'payment.created',
      'payment.approved',
      'payment.transaction',
      'payment.completed',
    ]);
  });

  it('refuses to sign an unapproved payment and a payment the wallet cannot afford', () => {
    const { network } = setup();
    const p = network.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
    expect(errorOf(() => network.submitTransaction(p.identifier)).code).toBe('not_approved');
    network.approvePayment(p.identifier);
    network.setBalance('alice', 1.005);
    const error = errorOf(() => network.submitTransaction(p.identifier));
    expect(error.code).toBe('insufficient_funds');
    expect(network.getPayment(p.identifier)?.transaction).toBeNull();
    expect(network.balanceOf('alice')).toBe(1.005);
  });

  it('returns copies, never live objects', () => {
    const { network } = setup();
    const p = network.createPayment('alice', { amount: 1, memo: 'm', metadata: { a: 1 } });
    p.status.developer_approved = true;
    (p.metadata as { a: number }).a = 2;
    expect(network.getPayment(p.identifier)).toMatchObject({ status: { developer_approved: false }, metadata: { a: 1 } });
  });
});

describe('determinism', () => {
  it('issues the same ids, keys, tokens and txids for the same seed and clock', () => {
    const run = () => {
      const time = clock();
      const network = createPiNetwork({ seed: 42, now: time.now });
      const auth = network.authenticate('bob', ['username', 'payments']);
      const p = network.createPayment('bob', { amount: 2, memo: 'x', metadata: {} });
      network.approvePayment(p.identifier);
      const tx = network.submitTransaction(p.identifier).transaction;
      return { app: network.app, users: network.users(), auth, id: p.identifier, tx };
    };
    const a = run();
    expect(run()).toEqual(a);
    const other = createPiNetwork({ seed: 43 });
    expect(other.app.walletAddress).not.toBe(a.app.walletAddress);
    expect(other.user('alice').uid).not.toBe(a.users[0]!.uid);
  });
});
