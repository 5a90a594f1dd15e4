/**
 * `network.snapshot()` and `restorePiNetwork`: a network kept as JSON and restored is the same
 * network (every public view, the ledger as Horizon shows it, the event log), goes on as if it had
 * never stopped (same ids as the original would issue, none repeating an earlier one, Horizon's
 * sequence numbers, pending expiries), and a snapshot that cannot be restored fails clearly.
 */
import { Account, Asset, Keypair, Memo, Operation, TransactionBuilder } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { createPiNetwork, PiNetworkError, PiNetworkStateError, restorePiNetwork } from '../../src/index';
import type { PiNetwork, PiNetworkSnapshot } from '../../src/engine/types';

const START = Date.UTC(2026, 0, 1, 12, 0, 0);
const HORIZON = 'https://api.testnet.minepi.com';

/** A clock the test moves; shared by a network and its restored copy. */
function clock() {
  let t = START;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

async function horizon(network: PiNetwork, path: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const r = await network.horizon(new Request(`${HORIZON}${path}`, init));
  return { status: r.status, body: await r.json() };
}

/** The app pays: a native payment signed with the app wallet, memo = the payment id, submitted to Horizon. */
async function submitFromApp(network: PiNetwork, to: string, amount: string, memo: string): Promise<{ status: number; body: any }> {
  const app = Keypair.fromSecret(network.app.walletSecret);
  const { sequence } = (await horizon(network, `/accounts/${app.publicKey()}`)).body;
  const tx = new TransactionBuilder(new Account(app.publicKey(), sequence), {
    fee: '100000',
    networkPassphrase: network.network,
    timebounds: { minTime: 0, maxTime: Math.floor(network.now() / 1000) + 180 },
  })
    .addOperation(Operation.payment({ destination: to, asset: Asset.native(), amount }))
    .addMemo(Memo.text(memo))
    .build();
  tx.sign(app);
  return horizon(network, '/transactions', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `tx=${encodeURIComponent(tx.toEnvelope().toXDR('base64'))}`,
  });
}

/** A network with a payment in every state, both directions, tokens, ads, a failed transaction and custom events. */
async function busyNetwork() {
  const time = clock();
  const users = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'].map((username) => ({ username, balance: 50 }));
  const network = createPiNetwork({ seed: 42, now: time.now, users });
  const pay = (user: string, amount = 1.5) =>
    network.createPayment(user, { amount, memo: `for ${user}`, metadata: { user, n: [1, { deep: true }] } });

  // U2A: completed; cancelled by the app; rejected by the user; insufficient funds; expired; replaced;
  // approved but not signed; signed but not completed; and one still awaiting approval.
  const completed = pay('alice', 3.1415926);
  network.approvePayment(completed.identifier);
  network.completePayment(completed.identifier, network.submitTransaction(completed.identifier).transaction!.txid);
  network.cancelPayment(pay('bob').identifier);
  network.cancelByUser(pay('carol').identifier);
  network.cancelByUser(pay('dave').identifier, 'insufficient_funds');
  const expired = pay('erin');
  time.advance(61_000);
  network.sweep();
  pay('frank');
  pay('frank', 2); // replaces the first
  network.approvePayment(pay('grace').identifier);
  const incomplete = pay('heidi');
  network.approvePayment(incomplete.identifier);
  network.submitTransaction(incomplete.identifier);

  // A2U: one completed through Horizon, one still open (the app's one ongoing A2U payment).
  const a2u = network.createAppPayment({
    amount: 0.5,
    memo: 'refund',
    metadata: { refundOf: completed.identifier },
    uid: network.user('alice').uid,
  });
  expect((await submitFromApp(network, network.user('alice').walletAddress, '0.5', a2u.identifier)).status).toBe(200);
  network.completePayment(a2u.identifier, network.getPayment(a2u.identifier)!.transaction!.txid);
  // A transaction that fails on the ledger (more than the app holds): applied with its fee charged.
  expect((await submitFromApp(network, network.user('bob').walletAddress, '5000', 'too much')).status).toBe(400);
  const openA2U = network.createAppPayment({ amount: 0.25, memo: 'open', metadata: {}, uid: network.user('bob').uid });

  // Pending approval: created now, expires 60 s later.
  time.advance(1_000);
  const pending = pay('alice', 0.1);
  time.advance(30_000);

  const tokens = [
    network.authenticate('alice', ['username', 'payments']).accessToken,
    network.authenticate('bob', ['payments']).accessToken,
  ];
  const ads = [network.createRewardedAd(), network.createRewardedAd('revoked'), network.createRewardedAd(null)];
  network.log({ type: 'app.note', text: 'kept', nested: { list: [1, 'two'] } });
  // A balance beyond 2^53 stroops, then 1 stroop paid: amounts are exact as decimal strings.
  network.setBalance('carol', 1_000_000_000);
  const stroop = network.createPayment('carol', { amount: 0.0000001, memo: 'one stroop', metadata: {} });
  network.approvePayment(stroop.identifier);
  network.completePayment(stroop.identifier, network.submitTransaction(stroop.identifier).transaction!.txid);
  return { network, time, pending, expired, openA2U, tokens, ads, a2u };
}

/** Every public view of a network, as plain data (Horizon answers included). */
async function views(network: PiNetwork, tokens: string[], adIds: string[]) {
  const hashes = network
    .payments()
    .flatMap((p) => (p.transaction ? [p.transaction.txid] : []))
    .concat((await horizon(network, '/transactions?limit=200')).body._embedded.records.map((r: any) => r.hash));
  const accounts = [network.app.walletAddress, ...network.users().map((u) => u.walletAddress)];
  return {
    app: network.app,
    seed: network.seed,
    network: network.network,
    horizonUrl: network.horizonUrl,
    timings: network.timings,
    users: network.users(),
    balances: accounts.map((a) => network.balanceOf(a)),
    payments: network.payments(),
    open: network.users().map((u) => [network.openPaymentOf(u.uid), network.incompletePaymentOf(u.uid)]),
    incompleteServerPayments: network.incompleteServerPayments(),
    me: tokens.map((t) => network.me(t)),
    ads: adIds.map((id) => network.adStatus(id)),
    transactions: hashes.map((h) => network.transaction(h)),
    ledger: network.transactions(),
    // An API call's `durationMs` is wall-clock time: the same call takes its own time in each run.
    events: network.events.map((event) => (event.type === 'api.call' ? { ...event, durationMs: 'wall clock' } : event)),
    horizon: await Promise.all(
      [
        '/',
        '/fee_stats',
        '/ledgers?limit=200',
        '/transactions?limit=200',
        ...accounts.flatMap((a) => [`/accounts/${a}`, `/accounts/${a}/payments?limit=200`]),
        ...hashes.flatMap((h) => [`/transactions/${h}`, `/transactions/${h}/operations`]),
      ].map((path) => horizon(network, path)),
    ),
  };
}

const roundTrip = (snapshot: PiNetworkSnapshot): PiNetworkSnapshot => JSON.parse(JSON.stringify(snapshot));

describe('network.snapshot() and restorePiNetwork', () => {
  it('restores a network equal to the original in every public view, through JSON', async () => {
    const { network, time, tokens, ads } = await busyNetwork();
    const saved = roundTrip(network.snapshot());
    expect(saved).toMatchObject({ format: 'pi-kit-simulator-state', version: 1, seed: 42, network: 'Pi Testnet' });
    const restored = restorePiNetwork(saved, { now: time.now });
    // Its own snapshot is the same state…
    expect(roundTrip(restored.snapshot())).toEqual(saved);
    // …and every view reads the same (Horizon's calls are logged alike on both).
    const adIds = ads.map((ad) => ad.identifier);
    expect(await views(restored, tokens, adIds)).toEqual(await views(network, tokens, adIds));
  });

  it('keeps amounts exact as decimal strings (a balance beyond 2^53 stroops, 7 decimals)', async () => {
    const { network, time } = await busyNetwork();
    const carol = network.user('carol').walletAddress;
    const saved = roundTrip(network.snapshot());
    // 10^16 stroops, less 1 stroop and the fee: odd and above 2^53, so no float holds it.
    expect(saved.ledger.accounts.find((a) => a.address === carol)!.balance).toBe('9999999999899999');
    const restored = restorePiNetwork(saved, { now: time.now });
    expect((await horizon(restored, `/accounts/${carol}`)).body.balances[0].balance).toBe('999999999.9899999');
    expect(saved.payments[0]!.amount).toBe('31415926');
    expect(restored.payments()[0]!.amount).toBe(3.1415926);
  });

  it('goes on as if it had never stopped: the same ids as the original, none repeating an earlier one, the event log numbered on', async () => {
    const { network, time } = await busyNetwork();
    const saved = roundTrip(network.snapshot());
    const restored = restorePiNetwork(saved, { now: time.now });
    const next = (n: PiNetwork) => {
      const zed = n.addUser({ username: 'zed', balance: 5 });
      const token = n.authenticate('zed', ['username']).accessToken;
      const payment = n.createPayment('zed', { amount: 1, memo: 'after', metadata: {} });
      const ad = n.createRewardedAd();
      const event = n.log({ type: 'app.after' });
      return { zed, token, id: payment.identifier, ad: ad.identifier, seq: event.seq };
    };
    const fromRestored = next(restored);
    expect(fromRestored).toEqual(next(network));
    expect(fromRestored.seq).toBe(saved.events.length + 5);
    const earlier = new Set([
      ...saved.payments.map((p) => p.identifier),
      ...saved.ads.map((a) => a.identifier),
      ...saved.accessTokens.map((t) => t.accessToken),
      ...saved.users.flatMap((u) => [u.uid, u.walletSecret]),
    ]);
    for (const id of [fromRestored.zed.uid, fromRestored.zed.walletSecret, fromRestored.token, fromRestored.id, fromRestored.ad])
      expect(earlier.has(id)).toBe(false);
  });

  it('continues the ledger: a new A2U payment is submitted to Horizon with the next sequence number and completed', async () => {
    const { network, time, openA2U } = await busyNetwork();
    const restored = restorePiNetwork(roundTrip(network.snapshot()), { now: time.now });
    const { sequence: before } = (await horizon(restored, `/accounts/${restored.app.walletAddress}`)).body;
    const latest = (await horizon(restored, '/')).body.history_latest_ledger;
    // The open A2U payment from before the restart is paid and completed, then a new one.
    const bob = restored.user('bob');
    const submitted = await submitFromApp(restored, bob.walletAddress, '0.25', openA2U.identifier);
    expect(submitted.status).toBe(200);
    expect(submitted.body.ledger).toBe(latest + 1);
    expect(restored.completePayment(openA2U.identifier, submitted.body.hash).status.developer_completed).toBe(true);
    const again = restored.createAppPayment({ amount: 1, memo: 'new', metadata: {}, uid: bob.uid });
    expect((await submitFromApp(restored, bob.walletAddress, '1', again.identifier)).status).toBe(200);
    expect(BigInt((await horizon(restored, `/accounts/${restored.app.walletAddress}`)).body.sequence)).toBe(BigInt(before) + 2n);
    expect(restored.getPayment(again.identifier)!.status.transaction_verified).toBe(true);
    expect(restored.getPayment(again.identifier)!.transaction!._link).toBe(
      `${HORIZON}/transactions/${restored.getPayment(again.identifier)!.transaction!.txid}`,
    );
    // A U2A payment signed by the simulated wallet goes on from the user's sequence too.
    const u2a = restored.createPayment('carol', { amount: 1, memo: 'x', metadata: {} });
    restored.approvePayment(u2a.identifier);
    expect(restored.submitTransaction(u2a.identifier).transaction!.verified).toBe(true);
  });

  it('expires a payment that was awaiting approval at its time, not later and not earlier', async () => {
    const { network, time, pending } = await busyNetwork();
    const saved = roundTrip(network.snapshot());
    expect(saved.payments.find((p) => p.identifier === pending.identifier)!.approvalExpiresAt).toBe(
      Date.parse(pending.created_at) + 60_000,
    );
    // Restored later with another approval timeout: the pending payment keeps its own expiry.
    const restored = restorePiNetwork(saved, { now: time.now, timings: { approvalTimeoutMs: 5_000 } });
    time.advance(30_000 - 1); // 1 ms before its expiry (created 30 s before the snapshot)
    expect(restored.getPayment(pending.identifier)!.status.cancelled).toBe(false);
    time.advance(1);
    expect(restored.getPayment(pending.identifier)!.status.cancelled).toBe(true);
    expect(restored.events.at(-1)).toMatchObject({
      type: 'payment.cancelled',
      reason: 'expired',
      payment: { identifier: pending.identifier },
    });
    // New payments use the timeout it was restored with.
    const fresh = restored.createPayment('alice', { amount: 1, memo: 'y', metadata: {} });
    time.advance(5_000);
    expect(restored.getPayment(fresh.identifier)!.status.cancelled).toBe(true);
  });

  it('keeps how far the clock was advanced: the restored clock goes on from there', () => {
    const time = clock();
    const network = createPiNetwork({ seed: 9, now: time.now });
    network.advanceClock(3_600_000);
    const restored = restorePiNetwork(roundTrip(network.snapshot()), { now: time.now });
    expect(restored.now()).toBe(START + 3_600_000);
    expect(restored.clockAdvancedMs).toBe(3_600_000);
    restored.advanceClock(60_000);
    expect(restored.events.at(-1)).toMatchObject({ type: 'clock.advanced', ms: 60_000, offsetMs: 3_660_000 });
  });

  it('keeps the timings and A2U rule of the snapshot unless told otherwise, and rebuilds _links for another horizonUrl', async () => {
    const time = clock();
    const network = createPiNetwork({ seed: 1, now: time.now, ongoingA2U: 'user', timings: { accessTokenTtlMs: 1_000 } });
    const p = network.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
    network.approvePayment(p.identifier);
    const txid = network.submitTransaction(p.identifier).transaction!.txid;
    const restored = restorePiNetwork(roundTrip(network.snapshot()), { now: time.now, horizonUrl: 'http://127.0.0.1:4000/horizon' });
    expect(restored.timings.accessTokenTtlMs).toBe(1_000);
    restored.createAppPayment({ amount: 1, memo: 'a', metadata: {}, uid: restored.user('alice').uid });
    expect(() => restored.createAppPayment({ amount: 1, memo: 'b', metadata: {}, uid: restored.user('bob').uid })).not.toThrow();
    expect(restored.getPayment(p.identifier)!.transaction!._link).toBe(`http://127.0.0.1:4000/horizon/transactions/${txid}`);
  });

  it('accepts the options of the snapshot again (so the same options can be passed at every start)', () => {
    const network = createPiNetwork({ seed: 3, network: 'Pi Network', app: { apiKey: 'the-key' }, baseFee: 200 });
    const saved = roundTrip(network.snapshot());
    const restored = restorePiNetwork(saved, {
      seed: 3,
      network: 'Pi Network',
      baseFee: 200,
      app: { apiKey: 'the-key', walletSecret: network.app.walletSecret },
    });
    expect(restored.app).toEqual(network.app);
  });
});

describe('restorePiNetwork refuses', () => {
  const saved = () => roundTrip(createPiNetwork({ seed: 5, app: { apiKey: 'secret-api-key' } }).snapshot());
  const failure = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error as PiNetworkStateError | PiNetworkError;
    }
    throw new Error('did not throw');
  };

  it('options that differ from the snapshot, with invalid_arguments naming them (never the key or the secret)', () => {
    const cases: Array<[Parameters<typeof restorePiNetwork>[1], RegExp]> = [
      [{ seed: 6 }, /seed 6 \(saved: 5\)/],
      [{ network: 'Pi Network' }, /network "Pi Network" \(saved: "Pi Testnet"\)/],
      [{ baseFee: 1000 }, /baseFee 1000 \(saved: 100000\)/],
      [{ app: { apiKey: 'another-key' } }, /app\.apiKey \(another key than the saved one\)/],
      [{ app: { walletSecret: Keypair.random().secret() } }, /app\.walletSecret \(another wallet than the saved one\)/],
      [{ users: [{ username: 'x' }] } as never, /users are in the snapshot/],
      [{ app: { balance: 5 } } as never, /app's balance is in the snapshot/],
    ];
    for (const [options, message] of cases) {
      const error = failure(() => restorePiNetwork(saved(), options));
      expect(error).toBeInstanceOf(PiNetworkError);
      expect(error.code).toBe('invalid_arguments');
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('secret-api-key');
      expect(error.message).not.toContain('another-key');
    }
  });

  it('what is not a snapshot, another version, or a damaged one, with invalid_state naming what is wrong', () => {
    const damaged = (change: (s: any) => void) => {
      const s: any = saved();
      const network = createPiNetwork({ seed: 5 });
      const p = network.createPayment('alice', { amount: 1, memo: 'm', metadata: {} });
      network.approvePayment(p.identifier);
      network.submitTransaction(p.identifier);
      Object.assign(s, roundTrip(network.snapshot()));
      change(s);
      return s;
    };
    const cases: Array<[unknown, RegExp]> = [
      [null, /not a simulated Pi network's state/],
      [{ version: 1 }, /not a simulated Pi network's state/],
      [{ ...saved(), version: 2 }, /version 2, written by a newer @pi-kit\/simulator; this one reads version 1: update/],
      [{ ...saved(), version: '1' }, /has version "1"/],
      [damaged((s) => (s.payments[0].amount = 1)), /payments\[0\]\.amount must be a whole number ≥ 0 written as a decimal string/],
      [damaged((s) => delete s.ledger.accounts[1].sequence), /ledger\.accounts\[1\]\.sequence/],
      [damaged((s) => (s.random.ids = [1, 2, 3])), /random\.ids must have 4 items/],
      [damaged((s) => (s.events[3].seq = 9)), /events\[3\]\.seq must be 4/],
      [damaged((s) => (s.users[0].walletSecret = 'SNOTASECRET')), /users\[0\]\.walletSecret is not a Stellar secret seed/],
      [damaged((s) => (s.payments[0].userUid = 'nobody')), /payments\[0\]\.userUid is not a user's uid/],
      [damaged((s) => (s.ledger.transactions[0].amount = '1')), /transactions\[0\]\.hash is not the hash of its transaction/],
      [damaged((s) => (s.ledger.transactions[0].ledger = 5)), /transactions\[0\]\.ledger is not a closed ledger/],
      [damaged((s) => (s.payments[0].approvalExpiresAt = 1)), /approvalExpiresAt must be set exactly/],
      [damaged((s) => (s.clockOffsetMs = -1)), /clockOffsetMs must be a number of ms ≥ 0/],
    ];
    for (const [value, message] of cases) {
      const error = failure(() => restorePiNetwork(value as PiNetworkSnapshot));
      expect(error, String(message)).toBeInstanceOf(PiNetworkStateError);
      expect(error.code).toBe('invalid_state');
      expect(error.message).toMatch(message);
    }
  });
});
