/**
 * The A2U client end to end on the simulated Platform API and Horizon (msw), with the
 * real @stellar/stellar-sdk: create → submit → complete, double submissions refused,
 * serialised submissions, Horizon 5xx and tx_too_early retried, recovery, seed validation.
 */
import { inspect } from 'node:util';
import { Keypair } from '@stellar/stellar-sdk';
import type { PiNetwork } from '@pi-kit/simulator';
import { beforeEach, describe, expect, it } from 'vitest';
import { createA2UClient, type A2UClient } from '../src/a2u/client';
import { A2UError } from '../src/a2u/errors';
import { a2uModuleOfAnotherProcess } from './support/a2u-process';
import { useSimulatedNetwork, userPays } from './support/sim';
import { rejectionOf } from './support/rejection';

// Several open A2U payments at once (concurrent submissions, recovery of two): Pi's per-user reading
// of the ongoing-payment rule. The default, one per app, is tested in a2u-ongoing.test.ts.
const sim = useSimulatedNetwork(() => ({ ongoingA2U: 'user' }));
let network: PiNetwork;
let a2u: A2UClient;
beforeEach(() => {
  network = sim.network;
  a2u = createA2UClient({
    logger: false,
    apiKey: network.app.apiKey,
    walletSeed: network.app.walletSecret,
    platform: { retryDelayMs: 1 },
    retryDelayMs: 1,
  });
});

const rejection = (promise: Promise<unknown>) => rejectionOf(A2UError, promise);

const refund = () => ({ amount: 1.25, memo: 'Refund of order o-1', metadata: { refund: 'o-1' }, uid: network.user('bob').uid });

describe('A2U', () => {
  it('pays a user end to end: create → submit → complete; the π moves on the ledger with memo = payment id', async () => {
    const bob = network.user('bob');
    const before = network.balanceOf(bob.walletAddress);
    const payment = await a2u.pay(refund());
    expect(payment.direction).toBe('app_to_user');
    expect(payment.status.developer_completed).toBe(true);
    expect(network.balanceOf(bob.walletAddress)).toBeCloseTo(before + 1.25, 7);
    const tx = network.transaction(payment.transaction!.txid)!;
    expect(tx).toMatchObject({ memo: payment.identifier, source: network.app.walletAddress, successful: true });
    expect(tx.operations).toEqual([expect.objectContaining({ to: bob.walletAddress, amount: 1.25 })]);
    expect(await a2u.getIncompleteServerPayments()).toEqual([]);
  });

  it('refuses a double submit (sequential and concurrent): one transaction, the user paid once', async () => {
    const bob = network.user('bob');
    const before = network.balanceOf(bob.walletAddress);
    const payment = await a2u.createPayment(refund());
    const txid = await a2u.submitPayment(payment.identifier);
    expect((await rejection(a2u.submitPayment(payment.identifier))).code).toBe('payment_has_txid');

    const second = await a2u.createPayment({ ...refund(), uid: network.user('alice').uid });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => a2u.submitPayment(second.identifier)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as A2UError).code).toBe('payment_has_txid');
    expect(network.balanceOf(bob.walletAddress)).toBeCloseTo(before + 1.25, 7);
    expect((await a2u.completePayment(payment.identifier, txid)).status.developer_completed).toBe(true);
  });

  it('serialises submissions of one wallet: concurrent payments to several users all land', async () => {
    const users = ['carol', 'dave', 'erin'].map((username) => network.addUser({ username }));
    const payments = await Promise.all(users.map((u) => a2u.createPayment({ amount: 0.5, memo: 'gift', metadata: {}, uid: u.uid })));
    const txids = await Promise.all(payments.map((p) => a2u.submitPayment(p.identifier)));
    expect(new Set(txids).size).toBe(3);
    for (const u of users) expect(network.balanceOf(u.walletAddress)).toBeCloseTo(100.5, 7);
  });

  it('retries Horizon 5xx and tx_too_early, then submits once', async () => {
    const payment = await a2u.createPayment(refund());
    network.faults.inject({ api: 'horizon', route: 'POST /transactions', html: true, status: 503, times: 1 });
    network.faults.inject({
      api: 'horizon',
      route: 'POST /transactions',
      status: 400,
      times: 1,
      body: {
        type: 'https://stellar.org/horizon-errors/transaction_failed',
        title: 'Transaction Failed',
        status: 400,
        extras: { result_codes: { transaction: 'tx_too_early' } },
      },
    });
    const txid = await a2u.submitPayment(payment.identifier);
    expect(network.transaction(txid)?.successful).toBe(true);
    expect(network.events.filter((e) => e.type === 'ledger.transaction' && e.memo === payment.identifier)).toHaveLength(1);
  });

  it('a lost submission answer is resubmitted safely: paid once', async () => {
    const bob = network.user('bob');
    const before = network.balanceOf(bob.walletAddress);
    const payment = await a2u.createPayment(refund());
    network.faults.inject({ api: 'horizon', route: 'POST /transactions', drop: true, after: true, times: 1 });
    const txid = await a2u.submitPayment(payment.identifier);
    expect(network.transaction(txid)?.memo).toBe(payment.identifier);
    expect(network.balanceOf(bob.walletAddress)).toBeCloseTo(before + 1.25, 7);
  });

  it('out of attempts after tx_bad_seq, resolves the transaction of another process that paid the payment (no false transaction_failed)', async () => {
    const bob = network.user('bob');
    const before = network.balanceOf(bob.walletAddress);
    const payment = await a2u.createPayment(refund());
    const other = await clientOfAnotherProcess();
    const lastTry = createA2UClient({
      logger: false,
      apiKey: network.app.apiKey,
      walletSeed: network.app.walletSecret,
      horizonRetries: 0,
      retryDelayMs: 1,
    });
    // lastTry's submission is held on its way; meanwhile the other process pays the same payment on
    // the same sequence number, so lastTry's only attempt meets tx_bad_seq.
    let paidByOther: Promise<string> | undefined;
    network.faults.inject({
      api: 'horizon',
      route: 'POST /transactions',
      delayMs: 100,
      times: 1,
      predicate: () => {
        paidByOther = other.submitPayment(payment.identifier);
        return true;
      },
    });
    const txid = await lastTry.submitPayment(payment.identifier);
    expect(txid).toBe(await paidByOther);
    expect(network.balanceOf(bob.walletAddress)).toBeCloseTo(before + 1.25, 7);
    expect(network.events.filter((e) => e.type === 'ledger.transaction' && e.memo === payment.identifier)).toHaveLength(1);
  });

  it('gives up after the bounded retries with horizon_unavailable, nothing paid', async () => {
    const payment = await a2u.createPayment(refund());
    network.faults.inject({ api: 'horizon', route: 'POST /transactions', status: 500 });
    expect((await rejection(a2u.submitPayment(payment.identifier))).code).toBe('horizon_unavailable');
    expect(network.getPayment(payment.identifier)!.transaction).toBeNull();
  });

  it("reports a refused transaction (insufficient balance) as transaction_failed with Horizon's codes", async () => {
    network.setBalance(network.app.walletAddress, 1);
    const payment = await a2u.createPayment({ ...refund(), amount: 50 });
    const error = await rejection(a2u.submitPayment(payment.identifier));
    expect(error.code).toBe('transaction_failed');
    expect(error.resultCodes?.transaction).toBeDefined();
  });

  it('refuses a U2A payment, and a payment of another wallet', async () => {
    const { payment } = userPays(network);
    expect((await rejection(a2u.submitPayment(payment.identifier))).code).toBe('wrong_direction');
    const other = createA2UClient({ apiKey: network.app.apiKey, walletSeed: Keypair.random().secret(), logger: false });
    const a2uPayment = await a2u.createPayment(refund());
    expect((await rejection(other.submitPayment(a2uPayment.identifier))).code).toBe('wrong_source_wallet');
  });

  it('cancels a payment before its transaction', async () => {
    const payment = await a2u.createPayment(refund());
    expect((await a2u.cancelPayment(payment.identifier)).status.cancelled).toBe(true);
    expect((await rejection(a2u.submitPayment(payment.identifier))).code).toBe('payment_cancelled');
  });

  it('recovers incomplete payments: completes one already paid, submits and completes one never submitted', async () => {
    const paid = await a2u.createPayment(refund());
    await a2u.submitPayment(paid.identifier); // the process died before /complete
    const unsent = await a2u.createPayment({ ...refund(), uid: network.user('alice').uid }); // died before submit
    const report = await a2u.recoverIncompletePayments();
    expect(report).toEqual({ completed: [paid.identifier], submitted: [unsent.identifier], failed: [] });
    expect(await a2u.getIncompleteServerPayments()).toEqual([]);
  });

  it('processes sharing the app wallet (each with its own lock): concurrent payments all land, each once', async () => {
    const users = ['carol', 'dave', 'erin', 'frank'].map((username) => network.addUser({ username }));
    const payments = await Promise.all(users.map((u) => a2u.createPayment({ amount: 0.5, memo: 'gift', metadata: {}, uid: u.uid })));
    const processes = [a2u, await clientOfAnotherProcess(), await clientOfAnotherProcess(), await clientOfAnotherProcess()];
    // Each process builds on the same sequence number: all but one get tx_bad_seq, look, rebuild.
    const txids = await Promise.all(payments.map((p, i) => processes[i]!.submitPayment(p.identifier)));
    expect(new Set(txids).size).toBe(4);
    for (const u of users) expect(network.balanceOf(u.walletAddress)).toBeCloseTo(100.5, 7);
    for (const [i, p] of payments.entries()) expect(network.transaction(txids[i]!)?.memo).toBe(p.identifier);
  });

  it('one payment submitted by several processes at once is paid once', async () => {
    const bob = network.user('bob');
    const before = network.balanceOf(bob.walletAddress);
    const payment = await a2u.createPayment(refund());
    const processes = [a2u, await clientOfAnotherProcess(), await clientOfAnotherProcess()];
    const results = await Promise.allSettled(processes.map((p) => p.submitPayment(payment.identifier)));
    const txids = new Set(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
    expect(txids.size).toBe(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as A2UError).code).toBe('payment_has_txid');
    expect(network.balanceOf(bob.walletAddress)).toBeCloseTo(before + 1.25, 7);
    expect(network.events.filter((e) => e.type === 'ledger.transaction' && e.memo === payment.identifier)).toHaveLength(1);
  });

  it('never trusts a list of transactions that lags behind the account: it looks again, and finds the payment paid', async () => {
    const bob = network.user('bob');
    const wallet = network.app.walletAddress;
    await a2u.pay(refund()); // the wallet has a transaction of its own
    const list = `https://api.testnet.minepi.com/accounts/${wallet}/transactions?order=desc&limit=200`;
    const lagging = await (await fetch(list)).json();
    // Another process pays the payment; Pi has not linked the transaction yet, and the Horizon
    // answering the list has not ingested it (the one answering for the account has).
    const payment = await a2u.createPayment(refund());
    const paid = await (await clientOfAnotherProcess()).submitPayment(payment.identifier);
    const before = network.balanceOf(bob.walletAddress);
    const unlinked = { ...network.getPayment(payment.identifier)!, transaction: null };
    network.faults.inject({ api: 'platform', route: `GET /v2/payments/${payment.identifier}`, status: 200, body: unlinked, times: 2 });
    network.faults.inject({ api: 'horizon', route: `GET /accounts/${wallet}/transactions`, status: 200, body: lagging, times: 1 });
    const error = await rejection(a2u.submitPayment(payment.identifier));
    expect(error.code).toBe('payment_has_txid');
    expect(error.message).toContain(paid);
    expect(network.balanceOf(bob.walletAddress)).toBeCloseTo(before, 7);
    expect(network.events.filter((e) => e.type === 'ledger.transaction' && e.memo === payment.identifier)).toHaveLength(1);
  });

  it("finds the payment paid beyond the wallet's latest 200 transactions (a busy wallet): never pays it twice", async () => {
    const bob = network.user('bob');
    const payment = await a2u.createPayment(refund());
    await (await clientOfAnotherProcess()).submitPayment(payment.identifier);
    const before = network.balanceOf(bob.walletAddress);
    // 220 purchases land on the app wallet since: the payment's transaction is on the list's second page.
    const buyer = network.addUser({ username: 'busy-buyer', balance: 1_000 });
    for (let i = 0; i < 220; i++) {
      const p = network.createPayment(buyer.uid, { amount: 0.01, memo: `coffee ${i}`, metadata: {} });
      network.approvePayment(p.identifier);
      const paid = network.submitTransaction(p.identifier);
      network.completePayment(p.identifier, paid.transaction!.txid);
    }
    // Pi has not linked the transaction to the payment yet: only the ledger can tell.
    const unlinked = { ...network.getPayment(payment.identifier)!, transaction: null };
    network.faults.inject({ api: 'platform', route: `GET /v2/payments/${payment.identifier}`, status: 200, body: unlinked, times: 2 });
    expect((await rejection(a2u.submitPayment(payment.identifier))).code).toBe('payment_has_txid');
    expect(network.balanceOf(bob.walletAddress)).toBeCloseTo(before, 7);
    expect(network.events.filter((e) => e.type === 'ledger.transaction' && e.memo === payment.identifier)).toHaveLength(1);
  });

  it('gives up with horizon_unavailable, nothing submitted, when the list never catches up', async () => {
    await a2u.pay(refund());
    const wallet = network.app.walletAddress;
    const lagging = await (await fetch(`https://api.testnet.minepi.com/accounts/${wallet}/transactions?order=desc&limit=200`)).json();
    await a2u.pay({ ...refund(), uid: network.user('alice').uid });
    const payment = await a2u.createPayment(refund());
    network.faults.inject({ api: 'horizon', route: `GET /accounts/${wallet}/transactions`, status: 200, body: lagging });
    const error = await rejection(a2u.submitPayment(payment.identifier));
    expect(error.code).toBe('horizon_unavailable');
    expect(network.getPayment(payment.identifier)!.transaction).toBeNull();
    expect(network.events.filter((e) => e.type === 'ledger.transaction' && e.memo === payment.identifier)).toHaveLength(0);
  });

  it('validates the wallet seed without ever showing it', () => {
    const secret = network.app.walletSecret;
    for (const bad of ['', 'GABC', secret.slice(0, 55), `X${secret.slice(1)}`, `${secret.slice(0, 55)}A`]) {
      let error: unknown;
      try {
        createA2UClient({ apiKey: 'k', walletSeed: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(A2UError);
      expect((error as A2UError).code).toBe('invalid_wallet_seed');
      if (bad.length > 4) expect((error as Error).message).not.toContain(bad.slice(1, 20));
    }
    expect(inspect(a2u, { depth: 10, showHidden: true })).not.toContain(secret);
    expect(JSON.stringify(a2u)).not.toContain(secret);
  });
});

/** An A2U client of the same wallet in another process (its own per-wallet lock). */
async function clientOfAnotherProcess(): Promise<A2UClient> {
  const { createA2UClient: create } = await a2uModuleOfAnotherProcess();
  return create({ apiKey: network.app.apiKey, walletSeed: network.app.walletSecret, platform: { retryDelayMs: 1 }, retryDelayMs: 1 });
}
