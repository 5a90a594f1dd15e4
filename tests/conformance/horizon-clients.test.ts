/**
 * The Horizon resources pi-sim serves, read and written by the two Stellar SDKs Pi apps use: the
 * stellar-sdk 10 of Pi's Node backend SDK (`pi-backend`) and @stellar/stellar-sdk 15 (pi-kit's).
 * What each A2U client calls: the account (balance, sequence), the base fee, time bounds, a
 * submitted payment with its memo, the wallet's transactions, one transaction, its operations, a
 * user's payments, and Horizon's refusals (`tx_bad_seq`, an unknown account's 404).
 * Source: docs/PI-PLATFORM.md ("Horizon"); https://developers.stellar.org/docs/data/apis/horizon.
 */
import { createRequire } from 'node:module';
import * as StellarSdk15 from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PiSimProcess, startPiSimProcess } from './pi-sim-process';

/** The part of either SDK these tests use. */
interface Sdk {
  server(url: string): any;
  Keypair: any;
  TransactionBuilder: any;
  Operation: any;
  Asset: any;
  Memo: any;
  Account: any;
}

const requireFromPiBackend = createRequire(createRequire(import.meta.url).resolve('pi-backend'));
const sdk10 = requireFromPiBackend('stellar-sdk');
const SDKS: Array<[string, Sdk]> = [
  ['stellar-sdk 10 (pi-backend)', { ...sdk10, server: (url: string) => new sdk10.Server(url, { allowHttp: true }) }],
  ['@stellar/stellar-sdk 15', { ...StellarSdk15, server: (url: string) => new StellarSdk15.Horizon.Server(url, { allowHttp: true }) }],
];

let sim: PiSimProcess;
beforeAll(async () => {
  sim = await startPiSimProcess(['--user', 'bob:100']);
});
afterAll(() => sim?.stop());

describe.each(SDKS)('%s against pi-sim Horizon', (_name, sdk) => {
  const wallet = () => sdk.Keypair.fromSecret(sim.walletSecret);
  const horizon = () => sdk.server(`${sim.url}/horizon`);

  async function payment(amount: string, memo: string, account?: any) {
    const server = horizon();
    const source = account ?? (await server.loadAccount(wallet().publicKey()));
    const transaction = new sdk.TransactionBuilder(source, {
      fee: String(await server.fetchBaseFee()),
      networkPassphrase: 'Pi Testnet',
      timebounds: await server.fetchTimebounds(180),
    })
      .addOperation(sdk.Operation.payment({ destination: sim.users.bob!.wallet, asset: sdk.Asset.native(), amount }))
      .addMemo(sdk.Memo.text(memo))
      .build();
    transaction.sign(wallet());
    return transaction;
  }

  it('loads the app wallet: native balance and sequence number', async () => {
    const account = await horizon().loadAccount(wallet().publicKey());
    expect(account.accountId()).toBe(wallet().publicKey());
    expect(account.sequenceNumber()).toMatch(/^\d+$/);
    expect(account.balances).toEqual(
      expect.arrayContaining([expect.objectContaining({ asset_type: 'native', balance: expect.stringMatching(/^\d+\.\d{7}$/) })]),
    );
  });

  it('gives the base fee (stroops) and time bounds from its clock', async () => {
    expect(await horizon().fetchBaseFee()).toBeGreaterThan(0);
    const bounds = await horizon().fetchTimebounds(180);
    expect(bounds.minTime).toBe(0);
    expect(bounds.maxTime).toBeGreaterThan(Date.now() / 1000);
  });

  it('takes a signed payment and lists it: the wallet transactions, the transaction, its operations, the user payments', async () => {
    const memo = `conformance-${Math.random().toString(36).slice(2, 10)}`;
    const result = await horizon().submitTransaction(await payment('0.5', memo));
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.successful ?? true).toBe(true);

    const page = await horizon().transactions().forAccount(wallet().publicKey()).order('desc').limit(10).call();
    expect(page.records[0]).toMatchObject({
      hash: result.hash,
      memo,
      memo_type: 'text',
      successful: true,
      source_account: wallet().publicKey(),
    });
    const transaction = await horizon().transactions().transaction(result.hash).call();
    expect(transaction).toMatchObject({ hash: result.hash, memo, successful: true });
    const operations = await horizon().operations().forTransaction(result.hash).call();
    expect(operations.records).toEqual([
      expect.objectContaining({ type: 'payment', to: sim.users.bob!.wallet, amount: '0.5000000', asset_type: 'native' }),
    ]);
    const payments = await horizon().payments().forAccount(sim.users.bob!.wallet).order('desc').limit(5).call();
    expect(payments.records.map((p: { transaction_hash: string }) => p.transaction_hash)).toContain(result.hash);
  });

  it('refuses a transaction on a used sequence number: 400 tx_bad_seq with its result codes', async () => {
    const account = await horizon().loadAccount(wallet().publicKey());
    const first = await payment('0.1', 'first', account);
    await horizon().submitTransaction(first);
    const stale = await payment('0.1', 'stale', new sdk.Account(wallet().publicKey(), String(BigInt(account.sequenceNumber()) - 1n)));
    const error = await horizon()
      .submitTransaction(stale)
      .then(
        () => undefined,
        (e: any) => e,
      );
    expect(error?.response?.status).toBe(400);
    expect(error.response.data?.extras?.result_codes?.transaction ?? error.response.extras?.result_codes?.transaction).toBe('tx_bad_seq');
  });

  it('answers 404 for an account that does not exist', async () => {
    const error = await horizon()
      .loadAccount(sdk.Keypair.random().publicKey())
      .then(
        () => undefined,
        (e: any) => e,
      );
    expect(error?.response?.status).toBe(404);
  });
});
