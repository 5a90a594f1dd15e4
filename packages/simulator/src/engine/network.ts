/**
 * The simulated Pi network: users, wallets, the app, payments in both directions,
 * access tokens, ads and the ledger, as pure state driven by an injectable clock.
 *
 * Source: docs/PI-PLATFORM.md ("The browser SDK" to "A2U payments"), from Pi's payment docs.
 */
import type {
  A2UPaymentArgs,
  AdNetworkStatusDTO,
  AppNetwork,
  AuthResult,
  Direction,
  JsonObject,
  PaymentData,
  PaymentDTO,
  Scope,
  UserDTO,
} from '@pi-kit/core';
import { Accounts, stroopsOrThrow } from './accounts';
import { deepFreeze, EventLog } from './event-log';
import type { PaymentRecord, UserRecord } from './state-records';
import type { HorizonEngine, PlatformEngine } from './ports';
import { formatStroops, PI_HORIZON_URLS, piToStroops, stroopsToPi } from '@pi-kit/core';

import { PiNetworkError, PiNetworkStateError } from './errors';
import { FaultRegistry } from './faults';
import { Ledger, type LedgerAccount, type TransactionRecord } from './ledger';
import { type WalletKey, walletKeyFromSecret, walletKeyFromSeed } from './crypto';
import { ALPHANUMERIC, LOWER_ALPHANUMERIC, RandomStream, randomSeed } from './random';
import { checkRestoreOptions, paymentFromSnapshot, readSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, snapshotPayment } from './snapshot';
import type {
  CancelReason,
  LedgerTransaction,
  PiNetwork,
  PiNetworkOptions,
  PiNetworkSnapshot,
  PiNetworkTimings,
  SimApp,
  SimEvent,
  SimEventInput,
  SimEventListener,
  SimUser,
  SimUserInit,
} from './types';

/** Default timings. Source: payments.md (10 s re-invocation), Pi docs (~60 s approval expiry). */
export const DEFAULT_TIMINGS: Readonly<PiNetworkTimings> = Object.freeze({
  approvalTimeoutMs: 60_000,
  callbackRetryMs: 10_000,
  completionTimeoutMs: 600_000,
  accessTokenTtlMs: 3_600_000,
});

/** The Horizon host of each network: core's `PI_HORIZON_URLS`. */
export const HORIZON_URLS = PI_HORIZON_URLS;

const DEFAULT_USERS: SimUserInit[] = [
  { username: 'alice', balance: 100 },
  { username: 'bob', balance: 100 },
];
const _DEFAULT_USER_BALANCE = 100;
const DEFAULT_APP_BALANCE = 1000;
const MAX_METADATA_BYTES = 16_384;

/** A plain object (`{…}` or `Object.create(null)`), also from another realm (an iframe, jsdom). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return proto === null || proto === Object.prototype || (Object.getPrototypeOf(proto) === null && proto.constructor?.name === 'Object');
}

function invalidState(what: string): never {
  throw new PiNetworkStateError('invalid_state', `The snapshot is invalid: ${what}.`);
}

/** The wallet key of a snapshot's secret seed, else `invalid_state` naming the field. */
function keyOfSecret(secret: string, field: string): Required<WalletKey> {
  try {
    return walletKeyFromSecret(secret);
  } catch (cause) {
    throw new PiNetworkStateError('invalid_state', `The snapshot is invalid: ${field} is not a Stellar secret seed (S…).`, { cause });
  }
}

function notFound(paymentId: string): PiNetworkError {
  return new PiNetworkError('payment_not_found', `There is no payment with identifier "${paymentId}" for this app.`, { status: 404 });
}

/** The engine behind {@link createPiNetwork}. Use it through the {@link PiNetwork} interface. */
/**
 * The engine: pure state (users, wallets, payments, the ledger, the event log), no HTTP. The
 * Platform API and Horizon handlers receive it; `createPiNetwork` (`network/create-pi-network.ts`)
 * puts them together.
 */
export class SimulatedPiNetwork implements Omit<PiNetwork, 'platformApi' | 'horizon'>, PlatformEngine, HorizonEngine {
  readonly seed: number;
  readonly app: SimApp;
  readonly network: AppNetwork;
  readonly horizonUrl: string;
  readonly timings: Readonly<PiNetworkTimings>;
  /** @internal The ledger. */
  readonly ledger: Ledger;
  /** @internal The fault registry (typed as `Faults` on the public interface). */
  readonly faults: FaultRegistry;

  private readonly clock: () => number;
  /** How far {@link advanceClock} moved the clock ahead of `options.now`, in ms. */
  private clockOffsetMs = 0;
  /** The stream of the fault rules' `rate` draws (kept here for snapshots). */
  private readonly faultRandom: RandomStream;
  private readonly ids: RandomStream;
  private readonly keys: RandomStream;
  private readonly uids: RandomStream;
  private readonly accounts: Accounts;
  private readonly paymentsById = new Map<string, PaymentRecord>();
  /** U2A payments neither completed nor cancelled, by user uid. */
  private readonly openU2A = new Map<string, PaymentRecord>();
  /** A2U payments neither completed nor cancelled, by user uid. */
  private readonly openA2U = new Map<string, PaymentRecord>();
  /** Unapproved U2A payments, by id, with their expiry time. */
  private readonly awaitingApproval = new Map<string, number>();
  private nextExpiry = Number.POSITIVE_INFINITY;
  private readonly ads = new Map<string, AdNetworkStatusDTO>();
  private readonly appAccount: LedgerAccount;
  private readonly eventLog: EventLog;
  /** Which open A2U payment blocks a new one: any of the app's, or the user's own. */
  private readonly ongoingA2U: 'app' | 'user';

  /**
   * @param restore a snapshot to go on from (`restorePiNetwork`): read with `readSnapshot`
   * (`PiNetworkStateError` `invalid_state`), `options` checked against it (`invalid_arguments`).
   */
  constructor(options: PiNetworkOptions = {}, restore?: PiNetworkSnapshot) {
    const saved = restore === undefined ? undefined : readSnapshot(restore);
    if (saved) checkRestoreOptions(saved, options);
    const network = options.network ?? saved?.network ?? 'Pi Testnet';
    if (network !== 'Pi Testnet' && network !== 'Pi Network')
      throw new PiNetworkError('invalid_arguments', `Unknown network "${String(network)}": use "Pi Testnet" or "Pi Network".`);
    this.network = network;
    this.seed = options.seed ?? saved?.seed ?? randomSeed();
    if (!Number.isFinite(this.seed)) throw new PiNetworkError('invalid_arguments', 'The seed must be a finite number.');
    if (options.now !== undefined && typeof options.now !== 'function')
      throw new PiNetworkError('invalid_arguments', '`now` must be a function returning the time in ms since the epoch.');
    const baseClock = options.now ?? (() => Date.now());
    // Every part reads the clock through this function: advancing it moves them all.
    this.clock = () => baseClock() + this.clockOffsetMs;
    this.eventLog = new EventLog(this.clock);
    this.timings = Object.freeze({ ...DEFAULT_TIMINGS, ...saved?.timings, ...options.timings });
    for (const [name, value] of Object.entries(this.timings))
      if (typeof value !== 'number' || !(value >= 0) || value === Number.POSITIVE_INFINITY)
        throw new PiNetworkError('invalid_arguments', `timings.${name} must be a finite number of ms ≥ 0.`);
    if (options.ongoingA2U !== undefined && options.ongoingA2U !== 'app' && options.ongoingA2U !== 'user')
      throw new PiNetworkError('invalid_arguments', 'ongoingA2U must be "app" (one ongoing A2U payment per app) or "user".');
    this.ongoingA2U = options.ongoingA2U ?? saved?.ongoingA2U ?? 'app';
    this.horizonUrl = (options.horizonUrl ?? saved?.horizonUrl ?? HORIZON_URLS[network]).replace(/\/+$/, '');
    if (!URL.canParse(this.horizonUrl))
      throw new PiNetworkError('invalid_arguments', `horizonUrl "${this.horizonUrl}" is not an absolute URL.`);
    this.ids = new RandomStream(this.seed, 0);
    this.keys = new RandomStream(this.seed, 1);
    this.uids = new RandomStream(this.seed, 4);
    const baseFee = options.baseFee ?? (saved ? Number(saved.baseFee) : 100_000);
    if (!Number.isInteger(baseFee) || baseFee < 100)
      throw new PiNetworkError('invalid_arguments', 'baseFee must be an integer ≥ 100 (stroops).');
    this.ledger = new Ledger(network, BigInt(baseFee), this.clock);
    this.faultRandom = new RandomStream(this.seed, 2);
    this.faults = new FaultRegistry(this.faultRandom);
    this.accounts = new Accounts({
      ledger: this.ledger,
      uids: this.uids,
      keys: this.keys,
      ids: this.ids,
      clock: this.clock,
      accessTokenTtlMs: this.timings.accessTokenTtlMs,
      log: (input) => this.log(input),
    });

    if (saved) {
      const appKey = keyOfSecret(saved.app.walletSecret, 'app.walletSecret');
      this.app = Object.freeze({ apiKey: saved.app.apiKey, walletAddress: appKey.publicKey, walletSecret: appKey.secret, network });
      this.appAccount = this.restore(saved, appKey);
      return;
    }
    const appKeys = new RandomStream(this.seed, 3);
    let appKey: Required<WalletKey>;
    if (options.app?.walletSecret !== undefined) {
      try {
        appKey = walletKeyFromSecret(options.app.walletSecret);
      } catch (cause) {
        throw new PiNetworkError('invalid_arguments', 'app.walletSecret is not a valid Stellar secret seed (S…, 56 characters).', {
          cause,
        });
      }
    } else appKey = walletKeyFromSeed(appKeys.bytes(32));
    const apiKey = options.app?.apiKey ?? appKeys.string(64, LOWER_ALPHANUMERIC);
    if (typeof apiKey !== 'string' || apiKey.length === 0)
      throw new PiNetworkError('invalid_arguments', 'app.apiKey must be a non-empty string.');
    this.app = Object.freeze({ apiKey, walletAddress: appKey.publicKey, walletSecret: appKey.secret, network });
    this.appAccount = this.ledger.openAccount(appKey, stroopsOrThrow(options.app?.balance ?? DEFAULT_APP_BALANCE, true));

    for (const init of options.users ?? DEFAULT_USERS) this.addUser(init);
  }

  // ── snapshot ──────────────────────────────────────────────────────────────

  snapshot(): PiNetworkSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      takenAt: this.clock(),
      clockOffsetMs: this.clockOffsetMs,
      seed: this.seed,
      network: this.network,
      horizonUrl: this.horizonUrl,
      baseFee: this.ledger.baseFee.toString(),
      ongoingA2U: this.ongoingA2U,
      timings: { ...this.timings },
      app: { apiKey: this.app.apiKey, walletSecret: this.app.walletSecret },
      ...this.accounts.snapshot(),
      payments: [...this.paymentsById.values()].map((p) => snapshotPayment(p, this.awaitingApproval.get(p.identifier))),
      ads: [...this.ads.values()].map((ad) => ({ ...ad })),
      ledger: this.ledger.snapshot(),
      random: { ids: this.ids.position(), keys: this.keys.position(), uids: this.uids.position(), faults: this.faultRandom.position() },
      events: [...this.eventLog.events],
    };
  }

  /**
   * Puts a snapshot's state into this new network (built with its seed, network and fee): the
   * ledger, users and tokens, payments with their open and awaiting-approval bookkeeping, ads, the
   * random streams' positions and the event log. Returns the app's account. Throws
   * `PiNetworkStateError` (`invalid_state`) for a state that does not hold together.
   */
  private restore(saved: PiNetworkSnapshot, appKey: Required<WalletKey>): LedgerAccount {
    const users = saved.users.map((u, i) => ({
      uid: u.uid,
      username: u.username,
      key: keyOfSecret(u.walletSecret, `users[${i}].walletSecret`),
    }));
    this.ledger.restore(saved.ledger, new Map([appKey, ...users.map((u) => u.key)].map((key) => [key.publicKey, key])));
    const appAccount = this.ledger.account(appKey.publicKey) ?? invalidState("the app's wallet is not on the ledger");
    this.accounts.restore(users, saved.accessTokens);
    saved.payments.forEach((s, i) => {
      if (this.paymentsById.has(s.identifier)) invalidState(`payments[${i}] repeats the payment ${s.identifier}`);
      if (!this.accounts.byUidOnly(s.userUid)) invalidState(`payments[${i}].userUid is not a user's uid`);
      const p = paymentFromSnapshot(s, (txid) => this.transactionLink(txid));
      this.paymentsById.set(p.identifier, p);
      const open = this.isOpen(p);
      if (open) {
        const index = p.direction === 'user_to_app' ? this.openU2A : this.openA2U;
        if (index.has(p.userUid)) invalidState(`payments[${i}] is a second open payment of its user in its direction`);
        index.set(p.userUid, p);
      }
      const awaiting = open && p.direction === 'user_to_app' && !p.status.developer_approved;
      if (awaiting !== (s.approvalExpiresAt !== null))
        invalidState(`payments[${i}].approvalExpiresAt must be set exactly for an open U2A payment not approved yet`);
      if (s.approvalExpiresAt !== null) {
        this.awaitingApproval.set(p.identifier, s.approvalExpiresAt);
        this.nextExpiry = Math.min(this.nextExpiry, s.approvalExpiresAt);
      }
    });
    for (const ad of saved.ads) this.ads.set(ad.identifier, { ...ad });
    this.ids.moveTo(saved.random.ids);
    this.keys.moveTo(saved.random.keys);
    this.uids.moveTo(saved.random.uids);
    this.faultRandom.moveTo(saved.random.faults);
    this.eventLog.restore(saved.events);
    this.clockOffsetMs = saved.clockOffsetMs;
    return appAccount;
  }

  now(): number {
    return this.clock();
  }

  get clockAdvancedMs(): number {
    return this.clockOffsetMs;
  }

  advanceClock(ms: number): number {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
      throw new PiNetworkError('invalid_arguments', 'advanceClock(ms): ms must be a finite number of milliseconds ≥ 0.');
    this.clockOffsetMs += ms;
    this.log({ type: 'clock.advanced', ms, offsetMs: this.clockOffsetMs });
    this.sweep();
    return this.clock();
  }

  // ── events ────────────────────────────────────────────────────────────────

  get events(): readonly SimEvent[] {
    return this.eventLog.events;
  }

  on(listener: SimEventListener): () => void {
    return this.eventLog.on(listener);
  }

  log(input: SimEventInput): SimEvent {
    return this.eventLog.append(input);
  }

  // ── users, wallets and access tokens (engine/accounts.ts) ────────────────

  addUser(init: SimUserInit): SimUser {
    return this.accounts.add(init);
  }

  user(usernameOrUid: string): SimUser {
    return this.accounts.get(usernameOrUid).user;
  }

  users(): SimUser[] {
    return this.accounts.all();
  }

  balanceOf(address: string): number {
    return this.accounts.balanceOf(address);
  }

  setBalance(who: string, amount: number): void {
    this.accounts.setBalance(who, amount);
  }

  authenticate(usernameOrUid: string, scopes: Scope[]): AuthResult {
    this.sweep();
    return this.accounts.authenticate(usernameOrUid, scopes);
  }

  me(accessToken: string): UserDTO | undefined {
    return this.accounts.me(accessToken);
  }

  // ── payments ──────────────────────────────────────────────────────────────

  /**
   * The payment as Pi's API shows it, a fresh copy. A `snapshot` for the event log shares the
   * payment's frozen metadata and transaction instead of copying them (the event freezes the rest).
   */
  private dto(p: PaymentRecord, snapshot = false): PaymentDTO {
    const tx = p.transaction;
    if (snapshot && !p.frozenMetadata) p.frozenMetadata = deepFreeze(JSON.parse(p.metadataJson) as Record<string, unknown>);
    return {
      identifier: p.identifier,
      user_uid: p.userUid,
      amount: stroopsToPi(p.amount),
      memo: p.memo,
      metadata: snapshot && p.frozenMetadata ? p.frozenMetadata : (JSON.parse(p.metadataJson) as Record<string, unknown>),
      from_address: p.from,
      to_address: p.to,
      direction: p.direction,
      created_at: p.createdAt,
      network: this.network,
      // Copied field by field, not spread: see `stamped`.
      status: {
        developer_approved: p.status.developer_approved,
        transaction_verified: p.status.transaction_verified,
        developer_completed: p.status.developer_completed,
        cancelled: p.status.cancelled,
        user_cancelled: p.status.user_cancelled,
      },
      transaction: tx === null ? null : snapshot ? tx : { txid: tx.txid, verified: tx.verified, _link: tx._link },
    };
  }

  private record(paymentId: string): PaymentRecord {
    const p = typeof paymentId === 'string' ? this.paymentsById.get(paymentId) : undefined;
    if (!p) throw notFound(String(paymentId));
    return p;
  }

  private isOpen(p: PaymentRecord): boolean {
    return !p.status.developer_completed && !p.status.cancelled && !p.status.user_cancelled;
  }

  private close(p: PaymentRecord): void {
    const index = p.direction === 'user_to_app' ? this.openU2A : this.openA2U;
    if (index.get(p.userUid) === p) index.delete(p.userUid);
    this.awaitingApproval.delete(p.identifier);
  }

  private cancel(p: PaymentRecord, reason: CancelReason): PaymentDTO {
    if (reason === 'user' || reason === 'insufficient_funds') p.status.user_cancelled = true;
    else p.status.cancelled = true;
    p.cancelReason = reason;
    this.close(p);
    const payment = this.dto(p);
    this.log({ type: 'payment.cancelled', payment: this.dto(p, true), reason });
    return payment;
  }

  sweep(): void {
    const now = this.clock();
    if (now < this.nextExpiry) return;
    let next = Number.POSITIVE_INFINITY;
    for (const [id, expiresAt] of this.awaitingApproval) {
      if (expiresAt <= now) {
        const p = this.paymentsById.get(id);
        if (p) this.cancel(p, 'expired');
        else this.awaitingApproval.delete(id);
      } else if (expiresAt < next) next = expiresAt;
    }
    this.nextExpiry = next;
  }

  private validatePaymentFields(amount: unknown, memo: unknown, metadata: unknown): { amount: bigint; memo: string; metadataJson: string } {
    const stroops = piToStroops(amount);
    if (stroops === undefined || stroops <= 0n)
      throw new PiNetworkError(
        'invalid_amount',
        `Invalid amount ${JSON.stringify(amount) ?? String(amount)}: use a finite number of π > 0 with at most 7 decimal places.`,
      );
    if (typeof memo !== 'string') throw new PiNetworkError('invalid_arguments', '`memo` must be a string.');
    if (!isPlainObject(metadata)) throw new PiNetworkError('invalid_metadata', '`metadata` must be a plain JSON object.');
    let metadataJson: string;
    try {
      metadataJson = JSON.stringify(metadata);
    } catch (cause) {
      throw new PiNetworkError('invalid_metadata', '`metadata` must be JSON-serialisable.', { cause });
    }
    if (metadataJson.length > MAX_METADATA_BYTES)
      throw new PiNetworkError('invalid_metadata', `\`metadata\` is larger than ${MAX_METADATA_BYTES} bytes.`);
    return { amount: stroops, memo, metadataJson };
  }

  private newPayment(
    user: UserRecord,
    direction: Direction,
    fields: { amount: bigint; memo: string; metadataJson: string },
  ): PaymentRecord {
    let identifier = this.ids.string(28, ALPHANUMERIC);
    while (this.paymentsById.has(identifier)) identifier = this.ids.string(28, ALPHANUMERIC);
    const now = this.clock();
    const u2a = direction === 'user_to_app';
    const p: PaymentRecord = {
      identifier,
      userUid: user.user.uid,
      amount: fields.amount,
      memo: fields.memo,
      metadataJson: fields.metadataJson,
      from: u2a ? user.user.walletAddress : this.app.walletAddress,
      to: u2a ? this.app.walletAddress : user.user.walletAddress,
      direction,
      createdAt: new Date(now).toISOString(),
      createdAtMs: now,
      status: {
        developer_approved: !u2a,
        transaction_verified: false,
        developer_completed: false,
        cancelled: false,
        user_cancelled: false,
      },
      transaction: null,
    };
    this.paymentsById.set(identifier, p);
    (u2a ? this.openU2A : this.openA2U).set(user.user.uid, p);
    if (u2a) {
      const expiresAt = now + this.timings.approvalTimeoutMs;
      this.awaitingApproval.set(identifier, expiresAt);
      if (expiresAt < this.nextExpiry) this.nextExpiry = expiresAt;
    }
    this.log({ type: 'payment.created', payment: this.dto(p, true) });
    return p;
  }

  createPayment<Metadata extends object = JsonObject>(usernameOrUid: string, data: PaymentData<Metadata>): PaymentDTO {
    this.sweep();
    const user = this.accounts.get(usernameOrUid);
    if (!isPlainObject(data))
      throw new PiNetworkError('invalid_arguments', 'createPayment: `data` must be an object { amount, memo, metadata }.');
    const fields = this.validatePaymentFields(data.amount, data.memo, data.metadata);
    const open = this.openU2A.get(user.user.uid);
    if (open) {
      if (open.transaction)
        throw new PiNetworkError('ongoing_payment_found', 'A pending payment needs to be handled.', { payment: this.dto(open) });
      this.cancel(open, 'replaced');
    }
    return this.dto(this.newPayment(user, 'user_to_app', fields));
  }

  submitTransaction(paymentId: string): PaymentDTO {
    this.sweep();
    const p = this.record(paymentId);
    if (p.direction !== 'user_to_app')
      throw new PiNetworkError('invalid_arguments', 'A2U payments are paid by the app: submit their transaction to Horizon.');
    if (p.status.developer_completed) throw new PiNetworkError('already_completed', 'This payment is already completed.');
    if (p.status.cancelled || p.status.user_cancelled) throw new PiNetworkError('cancelled_payment', 'This payment was cancelled.');
    if (p.transaction) throw new PiNetworkError('payment_tx_present', 'This payment already has a blockchain transaction.');
    if (!p.status.developer_approved)
      throw new PiNetworkError('not_approved', 'The app has not approved this payment yet: the wallet cannot sign it.');
    const user = this.accounts.get(p.userUid);
    const needed = p.amount + this.ledger.baseFee;
    if (user.account.balance < needed)
      throw new PiNetworkError(
        'insufficient_funds',
        `Insufficient funds: the wallet holds ${formatStroops(user.account.balance)} π, the payment needs ${formatStroops(needed)} π (amount + fee).`,
        { payment: this.dto(p) },
      );
    const tx = this.ledger.walletPayment(user.account, this.appAccount, p.amount, p.identifier);
    this.logLedger(tx);
    this.link(p, tx, true);
    return this.dto(p);
  }

  private logLedger(tx: TransactionRecord): void {
    this.log({
      type: 'ledger.transaction',
      hash: tx.hash,
      ledger: tx.ledger,
      source: tx.source,
      memo: tx.memo,
      successful: tx.successful,
      resultCode: tx.resultCode,
    });
  }

  /**
   * Links the payment to its transaction. `_link` is the Horizon transaction resource: Pi's demo
   * backend (github.com/pi-apps/demo, backend/src/handlers/payments.ts) reads the transaction's
   * `memo` from it to match an incomplete payment, which only a transaction resource has.
   */
  private link(p: PaymentRecord, tx: TransactionRecord, verified: boolean): void {
    p.transaction = Object.freeze({ txid: tx.hash, verified, _link: this.transactionLink(tx.hash) });
    p.status.transaction_verified = verified;
    this.log({ type: 'payment.transaction', payment: this.dto(p, true), txid: tx.hash });
  }

  private transactionLink(txid: string): string {
    return `${this.horizonUrl}/transactions/${txid}`;
  }

  /** @internal Called by Horizon for every applied transaction: links it to the payment its memo names. */
  onLedgerTransaction(tx: TransactionRecord): void {
    this.logLedger(tx);
    // A failed transaction moved no π: the payment stays without one, so the app can submit again.
    if (!tx.successful || tx.memoType !== 'text' || tx.memo === null) return;
    const p = this.paymentsById.get(tx.memo);
    if (!p || p.transaction || !this.isOpen(p) || tx.source !== p.from) return;
    if (p.direction === 'user_to_app' && !p.status.developer_approved) return;
    const verified = tx.operations.some((op) => op.type === 'payment' && op.from === p.from && op.to === p.to && op.amount === p.amount);
    this.link(p, tx, verified);
  }

  cancelByUser(paymentId: string, reason: 'user' | 'insufficient_funds' = 'user'): PaymentDTO {
    return this.cancelBefore(paymentId, reason === 'insufficient_funds' ? 'insufficient_funds' : 'user');
  }

  /** Cancels an open payment that has no transaction yet (a cancelled one is answered as it is). */
  private cancelBefore(paymentId: string, by: 'user' | 'insufficient_funds' | 'developer'): PaymentDTO {
    this.sweep();
    const p = this.record(paymentId);
    if (p.status.developer_completed) throw new PiNetworkError('already_completed', 'This payment is already completed.');
    if (p.transaction) throw new PiNetworkError('payment_tx_present', 'This payment has a blockchain transaction: it cannot be cancelled.');
    if (!this.isOpen(p)) return this.dto(p);
    return this.cancel(p, by);
  }

  approvePayment(paymentId: string): PaymentDTO {
    this.sweep();
    const p = this.record(paymentId);
    if (p.direction === 'app_to_user')
      throw new PiNetworkError('already_approved', 'A2U payments are approved automatically: do not call /approve on them.');
    if (p.status.cancelled || p.status.user_cancelled)
      throw new PiNetworkError(
        'cancelled_payment',
        p.cancelReason === 'expired' ? 'The payment has expired.' : 'This payment was cancelled.',
      );
    if (p.status.developer_approved) throw new PiNetworkError('already_approved', 'This payment is already approved.');
    p.status.developer_approved = true;
    this.awaitingApproval.delete(p.identifier);
    this.log({ type: 'payment.approved', payment: this.dto(p, true) });
    return this.dto(p);
  }

  completePayment(paymentId: string, txid: string): PaymentDTO {
    this.sweep();
    const p = this.record(paymentId);
    if (p.status.developer_completed) throw new PiNetworkError('already_completed', 'This payment is already completed.');
    if (p.status.cancelled || p.status.user_cancelled) throw new PiNetworkError('cancelled_payment', 'This payment was cancelled.');
    if (typeof txid !== 'string' || txid.length === 0)
      throw new PiNetworkError('missing_txid', 'The body must contain the `txid` of the payment.');
    if (!p.transaction) {
      const tx = this.ledger.transaction(txid);
      if (tx && (tx.memo !== p.identifier || tx.source !== p.from))
        throw new PiNetworkError('txid_mismatch', `The transaction ${txid} is not this payment's.`);
      throw new PiNetworkError(
        'not_verified',
        'This payment has no blockchain transaction yet: complete it after its transaction was submitted.',
      );
    }
    if (p.transaction.txid !== txid.toLowerCase())
      throw new PiNetworkError('txid_mismatch', `The txid does not match the payment's transaction (${p.transaction.txid}).`);
    if (!p.transaction.verified) {
      const error = new PiNetworkError(
        'verification_failed',
        "The payment's transaction does not match the payment (amount, addresses or failed).",
        {
          payment: this.dto(p),
        },
      );
      throw error;
    }
    p.status.developer_completed = true;
    this.close(p);
    this.log({ type: 'payment.completed', payment: this.dto(p, true) });
    return this.dto(p);
  }

  cancelPayment(paymentId: string): PaymentDTO {
    return this.cancelBefore(paymentId, 'developer');
  }

  expirePayment(paymentId: string): PaymentDTO {
    this.sweep();
    const p = this.record(paymentId);
    if (p.direction !== 'user_to_app')
      throw new PiNetworkError('invalid_arguments', 'Only U2A payments expire: an A2U payment waits for the app to pay it.');
    if (!this.isOpen(p))
      throw new PiNetworkError('invalid_arguments', 'This payment is closed (completed or cancelled): it cannot expire.');
    if (p.transaction) throw new PiNetworkError('payment_tx_present', 'This payment has a blockchain transaction: it cannot expire.');
    return this.cancel(p, 'expired');
  }

  createAppPayment(args: A2UPaymentArgs): PaymentDTO {
    this.sweep();
    // payments_advanced.md: "the A2U payments feature is currently available only on the Testnet".
    if (this.network === 'Pi Network')
      throw new PiNetworkError('forbidden', 'A2U payments are available only on the Testnet ("Pi Testnet").', { status: 403 });
    if (!isPlainObject(args))
      throw new PiNetworkError('invalid_arguments', 'The body must be { payment: { amount, memo, metadata, uid } }.');
    const fields = this.validatePaymentFields(args.amount, args.memo, args.metadata);
    if (typeof args.uid !== 'string' || args.uid.length === 0)
      throw new PiNetworkError('invalid_arguments', "`uid` must be the user's uid.");
    const user = this.accounts.byUidOnly(args.uid);
    if (!user) throw new PiNetworkError('user_not_found', `There is no user with uid "${args.uid}" for this app.`, { status: 404 });
    // Pi's backend SDKs: "You need to complete the ongoing payment first to create a new one."
    const open = this.ongoingA2U === 'user' ? this.openA2U.get(user.user.uid) : this.openA2U.values().next().value;
    if (open)
      throw new PiNetworkError('ongoing_payment_found', 'You need to complete the ongoing payment first to create a new one.', {
        payment: this.dto(open),
      });
    return this.dto(this.newPayment(user, 'app_to_user', fields));
  }

  incompleteServerPayments(): PaymentDTO[] {
    this.sweep();
    return [...this.openA2U.values()].sort((a, b) => a.createdAtMs - b.createdAtMs).map((p) => this.dto(p));
  }

  incompletePaymentOf(usernameOrUid: string): PaymentDTO | null {
    this.sweep();
    const open = this.openU2A.get(this.accounts.get(usernameOrUid).user.uid);
    return open?.transaction ? this.dto(open) : null;
  }

  openPaymentOf(usernameOrUid: string): PaymentDTO | null {
    this.sweep();
    const open = this.openU2A.get(this.accounts.get(usernameOrUid).user.uid);
    return open ? this.dto(open) : null;
  }

  getPayment(paymentId: string): PaymentDTO | undefined {
    this.sweep();
    const p = typeof paymentId === 'string' ? this.paymentsById.get(paymentId) : undefined;
    return p ? this.dto(p) : undefined;
  }

  payments(): PaymentDTO[] {
    this.sweep();
    return [...this.paymentsById.values()].map((p) => this.dto(p));
  }

  // ── ads ───────────────────────────────────────────────────────────────────

  createRewardedAd(status: AdNetworkStatusDTO['mediator_ack_status'] = 'granted'): AdNetworkStatusDTO {
    if (status !== null && status !== 'granted' && status !== 'revoked' && status !== 'failed')
      throw new PiNetworkError('invalid_arguments', 'createRewardedAd: status must be "granted", "revoked", "failed" or null.');
    const identifier = this.ids.string(24, ALPHANUMERIC);
    const at = new Date(this.clock()).toISOString();
    const ad: AdNetworkStatusDTO = {
      identifier,
      mediator_ack_status: status,
      mediator_granted_at: status === 'granted' || status === 'revoked' ? at : null,
      mediator_revoked_at: status === 'revoked' ? at : null,
    };
    this.ads.set(identifier, ad);
    this.log({ type: 'ad.created', ad: Object.assign({}, ad) });
    return { ...ad };
  }

  adStatus(adId: string): AdNetworkStatusDTO | undefined {
    const ad = this.ads.get(adId);
    return ad ? { ...ad } : undefined;
  }

  // ── ledger ────────────────────────────────────────────────────────────────

  transaction(hash: string): LedgerTransaction | undefined {
    const tx = typeof hash === 'string' ? this.ledger.transaction(hash) : undefined;
    return tx ? this.ledgerView(tx) : undefined;
  }

  transactions(): LedgerTransaction[] {
    return this.ledger.allTransactions().map((tx) => this.ledgerView(tx));
  }

  private ledgerView(tx: TransactionRecord): LedgerTransaction {
    return {
      hash: tx.hash,
      ledger: tx.ledger,
      createdAt: new Date(tx.closedAt).toISOString(),
      source: tx.source,
      successful: tx.successful,
      memo: tx.memo,
      feeCharged: Number(tx.feeCharged),
      operations: tx.operations.map((op) => ({
        id: op.id,
        type: 'payment' as const,
        from: op.from,
        to: op.to,
        amount: stroopsToPi(op.amount),
      })),
    };
  }
}
