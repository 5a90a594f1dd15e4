import { Account, Asset, Keypair, Memo, Operation, TransactionBuilder, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { START, testNetwork } from '../platform/test-network';
import type { PiNetwork } from '../../src/engine/types';

const HORIZON = 'https://api.testnet.minepi.com';

async function get(network: PiNetwork, path: string): Promise<{ status: number; body: any; headers: Headers }> {
  const r = await network.horizon(new Request(`${HORIZON}${path}`));
  return { status: r.status, body: await r.json(), headers: r.headers };
}

async function submit(network: PiNetwork, envelope: string): Promise<{ status: number; body: any }> {
  const r = await network.horizon(
    new Request(`${HORIZON}/transactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `tx=${encodeURIComponent(envelope)}`,
    }),
  );
  return { status: r.status, body: await r.json() };
}

interface PaymentTx {
  from: Keypair;
  to: string;
  amount: string;
  memo?: string;
  sequence?: string;
  fee?: string;
  passphrase?: string;
  signer?: Keypair;
  maxTime?: number;
}

async function paymentEnvelope(network: PiNetwork, o: PaymentTx): Promise<string> {
  const sequence = o.sequence ?? (await get(network, `/accounts/${o.from.publicKey()}`)).body.sequence;
  const builder = new TransactionBuilder(new Account(o.from.publicKey(), sequence), {
    fee: o.fee ?? '100000',
    networkPassphrase: o.passphrase ?? network.network,
    timebounds: { minTime: 0, maxTime: o.maxTime ?? Math.floor(START / 1000) + 180 },
  }).addOperation(Operation.payment({ destination: o.to, asset: Asset.native(), amount: o.amount }));
  if (o.memo) builder.addMemo(Memo.text(o.memo));
  const tx = builder.build();
  tx.sign(o.signer ?? o.from);
  return tx.toEnvelope().toXDR('base64');
}

describe('Horizon: accounts, fee stats, server time', () => {
  it('answers an account with its sequence and native balance in Horizon shape', async () => {
    const { network } = testNetwork();
    const alice = network.user('alice');
    const r = await get(network, `/accounts/${alice.walletAddress}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/hal+json');
    expect(r.body).toMatchObject({
      id: alice.walletAddress,
      account_id: alice.walletAddress,
      sequence: expect.stringMatching(/^\d+$/),
      balances: [{ balance: '100.0000000', asset_type: 'native', buying_liabilities: '0.0000000', selling_liabilities: '0.0000000' }],
      signers: [{ key: alice.walletAddress, weight: 1, type: 'ed25519_public_key' }],
      thresholds: { low_threshold: 0, med_threshold: 0, high_threshold: 0 },
    });
  });

  it('answers 404 in Horizon problem shape for an unknown account or route', async () => {
    const { network } = testNetwork();
    for (const path of [`/accounts/${Keypair.random().publicKey()}`, '/nothing', `/transactions/${'0'.repeat(64)}`, '/operations/1']) {
      const r = await get(network, path);
      expect(r.status, path).toBe(404);
      expect(r.body).toMatchObject({ type: 'https://stellar.org/horizon-errors/not_found', status: 404, title: 'Resource Missing' });
    }
  });

  it('answers fee stats with the base fee, and a Date header from the network clock', async () => {
    const { network, advance } = testNetwork();
    advance(5_000);
    const r = await get(network, '/fee_stats');
    expect(r.body).toMatchObject({ last_ledger_base_fee: '100000', fee_charged: { mode: '100000' }, max_fee: { p99: '100000' } });
    expect(Date.parse(r.headers.get('date')!)).toBe(START + 5_000);
  });
});

describe('Horizon: U2A transactions of the simulated wallet are real ledger transactions', () => {
  it('shows the transaction with its memo, source, operations, and a valid signed envelope', async () => {
    const { network, approvedPayment } = testNetwork();
    const alice = network.user('alice');
    const id = approvedPayment('alice', 2.5);
    const { txid, _link } = network.submitTransaction(id).transaction!;

    const tx = await get(network, `/transactions/${txid}`);
    expect(tx.status).toBe(200);
    expect(tx.body).toMatchObject({
      hash: txid,
      successful: true,
      memo_type: 'text',
      memo: id,
      source_account: alice.walletAddress,
      fee_charged: '100000',
    });

    // The envelope decodes with the Stellar library, hashes to the txid and carries alice's valid signature.
    const decoded = TransactionBuilder.fromXDR(tx.body.envelope_xdr, 'Pi Testnet');
    expect(decoded.hash().toString('hex')).toBe(txid);
    expect('memo' in decoded && decoded.memo.value?.toString()).toBe(id);
    const signature = decoded.signatures[0]!.signature();
    expect(Keypair.fromPublicKey(alice.walletAddress).verify(decoded.hash(), signature)).toBe(true);
    const result = xdr.TransactionResult.fromXDR(tx.body.result_xdr, 'base64');
    expect(result.result().switch().name).toBe('txSuccess');
    expect(result.feeCharged().toString()).toBe('100000');

    const ops = await get(network, `/transactions/${txid}/operations`);
    expect(ops.body._embedded.records).toEqual([
      expect.objectContaining({
        type: 'payment',
        from: alice.walletAddress,
        to: network.app.walletAddress,
        amount: '2.5000000',
        asset_type: 'native',
        transaction_successful: true,
      }),
    ]);
    // _link is the transaction resource, whose memo names the payment (Pi's demo backend matches
    // an incomplete payment this way: github.com/pi-apps/demo, backend/src/handlers/payments.ts).
    expect(_link).toBe(`${HORIZON}/transactions/${txid}`);
    const linked = await network.horizon(new Request(_link));
    expect(await linked.json()).toMatchObject({ hash: txid, memo: id, successful: true });
  });

  it('is byte-identical to what TransactionBuilder builds for the same transaction', async () => {
    const { network, approvedPayment } = testNetwork();
    const alice = network.user('alice');
    const before = (await get(network, `/accounts/${alice.walletAddress}`)).body.sequence;
    const id = approvedPayment('alice', 1.2345678);
    const { txid } = network.submitTransaction(id).transaction!;
    const ours = (await get(network, `/transactions/${txid}`)).body;
    const rebuilt = new TransactionBuilder(new Account(alice.walletAddress, before), {
      fee: '100000',
      networkPassphrase: 'Pi Testnet',
      timebounds: { minTime: 0, maxTime: Number(ours.preconditions.timebounds.max_time) },
    })
      .addOperation(Operation.payment({ destination: network.app.walletAddress, asset: Asset.native(), amount: '1.2345678' }))
      .addMemo(Memo.text(id))
      .build();
    rebuilt.sign(Keypair.fromSecret(alice.walletSecret));
    expect(rebuilt.hash().toString('hex')).toBe(txid);
    expect(rebuilt.toEnvelope().toXDR('base64')).toBe(ours.envelope_xdr);
  });
});

describe('Horizon: POST /transactions', () => {
  it('applies a signed native payment and answers Horizon success shape with real XDR', async () => {
    const { network } = testNetwork();
    const alice = network.user('alice');
    const bob = network.user('bob');
    const envelope = await paymentEnvelope(network, {
      from: Keypair.fromSecret(alice.walletSecret),
      to: bob.walletAddress,
      amount: '10',
      memo: 'hello',
    });
    const r = await submit(network, envelope);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      successful: true,
      envelope_xdr: envelope,
      ledger: expect.any(Number),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      memo: 'hello',
    });
    expect(xdr.TransactionResult.fromXDR(r.body.result_xdr, 'base64').result().switch().name).toBe('txSuccess');
    expect(network.balanceOf(alice.walletAddress)).toBe(89.99);
    expect(network.balanceOf(bob.walletAddress)).toBe(110);
    // a second submission of the same envelope answers the same transaction and changes nothing
    const again = await submit(network, envelope);
    expect(again.body.hash).toBe(r.body.hash);
    expect(network.balanceOf(bob.walletAddress)).toBe(110);
  });

  it('refuses a wrong sequence with tx_bad_seq', async () => {
    const { network } = testNetwork();
    const alice = Keypair.fromSecret(network.user('alice').walletSecret);
    const seq = (await get(network, `/accounts/${alice.publicKey()}`)).body.sequence as string;
    const bob = network.user('bob').walletAddress;
    expect((await submit(network, await paymentEnvelope(network, { from: alice, to: bob, amount: '1', sequence: seq }))).status).toBe(200);
    const stale = await submit(network, await paymentEnvelope(network, { from: alice, to: bob, amount: '2', sequence: seq }));
    expect(stale.status).toBe(400);
    expect(stale.body).toMatchObject({
      type: 'https://stellar.org/horizon-errors/transaction_failed',
      status: 400,
      extras: { result_codes: { transaction: 'tx_bad_seq' }, envelope_xdr: expect.any(String), result_xdr: expect.any(String) },
    });
    expect(xdr.TransactionResult.fromXDR(stale.body.extras.result_xdr, 'base64').result().switch().name).toBe('txBadSeq');
  });

  it('refuses a wrong signer and a transaction signed for the other network with tx_bad_auth', async () => {
    const { network } = testNetwork();
    const alice = Keypair.fromSecret(network.user('alice').walletSecret);
    const to = network.user('bob').walletAddress;
    const wrongKey = await submit(network, await paymentEnvelope(network, { from: alice, to, amount: '1', signer: Keypair.random() }));
    expect(wrongKey.body.extras.result_codes).toEqual({ transaction: 'tx_bad_auth' });
    const mainnet = await submit(network, await paymentEnvelope(network, { from: alice, to, amount: '1', passphrase: 'Pi Network' }));
    expect(mainnet.body.extras.result_codes).toEqual({ transaction: 'tx_bad_auth' });
    expect(network.balanceOf(alice.publicKey())).toBe(100);
  });

  it('refuses a fee the account cannot pay with tx_insufficient_balance', async () => {
    const { network } = testNetwork();
    network.setBalance('alice', 0.001);
    const alice = Keypair.fromSecret(network.user('alice').walletSecret);
    const r = await submit(
      network,
      await paymentEnvelope(network, { from: alice, to: network.user('bob').walletAddress, amount: '0.0001' }),
    );
    expect(r.body.extras.result_codes).toEqual({ transaction: 'tx_insufficient_balance' });
  });

  it('fails an underfunded payment with tx_failed / op_underfunded, charging the fee and the sequence', async () => {
    const { network } = testNetwork();
    const alice = Keypair.fromSecret(network.user('alice').walletSecret);
    const seq = BigInt((await get(network, `/accounts/${alice.publicKey()}`)).body.sequence);
    const r = await submit(network, await paymentEnvelope(network, { from: alice, to: network.user('bob').walletAddress, amount: '500' }));
    expect(r.status).toBe(400);
    expect(r.body.extras.result_codes).toEqual({ transaction: 'tx_failed', operations: ['op_underfunded'] });
    expect(network.balanceOf(alice.publicKey())).toBe(99.99);
    expect((await get(network, `/accounts/${alice.publicKey()}`)).body.sequence).toBe((seq + 1n).toString());
    const hash = TransactionBuilder.fromXDR(r.body.extras.envelope_xdr, 'Pi Testnet').hash().toString('hex');
    expect((await get(network, `/transactions/${hash}`)).body.successful).toBe(false);
  });

  it('refuses expired time bounds, a fee below the base fee, an unknown source, an unknown destination', async () => {
    const { network } = testNetwork();
    const alice = Keypair.fromSecret(network.user('alice').walletSecret);
    const to = network.user('bob').walletAddress;
    const late = await submit(
      network,
      await paymentEnvelope(network, { from: alice, to, amount: '1', maxTime: Math.floor(START / 1000) - 1 }),
    );
    expect(late.body.extras.result_codes.transaction).toBe('tx_too_late');
    const cheap = await submit(network, await paymentEnvelope(network, { from: alice, to, amount: '1', fee: '100' }));
    expect(cheap.body.extras.result_codes.transaction).toBe('tx_insufficient_fee');
    const stranger = Keypair.random();
    const unknown = await submit(network, await paymentEnvelope(network, { from: stranger, to, amount: '1', sequence: '1' }));
    expect(unknown.body.extras.result_codes.transaction).toBe('tx_no_source_account');
    const nowhere = await submit(network, await paymentEnvelope(network, { from: alice, to: Keypair.random().publicKey(), amount: '1' }));
    expect(nowhere.body.extras.result_codes).toEqual({ transaction: 'tx_failed', operations: ['op_no_destination'] });
  });

  it('answers a malformed envelope, a missing tx field and a huge body with 4xx problems', async () => {
    const { network } = testNetwork();
    const malformed = await submit(network, 'AAAA-not-xdr');
    expect(malformed).toMatchObject({ status: 400, body: { type: 'https://stellar.org/horizon-errors/transaction_malformed' } });
    const missing = await network.horizon(new Request(`${HORIZON}/transactions`, { method: 'POST', body: 'nope=1' }));
    expect(missing.status).toBe(400);
    expect((await missing.json()).extras.invalid_field).toBe('tx');
    const huge = await network.horizon(new Request(`${HORIZON}/transactions`, { method: 'POST', body: `tx=${'A'.repeat(70_000)}` }));
    expect(huge.status).toBe(413);
  });
});

describe('A2U settled on the simulated Horizon (payments_advanced.md)', () => {
  async function a2u(amount = 1.5) {
    const t = testNetwork();
    const bob = t.network.user('bob');
    const created = await t.api('POST', '/v2/payments', { body: { payment: { amount, memo: 'refund', metadata: {}, uid: bob.uid } } });
    return { ...t, bob, payment: created.body as { identifier: string; amount: number } };
  }

  it('links the transaction whose memo is the payment id, then completes with its txid', async () => {
    const { network, api, bob, payment } = await a2u();
    const app = Keypair.fromSecret(network.app.walletSecret);
    const r = await submit(
      network,
      await paymentEnvelope(network, { from: app, to: bob.walletAddress, amount: '1.5', memo: payment.identifier }),
    );
    expect(r.status).toBe(200);
    const linked = network.getPayment(payment.identifier)!;
    expect(linked.transaction).toEqual({ txid: r.body.hash, verified: true, _link: `${HORIZON}/transactions/${r.body.hash}` });
    expect(linked.status.transaction_verified).toBe(true);
    expect((await api('POST', `/v2/payments/${payment.identifier}/cancel`)).body.error).toBe('payment_tx_present');
    expect((await api('POST', `/v2/payments/${payment.identifier}/complete`, { body: { txid: 'b'.repeat(64) } })).body.error).toBe(
      'txid_mismatch',
    );
    const done = await api('POST', `/v2/payments/${payment.identifier}/complete`, { body: { txid: r.body.hash } });
    expect(done.status).toBe(200);
    expect(done.body.status.developer_completed).toBe(true);
    expect((await api('GET', '/v2/payments/incomplete_server_payments')).body.incomplete_server_payments).toEqual([]);
    expect(network.balanceOf(bob.walletAddress)).toBe(101.5);
  });

  it('marks a transaction with the wrong amount unverified, and refuses to complete it', async () => {
    const { network, api, bob, payment } = await a2u();
    const app = Keypair.fromSecret(network.app.walletSecret);
    const r = await submit(
      network,
      await paymentEnvelope(network, { from: app, to: bob.walletAddress, amount: '1', memo: payment.identifier }),
    );
    expect(network.getPayment(payment.identifier)?.transaction?.verified).toBe(false);
    const done = await api('POST', `/v2/payments/${payment.identifier}/complete`, { body: { txid: r.body.hash } });
    expect(done).toMatchObject({ status: 400, body: { error: 'verification_failed' } });
  });

  it('does not link a failed transaction: the app can submit again', async () => {
    const { network, api, bob, payment } = await a2u(2);
    network.setBalance(network.app.walletAddress, 1);
    const app = Keypair.fromSecret(network.app.walletSecret);
    const failed = await submit(
      network,
      await paymentEnvelope(network, { from: app, to: bob.walletAddress, amount: '2', memo: payment.identifier }),
    );
    expect(failed.body.extras.result_codes.operations).toEqual(['op_underfunded']);
    expect(network.getPayment(payment.identifier)?.transaction).toBeNull();
    network.setBalance(network.app.walletAddress, 10);
    const ok = await submit(
      network,
      await paymentEnvelope(network, { from: app, to: bob.walletAddress, amount: '2', memo: payment.identifier }),
    );
    expect(network.getPayment(payment.identifier)?.transaction).toMatchObject({ txid: ok.body.hash, verified: true });
    expect((await api('POST', `/v2/payments/${payment.identifier}/complete`, { body: { txid: ok.body.hash } })).status).toBe(200);
  });

  it('refuses to complete before any transaction, and with a txid of a transaction for another payment', async () => {
    const { network, api, bob, payment } = await a2u();
    expect((await api('POST', `/v2/payments/${payment.identifier}/complete`, { body: { txid: 'c'.repeat(64) } })).body.error).toBe(
      'not_verified',
    );
    const app = Keypair.fromSecret(network.app.walletSecret);
    const other = await submit(
      network,
      await paymentEnvelope(network, { from: app, to: bob.walletAddress, amount: '1.5', memo: 'something else' }),
    );
    const r = await api('POST', `/v2/payments/${payment.identifier}/complete`, { body: { txid: other.body.hash } });
    expect(r).toMatchObject({ status: 400, body: { error: 'txid_mismatch' } });
  });
});

describe('Horizon: more validity rules and read routes', () => {
  it('refuses a transaction valid only later (tx_too_early) and an extra signature (tx_bad_auth_extra)', async () => {
    const { network } = testNetwork();
    const alice = Keypair.fromSecret(network.user('alice').walletSecret);
    const to = network.user('bob').walletAddress;
    const account = (await get(network, `/accounts/${alice.publicKey()}`)).body;
    const early = new TransactionBuilder(new Account(alice.publicKey(), account.sequence), {
      fee: '100000',
      networkPassphrase: 'Pi Testnet',
      timebounds: { minTime: Math.floor(START / 1000) + 3600, maxTime: 0 },
    })
      .addOperation(Operation.payment({ destination: to, asset: Asset.native(), amount: '1' }))
      .build();
    early.sign(alice);
    expect((await submit(network, early.toEnvelope().toXDR('base64'))).body.extras.result_codes.transaction).toBe('tx_too_early');

    const extra = TransactionBuilder.fromXDR(await paymentEnvelope(network, { from: alice, to, amount: '1' }), 'Pi Testnet');
    extra.sign(Keypair.random());
    expect((await submit(network, extra.toEnvelope().toXDR('base64'))).body.extras.result_codes.transaction).toBe('tx_bad_auth_extra');
    expect(network.balanceOf(alice.publicKey())).toBe(100);
  });

  it('fails non-native payments (op_src_no_trust) and other operations (op_not_supported)', async () => {
    const { network } = testNetwork();
    const alice = Keypair.fromSecret(network.user('alice').walletSecret);
    const to = network.user('bob').walletAddress;
    const build = async (op: xdr.Operation) => {
      const account = (await get(network, `/accounts/${alice.publicKey()}`)).body;
      const tx = new TransactionBuilder(new Account(alice.publicKey(), account.sequence), {
        fee: '100000',
        networkPassphrase: 'Pi Testnet',
        timebounds: { minTime: 0, maxTime: 0 },
      })
        .addOperation(op)
        .build();
      tx.sign(alice);
      return submit(network, tx.toEnvelope().toXDR('base64'));
    };
    const token = await build(Operation.payment({ destination: to, asset: new Asset('USD', Keypair.random().publicKey()), amount: '1' }));
    expect(token.body.extras.result_codes).toEqual({ transaction: 'tx_failed', operations: ['op_src_no_trust'] });
    const other = await build(Operation.manageData({ name: 'k', value: 'v' }));
    expect(other.body.extras.result_codes).toEqual({ transaction: 'tx_failed', operations: ['op_not_supported'] });
    expect(xdr.TransactionResult.fromXDR(other.body.extras.result_xdr, 'base64').result().switch().name).toBe('txFailed');
  });

  it("lists an account's transactions and payments, and answers the root with the network passphrase", async () => {
    const { network, approvedPayment } = testNetwork();
    const alice = network.user('alice');
    const id = approvedPayment('alice', 4);
    const { txid } = network.submitTransaction(id).transaction!;
    const txs = await get(network, `/accounts/${alice.walletAddress}/transactions`);
    expect(txs.body._embedded.records.map((r: { hash: string }) => r.hash)).toEqual([txid]);
    const payments = await get(network, `/accounts/${network.app.walletAddress}/payments`);
    expect(payments.body._embedded.records).toEqual([expect.objectContaining({ from: alice.walletAddress, amount: '4.0000000' })]);
    expect((await get(network, '/')).body.network_passphrase).toBe('Pi Testnet');
  });

  it('accepts a path prefix and keeps it in links', async () => {
    const { network } = testNetwork();
    const alice = network.user('alice');
    const r = await network.horizon(new Request(`http://127.0.0.1:9999/horizon/accounts/${alice.walletAddress}`));
    expect(r.status).toBe(200);
    expect((await r.json())._links.self.href).toBe(`http://127.0.0.1:9999/horizon/accounts/${alice.walletAddress}`);
  });

  it('answers wrong methods with 405 and never 5xx to odd submissions', async () => {
    const { network } = testNetwork();
    expect((await network.horizon(new Request(`${HORIZON}/fee_stats`, { method: 'POST' }))).status).toBe(405);
    for (const body of ['', 'tx=', 'tx=%', 'tx=AAAA', `tx=${encodeURIComponent(Buffer.from('garbage').toString('base64'))}`, '\u0000']) {
      const r = await network.horizon(new Request(`${HORIZON}/transactions`, { method: 'POST', body }));
      expect(r.status, body).toBeGreaterThanOrEqual(400);
      expect(r.status, body).toBeLessThan(500);
    }
  });
});

describe('Horizon: root and ledgers', () => {
  it('answers the root at / and at the path of horizonUrl, and 404 elsewhere', async () => {
    const { network } = testNetwork({ horizonUrl: 'http://127.0.0.1:4000/horizon' });
    const root = await network.horizon(new Request('http://127.0.0.1:4000/horizon'));
    expect(root.status).toBe(200);
    const body = await root.json();
    expect(body).toMatchObject({ network_passphrase: 'Pi Testnet', history_latest_ledger: expect.any(Number) });
    expect(body._links.fee_stats.href).toBe('http://127.0.0.1:4000/horizon/fee_stats');
    expect((await network.horizon(new Request('http://127.0.0.1:4000/'))).status).toBe(200);
    expect((await network.horizon(new Request('http://127.0.0.1:4000/elsewhere'))).status).toBe(404);
  });

  it('answers the latest ledger (order=desc) and a ledger by sequence, with its close time and counts', async () => {
    const { network, approvedPayment, advance } = testNetwork();
    advance(30_000);
    const id = approvedPayment();
    const { txid } = network.submitTransaction(id).transaction!;
    const { ledger } = network.transaction(txid)!;
    const latest = await get(network, '/ledgers?order=desc&limit=1');
    expect(latest.body._embedded.records).toEqual([
      expect.objectContaining({
        sequence: ledger,
        successful_transaction_count: 1,
        failed_transaction_count: 0,
        operation_count: 1,
        base_fee_in_stroops: 100_000,
      }),
    ]);
    expect(latest.body._embedded.records[0].closed_at).toBe(new Date(START + 30_000).toISOString().replace('.000Z', 'Z'));
    expect((await get(network, `/ledgers/${ledger}`)).body.sequence).toBe(ledger);
    expect((await get(network, `/ledgers/${ledger + 1}`)).status).toBe(404);
  });
});

describe('Horizon: paging', () => {
  it('pages collections with order, limit and cursor, as Horizon does', async () => {
    const { network, approvedPayment } = testNetwork();
    network.setBalance('alice', 1000);
    const txids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = approvedPayment('alice', 1);
      txids.push(network.submitTransaction(id).transaction!.txid);
      network.completePayment(id, txids.at(-1)!);
    }
    const address = network.user('alice').walletAddress;
    const first = await get(network, `/accounts/${address}/transactions`);
    expect(first.body._embedded.records.map((r: { hash: string }) => r.hash)).toEqual(txids.slice(0, 10)); // default limit 10
    const next = await network.horizon(new Request(first.body._links.next.href));
    expect((await next.json())._embedded.records.map((r: { hash: string }) => r.hash)).toEqual(txids.slice(10));
    const latest = await get(network, `/accounts/${address}/transactions?order=desc&limit=1`);
    expect(latest.body._embedded.records.map((r: { hash: string }) => r.hash)).toEqual([txids[11]]);
    const payments = await get(network, `/accounts/${network.app.walletAddress}/payments?limit=200`);
    expect(payments.body._embedded.records).toHaveLength(12);
  });
});
