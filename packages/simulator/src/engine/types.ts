/**
 * Public types of the simulated Pi network engine.
 *
 * Source: docs/PI-PLATFORM.md ("The browser SDK" to "A2U payments"), from Pi's payment docs.
 */
import type {
  AdNetworkStatusDTO,
  AppNetwork,
  AuthResult,
  Direction,
  JsonObject,
  PaymentData,
  PaymentDTO,
  PaymentStatus,
  Scope,
  UserDTO,
  A2UPaymentArgs,
} from '@pi-kit/core';
import type { FaultRule, Faults } from './faults';

/** Timings of the simulated network, in milliseconds of the injected clock. */
export interface PiNetworkTimings {
  /** An unapproved U2A payment is cancelled (expired) this long after its creation. Default 60_000. */
  approvalTimeoutMs: number;
  /** How often the simulated SDK re-invokes an unanswered server callback. Default 10_000 (read by the SDK, not the engine). */
  callbackRetryMs: number;
  /** How long the simulated SDK keeps re-invoking `onReadyForServerCompletion`. Default 600_000 (read by the SDK, not the engine). */
  completionTimeoutMs: number;
  /** How long an access token from `authenticate` stays valid for `GET /v2/me`. Default 3_600_000 (1 h). */
  accessTokenTtlMs: number;
}

/** A user to create with the network. `balance` is in π (default 100). `uid` defaults to a seeded UUID. */
export interface SimUserInit {
  username: string;
  balance?: number;
  uid?: string;
}

/** Options of {@link createPiNetwork}. Every field is optional. */
export interface PiNetworkOptions {
  /** The network the app runs on, and the Stellar network passphrase. Default `'Pi Testnet'`. */
  network?: AppNetwork;
  /** Seed of every generated id and key. Default: a random seed, readable as `network.seed`. */
  seed?: number;
  /** The clock, in ms since the epoch. Default `Date.now` (read at every call, so `vi.useFakeTimers()` works). */
  now?: () => number;
  /**
   * The app: its server API key (default: generated), its wallet secret seed (`S…`, default: generated)
   * and its wallet balance in π (default 1000).
   */
  app?: { apiKey?: string; walletSecret?: string; balance?: number };
  /** The users. Default: `alice` and `bob`, 100 π each. Pass `[]` for none. */
  users?: SimUserInit[];
  /** See {@link PiNetworkTimings}. */
  timings?: Partial<PiNetworkTimings>;
  /**
   * Base URL of the Horizon API used in payments' `transaction._link`. Default
   * `https://api.testnet.minepi.com` for "Pi Testnet", `https://api.mainnet.minepi.com` for "Pi Network".
   */
  horizonUrl?: string;
  /** Base fee of a transaction, in stroops (1 π = 10^7 stroops). Default 100_000 (0.01 π), as Pi's Horizon. */
  baseFee?: number;
  /**
   * Which open A2U payment blocks a new one (`POST /v2/payments` refused with
   * `ongoing_payment_found`, "You need to complete the ongoing payment first to create a new
   * one."). Default `'app'`: one ongoing A2U payment per app, as Pi's backend SDKs document it
   * (`getIncompleteServerPayments` returns "0 or 1 payment"); `'user'`: one per user.
   * Source: https://github.com/pi-apps/pi-nodejs (README, `createPayment`).
   */
  ongoingA2U?: 'app' | 'user';
}

/** A simulated Pi user with a wallet. `walletSecret` is a real Stellar secret seed (`S…`). */
export interface SimUser {
  uid: string;
  username: string;
  walletAddress: string;
  walletSecret: string;
}

/** The simulated app: its server API key and its wallet (a real Stellar keypair). */
export interface SimApp {
  apiKey: string;
  walletAddress: string;
  walletSecret: string;
  network: AppNetwork;
}

/** Why a payment was cancelled. `user`: the user rejected it (or had insufficient funds); `developer`: `POST …/cancel`; `expired`: not approved in time; `replaced`: a new payment of the same user replaced it (payments.md). */
export type CancelReason = 'user' | 'insufficient_funds' | 'developer' | 'expired' | 'replaced';

import type { SimApi } from './faults';

export type { SimApi };

/** An event of the engine (payment changes, ledger, API calls). */
export type EngineEvent =
  | { type: 'user.added'; user: { uid: string; username: string; walletAddress: string } }
  | { type: 'user.authenticated'; uid: string; scopes: Scope[]; accessToken: string; validUntil: number }
  | { type: 'payment.created'; payment: PaymentDTO }
  | { type: 'payment.approved'; payment: PaymentDTO }
  | { type: 'payment.transaction'; payment: PaymentDTO; txid: string }
  | { type: 'payment.completed'; payment: PaymentDTO }
  | { type: 'payment.cancelled'; payment: PaymentDTO; reason: CancelReason }
  | {
      type: 'ledger.transaction';
      hash: string;
      ledger: number;
      source: string;
      memo: string | null;
      successful: boolean;
      resultCode: string;
    }
  | { type: 'ad.created'; ad: AdNetworkStatusDTO }
  /** `advanceClock(ms)`: the clock jumped `ms` ahead; `offsetMs` is the total jump so far. */
  | { type: 'clock.advanced'; ms: number; offsetMs: number }
  /** A scenario was set off on demand (pi-sim's console or `POST /__sim/scenarios/*`). */
  | { type: 'scenario.applied'; scenario: string; details: Record<string, unknown> }
  | {
      type: 'api.call';
      api: SimApi;
      method: string;
      path: string;
      status: number;
      /** Pi's `error` code (Platform API) or Horizon's result code, for error answers. */
      error?: string;
      /** Set when an injected fault shaped the answer. */
      fault?: 'status' | 'html' | 'drop' | 'delay';
      /** How long the call took to answer, in ms of wall-clock time (injected delays included). */
      durationMs?: number;
      /** The payment the call concerned, when its path or its answer names one. */
      paymentId?: string;
    };

/**
 * An event logged by another part of the simulator (the simulated SDK, the wallet,
 * the app server) through `network.log`. Its `type` starts with `sdk.`, `wallet.` or `app.`.
 */
export interface CustomEvent {
  type: `sdk.${string}` | `wallet.${string}` | `app.${string}`;
  [key: string]: unknown;
}

/** What `network.log` accepts. */
export type SimEventInput = EngineEvent | CustomEvent;

/** An event of the log: `seq` counts from 1, `at` is the clock time (ms) it happened. Frozen. */
export type SimEvent = SimEventInput & { readonly seq: number; readonly at: number };

/** A listener of `network.on`. Called synchronously after the change it reports. */
export type SimEventListener = (event: SimEvent) => void;

/** A native payment operation on the simulated ledger, as Horizon shows it. */
export interface LedgerOperation {
  id: string;
  type: 'payment';
  from: string;
  to: string;
  /** In π. */
  amount: number;
}

/** A transaction of the simulated ledger, as Horizon shows it. */
export interface LedgerTransaction {
  hash: string;
  ledger: number;
  createdAt: string;
  source: string;
  successful: boolean;
  memo: string | null;
  /** In stroops. */
  feeCharged: number;
  operations: LedgerOperation[];
}

/**
 * The simulated Pi network: pure state with an injectable clock, and Fetch-API
 * handlers for Pi's Platform API and for Horizon. See the package README, "The engine".
 *
 * Methods taking `usernameOrUid` throw {@link PiNetworkError} `user_not_found` for an unknown user;
 * methods taking a payment id throw `payment_not_found` for an unknown payment.
 */
export interface PiNetwork {
  /** The seed of every generated id and key (pass it back to reproduce a run). */
  readonly seed: number;
  /** The app: API key, wallet and network. */
  readonly app: SimApp;
  /** The network (`"Pi Testnet"` or `"Pi Network"`), also the Stellar network passphrase. */
  readonly network: AppNetwork;
  /** The Horizon base URL used in `_link`s. */
  readonly horizonUrl: string;
  /** The timings in effect. */
  readonly timings: Readonly<PiNetworkTimings>;
  /** The clock (ms since the epoch). */
  now(): number;
  /**
   * Moves the clock `ms` milliseconds ahead (on top of `options.now`), logs `clock.advanced`, and
   * applies what the jump makes due: unapproved payments past their approval timeout expire,
   * access tokens past their validity stop working. Returns the new time.
   * Throws {@link PiNetworkError} `invalid_arguments` for a negative or non-finite `ms`.
   */
  advanceClock(ms: number): number;
  /** How far {@link PiNetwork.advanceClock} has moved the clock ahead in all, in ms (0: never). */
  readonly clockAdvancedMs: number;

  /** Adds a user with a funded wallet (`balance` in π, default 100). Throws `invalid_arguments` for a taken username or uid. */
  addUser(init: SimUserInit): SimUser;
  /** A user by username or uid. Throws `user_not_found`. */
  user(usernameOrUid: string): SimUser;
  /** Every user. */
  users(): SimUser[];
  /** The native balance of a wallet, in π (0 for an unknown address). */
  balanceOf(address: string): number;
  /** Sets the native balance of a user's or any known wallet (by username, uid or address), in π. */
  setBalance(who: string, amount: number): void;

  /**
   * What `Pi.authenticate` does on Pi's servers: issues an access token for the user, valid for
   * `GET /v2/me` during `timings.accessTokenTtlMs`. `user.username` is present with the `username` scope.
   */
  authenticate(usernameOrUid: string, scopes: Scope[]): AuthResult;

  /**
   * What Pi's servers do for `Pi.createPayment` (U2A): validates the data (`invalid_amount`,
   * `invalid_arguments`, `invalid_metadata`), applies the concurrent-payment rules of payments.md
   * (an open payment without a transaction is cancelled with reason `replaced`; one with a transaction
   * makes this throw `ongoing_payment_found` carrying that payment), and creates the payment.
   */
  createPayment<Metadata extends object = JsonObject>(usernameOrUid: string, data: PaymentData<Metadata>): PaymentDTO;
  /**
   * The user signs and submits the payment's blockchain transaction (a real Stellar transaction from the
   * user's wallet to the app's, memo = payment id, signed with the user's key). Requires
   * `developer_approved` (`not_approved`), no transaction yet (`payment_tx_present`), not cancelled
   * (`cancelled_payment`), and enough π for amount + fee (`insufficient_funds`, nothing changes).
   */
  submitTransaction(paymentId: string): PaymentDTO;
  /** The user rejects the payment (sets `user_cancelled`). Throws `payment_tx_present` once a transaction exists. `reason` defaults to `'user'`. */
  cancelByUser(paymentId: string, reason?: 'user' | 'insufficient_funds'): PaymentDTO;

  /** `POST /v2/payments/{id}/approve`. Throws `already_approved`, `cancelled_payment`. */
  approvePayment(paymentId: string): PaymentDTO;
  /** `POST /v2/payments/{id}/complete`. Throws `missing_txid`, `already_completed`, `cancelled_payment`, `not_verified`, `txid_mismatch`. */
  completePayment(paymentId: string, txid: string): PaymentDTO;
  /** `POST /v2/payments/{id}/cancel` (by the app). Throws `payment_tx_present`, `already_completed`. Cancelling a cancelled payment answers it unchanged. */
  cancelPayment(paymentId: string): PaymentDTO;
  /**
   * Expires an open U2A payment now, as its approval timeout would (cancelled with reason
   * `expired`; the SDK then tells the app "The payment has expired"). Throws `payment_tx_present`
   * once it has a transaction, `invalid_arguments` for an A2U or closed payment.
   */
  expirePayment(paymentId: string): PaymentDTO;
  /** `POST /v2/payments` (A2U, approved automatically). Throws `user_not_found`, `ongoing_payment_found`, `invalid_amount`, … */
  createAppPayment(args: A2UPaymentArgs): PaymentDTO;
  /** `GET /v2/payments/incomplete_server_payments`: A2U payments neither completed nor cancelled. */
  incompleteServerPayments(): PaymentDTO[];
  /** `GET /v2/me` for an access token, or `undefined` for an unknown or expired token. */
  me(accessToken: string): UserDTO | undefined;

  /** The U2A payment of the user with a transaction but not completed by the developer, if any. */
  incompletePaymentOf(usernameOrUid: string): PaymentDTO | null;
  /** The U2A payment of the user neither completed nor cancelled, if any. */
  openPaymentOf(usernameOrUid: string): PaymentDTO | null;
  /** A payment (a copy), or `undefined`. */
  getPayment(paymentId: string): PaymentDTO | undefined;
  /** Every payment, oldest first (copies). */
  payments(): PaymentDTO[];

  /** Records a rewarded ad (what `Pi.Ads.showAd('rewarded')` does on Pi's side). Default status `'granted'`. */
  createRewardedAd(status?: AdNetworkStatusDTO['mediator_ack_status']): AdNetworkStatusDTO;
  /** `GET /v2/ads_network/status/{adId}`, or `undefined`. */
  adStatus(adId: string): AdNetworkStatusDTO | undefined;

  /** A ledger transaction by hash, or `undefined`. */
  transaction(hash: string): LedgerTransaction | undefined;
  /** Every ledger transaction, oldest first. */
  transactions(): LedgerTransaction[];
  /** Applies lazy expiry now (every method does it first; call it to get `payment.cancelled` events without another call). */
  sweep(): void;

  /**
   * The whole state of the network as one JSON-serialisable object (see {@link PiNetworkSnapshot}):
   * `JSON.stringify` it to keep it, `restorePiNetwork` it to go on where it stopped. Consistent (taken
   * at one instant: nothing runs in between), cheap (the frozen events are shared, not copied).
   * Fault rules (`faults`) and listeners (`on`) are not state: they are not in it.
   */
  snapshot(): PiNetworkSnapshot;

  /** The event log, oldest first (a live, read-only view). */
  readonly events: readonly SimEvent[];
  /** Subscribes to events; returns the unsubscribe function. */
  on(listener: SimEventListener): () => void;
  /** Appends an event (the simulated SDK logs its callback invocations here). */
  log(event: SimEventInput): SimEvent;

  /** Pi's Platform API `/v2/*` (docs/PI-PLATFORM.md ("The Platform API")) as a Fetch handler. Rejects only for an injected `drop` fault. */
  platformApi(request: Request): Promise<Response>;
  /**
   * A Horizon API for `@stellar/stellar-sdk` as a Fetch handler. Rejects only for an injected `drop` fault.
   * Its root answers at `/`, at the path of `horizonUrl`, and at `options.mountPath` (the path a
   * server serves it under, e.g. `/horizon`).
   */
  horizon(request: Request, options?: { mountPath?: string }): Promise<Response>;
  /** Fault injection for `platformApi` and `horizon`. */
  readonly faults: Faults;
}

export type { FaultRule, Faults };

/** The four 32-bit words of a seeded random stream's position (sfc32's state), each an integer 0 … 2³²−1. */
export type SnapshotRandomState = [number, number, number, number];

/** A payment in a {@link PiNetworkSnapshot}. Amounts are integer stroops (1 π = 10⁷) as decimal strings. */
export interface SnapshotPayment {
  identifier: string;
  userUid: string;
  direction: Direction;
  /** Stroops, a decimal string (`"31415000"` for 3.1415 π). */
  amount: string;
  memo: string;
  metadata: Record<string, unknown>;
  from: string;
  to: string;
  /** The PaymentDTO's `created_at` (ISO 8601). */
  createdAt: string;
  /** The same instant in ms since the epoch (the clock's value, which orders payments). */
  createdAtMs: number;
  status: PaymentStatus;
  /** The blockchain transaction; its `_link` is rebuilt from the restored network's `horizonUrl`. */
  transaction: { txid: string; verified: boolean } | null;
  /** Why it was cancelled, for a cancelled payment; else `null`. */
  cancelReason: CancelReason | null;
  /** For a U2A payment awaiting the app's approval: when it expires (ms since the epoch); else `null`. */
  approvalExpiresAt: number | null;
}

/** An account of the simulated ledger in a {@link PiNetworkSnapshot}. */
export interface SnapshotAccount {
  /** Stellar address (`G…`). */
  address: string;
  /** Stroops, a decimal string. */
  balance: string;
  /** The account's sequence number, a decimal string (a 64-bit integer). */
  sequence: string;
  lastModifiedLedger: number;
  /** ms since the epoch. */
  lastModifiedAt: number;
}

/** An operation of a transaction submitted to the simulated Horizon, in a {@link PiNetworkSnapshot}. Its id is derived from the ledger and its position. */
export interface SnapshotOperation {
  type: string;
  source: string;
  from: string;
  to: string;
  /** Stroops, a decimal string. */
  amount: string;
  successful: boolean;
}

/**
 * A transaction of the simulated ledger in a {@link PiNetworkSnapshot}. Numbers of 64 bits
 * (sequence, fees in stroops, amounts in stroops, time bounds in seconds) are decimal strings.
 * `wallet`: a payment the simulated wallet signed (`submitTransaction`), kept as its fields and
 * signed again on restore (Ed25519 signatures are deterministic); `submitted`: one submitted to
 * Horizon, kept as it was sent and answered. Its close time is the ledger's (`closeTimes`).
 */
export type SnapshotTransaction =
  | {
      kind: 'wallet';
      hash: string;
      ledger: number;
      source: string;
      destination: string;
      sequence: string;
      fee: string;
      memo: string;
      /** The upper time bound, seconds since the epoch. */
      maxTime: string;
      amount: string;
    }
  | {
      kind: 'submitted';
      hash: string;
      ledger: number;
      source: string;
      sequence: string;
      maxFee: string;
      feeCharged: string;
      memoType: 'none' | 'text' | 'id' | 'hash' | 'return';
      memo: string | null;
      /** The text memo's bytes, base64. */
      memoBytes: string | null;
      /** Seconds since the epoch. */
      timeBounds: { min: string; max: string } | null;
      /** `tx_success`, or `tx_failed` (applied with its fee charged, no operation applied). */
      resultCode: 'tx_success' | 'tx_failed';
      opResults: string[];
      operations: SnapshotOperation[];
      /** Base64 XDR, as submitted and as answered. */
      envelopeXdr: string;
      resultXdr: string;
      /** Base64 signatures. */
      signatures: string[];
    };

/** The simulated ledger in a {@link PiNetworkSnapshot}. Ledger numbers start at the genesis ledger, 1000000. */
export interface SnapshotLedger {
  /** When the genesis ledger closed (the network's creation), ms since the epoch. */
  genesisClosedAt: number;
  /** When each later ledger closed, in order (ms since the epoch): the last closed ledger is 1000000 + `closeTimes.length`. */
  closeTimes: number[];
  accounts: SnapshotAccount[];
  /** Oldest first. */
  transactions: SnapshotTransaction[];
}

/**
 * The whole state of a simulated Pi network, from `network.snapshot()`, for `restorePiNetwork`:
 * plain JSON (`JSON.stringify` keeps all of it; 64-bit numbers are decimal strings, exact).
 * It holds the app's API key and every wallet's secret seed: simulator secrets, kept like the
 * network's other test data. Version 1; a later version of the shape gets a new `version`, and
 * `restorePiNetwork` names the version it reads when it meets another.
 */
export interface PiNetworkSnapshot {
  /** What this object is. */
  format: 'pi-kit-simulator-state';
  /** The version of this shape. */
  version: 1;
  /** When it was taken, by the network's clock (ms since the epoch). */
  takenAt: number;
  /** How far `advanceClock` had moved the clock ahead, in ms (kept: the restored clock goes on from there). */
  clockOffsetMs: number;
  seed: number;
  network: AppNetwork;
  horizonUrl: string;
  /** The ledger's base fee, stroops as a decimal string. */
  baseFee: string;
  ongoingA2U: 'app' | 'user';
  timings: PiNetworkTimings;
  /** The app's API key and wallet secret seed (its address follows from the seed). */
  app: { apiKey: string; walletSecret: string };
  /** The users, in the order they were added; each wallet's address follows from its secret seed. */
  users: Array<{ uid: string; username: string; walletSecret: string }>;
  /** Access tokens `authenticate` issued (expired ones included). `validUntil`: ms since the epoch. */
  accessTokens: Array<{ accessToken: string; uid: string; scopes: Scope[]; validUntil: number }>;
  /** Every payment, both directions, oldest first. */
  payments: SnapshotPayment[];
  /** The rewarded ads, oldest first. */
  ads: AdNetworkStatusDTO[];
  ledger: SnapshotLedger;
  /** Where each seeded random stream is: ids and tokens, wallet keys, user uids, fault rates. */
  random: { ids: SnapshotRandomState; keys: SnapshotRandomState; uids: SnapshotRandomState; faults: SnapshotRandomState };
  /** The event log, oldest first (`seq` 1 … n): the restored log goes on at n + 1. */
  events: SimEvent[];
}

/**
 * Options of `restorePiNetwork`: the clock, timings and how the network is served may change
 * across a restart; what the state is made of may not. `seed`, `network`, `baseFee`,
 * `app.apiKey` and `app.walletSecret` are accepted only when they equal the snapshot's (so the
 * same options can be passed at every start); users and balances are in the snapshot (add users
 * with `addUser`, change balances with `setBalance`).
 */
export interface RestorePiNetworkOptions extends Omit<PiNetworkOptions, 'users' | 'app'> {
  app?: { apiKey?: string; walletSecret?: string };
}
