import { Asset, Horizon, Keypair, Memo, NetworkError, Operation, TransactionBuilder } from '@stellar/stellar-sdk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPiNetwork } from '../../src/network/create-pi-network';
import type { PiNetwork } from '../../src/engine/types';
import { createPiNetworkHandlers } from '../../src/msw/index';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function use(network: PiNetwork, options?: Parameters<typeof createPiNetworkHandlers>[1]): void {
  server.use(...createPiNetworkHandlers(network, options));
}

describe('msw: the real @stellar/stellar-sdk against the simulated Horizon', () => {
  it('loads an account, builds, signs and submits a payment, and reads it back', async () => {
    const network = createPiNetwork({ seed: 3 });
    use(network);
    const horizon = new Horizon.Server('https://api.testnet.minepi.com');
    const alice = network.user('alice');
    const bob = network.user('bob');

    const account = await horizon.loadAccount(alice.walletAddress);
    expect(account.balances[0]).toMatchObject({ asset_type: 'native', balance: '100.0000000' });
    const fee = await horizon.fetchBaseFee();
    expect(fee).toBe(100_000);

    const tx = new TransactionBuilder(account, { fee: String(fee), networkPassphrase: 'Pi Testnet' })
      .addOperation(Operation.payment({ destination: bob.walletAddress, asset: Asset.native(), amount: '12.5' }))
      .addMemo(Memo.text('from alice'))
      .setTimeout(180)
      .build();
    tx.sign(Keypair.fromSecret(alice.walletSecret));
    const submitted = await horizon.submitTransaction(tx);
    expect(submitted).toMatchObject({ hash: tx.hash().toString('hex'), successful: true });

    const read = await horizon.transactions().transaction(submitted.hash).call();
    expect(read).toMatchObject({ memo: 'from alice', source_account: alice.walletAddress, successful: true });
    const ops = await horizon.operations().forTransaction(submitted.hash).call();
    expect(ops.records[0]).toMatchObject({ type: 'payment', from: alice.walletAddress, to: bob.walletAddress, amount: '12.5000000' });
    expect((await horizon.loadAccount(bob.walletAddress)).balances[0]?.balance).toBe('112.5000000');
  });

  it("gives the SDK the network's time (Date header) for time bounds", async () => {
    const now = Date.UTC(2026, 5, 1, 8, 0, 0);
    // A host of its own: the SDK caches server time per host name for 5 minutes.
    const network = createPiNetwork({ seed: 9, now: () => now, horizonUrl: 'https://horizon-clock.test' });
    use(network);
    const horizon = new Horizon.Server('https://horizon-clock.test');
    const bounds = await horizon.fetchTimebounds(120);
    const seconds = Math.floor(now / 1000);
    expect(bounds.minTime).toBe(0);
    // the SDK adds the seconds elapsed since it read the header (none, or very few)
    expect(bounds.maxTime - 120 - seconds).toBeGreaterThanOrEqual(0);
    expect(bounds.maxTime - 120 - seconds).toBeLessThan(5);
    const [latest] = (await horizon.ledgers().order('desc').limit(1).call()).records;
    expect(latest?.sequence).toBeGreaterThan(0);
  });

  it('surfaces Horizon errors with extras.result_codes to the SDK', async () => {
    const network = createPiNetwork({ seed: 4 });
    use(network);
    const horizon = new Horizon.Server('https://api.testnet.minepi.com');
    const alice = network.user('alice');
    const account = await horizon.loadAccount(alice.walletAddress);
    const tx = new TransactionBuilder(account, { fee: '100000', networkPassphrase: 'Pi Testnet' })
      .addOperation(Operation.payment({ destination: network.user('bob').walletAddress, asset: Asset.native(), amount: '1' }))
      .setTimeout(180)
      .build();
    tx.sign(Keypair.random());
    const error = await horizon.submitTransaction(tx).then(
      () => undefined,
      (e: unknown) => e as { response?: { status: number; data: { extras: { result_codes: unknown } } } },
    );
    expect(error?.response?.status).toBe(400);
    expect(error?.response?.data.extras.result_codes).toEqual({ transaction: 'tx_bad_auth' });
  });

  it('settles an A2U payment end to end: Platform API create, Horizon submit with memo = payment id, complete', async () => {
    const network = createPiNetwork({ seed: 5, network: 'Pi Testnet' });
    use(network);
    const headers = { authorization: `Key ${network.app.apiKey}`, 'content-type': 'application/json' };
    const bob = network.user('bob');
    const created = await fetch('https://api.minepi.com/v2/payments', {
      method: 'POST',
      headers,
      body: JSON.stringify({ payment: { amount: 3, memo: 'prize', metadata: { n: 1 }, uid: bob.uid } }),
    }).then((r) => r.json());
    expect(created.direction).toBe('app_to_user');

    const horizon = new Horizon.Server('https://api.testnet.minepi.com');
    const app = Keypair.fromSecret(network.app.walletSecret);
    const tx = new TransactionBuilder(await horizon.loadAccount(app.publicKey()), {
      fee: String(await horizon.fetchBaseFee()),
      networkPassphrase: created.network,
    })
      .addOperation(Operation.payment({ destination: created.to_address, asset: Asset.native(), amount: String(created.amount) }))
      .addMemo(Memo.text(created.identifier))
      .setTimeout(180)
      .build();
    tx.sign(app);
    const { hash } = await horizon.submitTransaction(tx);

    const completed = await fetch(`https://api.minepi.com/v2/payments/${created.identifier}/complete`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ txid: hash }),
    });
    expect(completed.status).toBe(200);
    expect((await completed.json()).status).toMatchObject({ developer_completed: true, transaction_verified: true });
  });
});

describe('msw: Platform API and faults', () => {
  it('answers /v2 on the configured base URL, including a path prefix', async () => {
    const network = createPiNetwork({ seed: 6 });
    use(network, { apiBaseUrl: 'https://pi.example.test/proxy' });
    const { accessToken } = network.authenticate('alice', ['username']);
    const me = await fetch('https://pi.example.test/proxy/v2/me', { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).username).toBe('alice');
  });

  it('turns a drop fault into a network error, and answers normally after it', async () => {
    const network = createPiNetwork({ seed: 7 });
    use(network);
    network.faults.inject({ route: 'GET /v2/payments/*', drop: true, times: 1 });
    const p = network.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
    const init = { headers: { authorization: `Key ${network.app.apiKey}` } };
    await expect(fetch(`https://api.minepi.com/v2/payments/${p.identifier}`, init)).rejects.toThrow(TypeError);
    expect((await fetch(`https://api.minepi.com/v2/payments/${p.identifier}`, init)).status).toBe(200);
  });

  it('answers an HTML 5xx page fault on Horizon through the SDK', async () => {
    const network = createPiNetwork({ seed: 8 });
    use(network);
    network.faults.inject({ api: 'horizon', route: '/accounts/*', html: true, status: 503, times: 1 });
    const horizon = new Horizon.Server('https://api.mainnet.minepi.com');
    const error = await horizon.loadAccount(network.user('alice').walletAddress).then(
      () => undefined,
      (e: unknown) => e as Error & { response?: unknown },
    );
    // The SDK's call builders wrap a non-404 error status in a NetworkError carrying the body.
    expect(error).toBeInstanceOf(NetworkError);
    expect(String(error?.response)).toContain('503 Service Temporarily Unavailable');
    expect(network.events.at(-1)).toMatchObject({ type: 'api.call', api: 'horizon', status: 503, fault: 'html' });
    // the fault was for one call only
    expect((await horizon.loadAccount(network.user('alice').walletAddress)).accountId()).toBe(network.user('alice').walletAddress);
  });
});
