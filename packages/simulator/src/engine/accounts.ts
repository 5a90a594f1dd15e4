/**
 * The network's users: their wallets (accounts on the ledger), balances, and the access tokens
 * `authenticate` grants (`GET /v2/me`). Part of the engine's pure state.
 *
 * Source: docs/PI-PLATFORM.md ("The browser SDK", "The Platform API").
 */
import { piToStroops, stroopsToPi, type AuthResult, type Scope, type UserDTO } from '@pi-kit/core';
import { walletKeyFromSeed, type WalletKey } from './crypto';
import { PiNetworkError, PiNetworkStateError } from './errors';
import type { Ledger } from './ledger';
import { BASE64URL, type RandomStream } from './random';
import type { TokenRecord, UserRecord } from './state-records';
import type { PiNetworkSnapshot, SimEventInput, SimUser, SimUserInit } from './types';

const DEFAULT_USER_BALANCE = 100;

/** What the accounts need of the network. */
export interface AccountsContext {
  ledger: Ledger;
  /** Streams of the network's seed: user uids, wallet keys, token strings. */
  uids: RandomStream;
  keys: RandomStream;
  ids: RandomStream;
  clock: () => number;
  accessTokenTtlMs: number;
  log(input: SimEventInput): unknown;
}

/** The users of one network, their wallets and access tokens. */
export class Accounts {
  private readonly byUid = new Map<string, UserRecord>();
  private readonly byName = new Map<string, UserRecord>();
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(private readonly ctx: AccountsContext) {}

  /** Adds a user with a new wallet (`balance` in π, default 100). Throws `invalid_arguments` for a taken name or uid. */
  add(init: SimUserInit): SimUser {
    if (!init || typeof init.username !== 'string' || init.username.length === 0)
      throw new PiNetworkError('invalid_arguments', 'addUser: `username` must be a non-empty string.');
    if (this.byName.has(init.username) || this.byUid.has(init.username))
      throw new PiNetworkError('invalid_arguments', `addUser: the username "${init.username}" is taken.`);
    if (init.uid !== undefined && (typeof init.uid !== 'string' || init.uid.length === 0))
      throw new PiNetworkError('invalid_arguments', 'addUser: `uid` must be a non-empty string.');
    const uid = init.uid ?? this.ctx.uids.uuid();
    if (this.byUid.has(uid) || this.byName.has(uid)) throw new PiNetworkError('invalid_arguments', `addUser: the uid "${uid}" is taken.`);
    const balance = stroopsOrThrow(init.balance ?? DEFAULT_USER_BALANCE, true);
    const key = walletKeyFromSeed(this.ctx.keys.bytes(32));
    const user: SimUser = Object.freeze({ uid, username: init.username, walletAddress: key.publicKey, walletSecret: key.secret });
    const record: UserRecord = { user, account: this.ctx.ledger.openAccount(key, balance) };
    this.byUid.set(uid, record);
    this.byName.set(init.username, record);
    this.ctx.log({ type: 'user.added', user: { uid, username: user.username, walletAddress: user.walletAddress } });
    return user;
  }

  /** The user by username or uid, or `undefined`. */
  find(usernameOrUid: string): UserRecord | undefined {
    return this.byUid.get(usernameOrUid) ?? this.byName.get(usernameOrUid);
  }

  /** The user by uid only (Pi's A2U payments name users by uid), or `undefined`. */
  byUidOnly(uid: string): UserRecord | undefined {
    return this.byUid.get(uid);
  }

  /** The user by username or uid. Throws `user_not_found` (404). */
  get(usernameOrUid: string): UserRecord {
    const record = this.find(usernameOrUid);
    if (!record)
      throw new PiNetworkError('user_not_found', `There is no user "${String(usernameOrUid)}" on this network.`, { status: 404 });
    return record;
  }

  all(): SimUser[] {
    return [...this.byUid.values()].map((r) => r.user);
  }

  /** The balance in π of a wallet address, username or uid (0 for an unknown one). */
  balanceOf(address: string): number {
    const account = this.ctx.ledger.account(address) ?? this.find(address)?.account;
    return account ? stroopsToPi(account.balance) : 0;
  }

  /** Sets the balance in π of a user (username or uid) or wallet address. Throws `user_not_found`, `invalid_amount`. */
  setBalance(who: string, amount: number): void {
    const account = this.find(who)?.account ?? this.ctx.ledger.account(who);
    if (!account)
      throw new PiNetworkError('user_not_found', `There is no user or wallet "${String(who)}" on this network.`, { status: 404 });
    account.balance = stroopsOrThrow(amount, true);
  }

  /** Signs the user in: a new access token for `scopes`, valid for `accessTokenTtlMs`. */
  authenticate(usernameOrUid: string, scopes: Scope[]): AuthResult {
    const { user } = this.get(usernameOrUid);
    if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string'))
      throw new PiNetworkError('invalid_arguments', 'authenticate: `scopes` must be an array of strings.');
    const accessToken = this.ctx.ids.string(43, BASE64URL);
    const validUntil = this.ctx.clock() + this.ctx.accessTokenTtlMs;
    const granted = [...new Set(scopes)];
    this.tokens.set(accessToken, { uid: user.uid, scopes: granted, validUntil });
    this.ctx.log({ type: 'user.authenticated', uid: user.uid, scopes: granted, accessToken, validUntil });
    return { accessToken, user: granted.includes('username') ? { uid: user.uid, username: user.username } : { uid: user.uid } };
  }

  /** `GET /v2/me`: the user of a valid access token, `undefined` for an unknown or expired one. */
  me(accessToken: string): UserDTO | undefined {
    const token = typeof accessToken === 'string' ? this.tokens.get(accessToken) : undefined;
    if (!token || token.validUntil <= this.ctx.clock()) return undefined;
    const record = this.byUid.get(token.uid);
    if (!record) return undefined;
    const seconds = Math.floor(token.validUntil / 1000);
    return {
      uid: record.user.uid,
      ...(token.scopes.includes('username') ? { username: record.user.username } : {}),
      credentials: { scopes: [...token.scopes], valid_until: { timestamp: seconds, iso8601: new Date(seconds * 1000).toISOString() } },
    };
  }

  /** The users, in the order they were added, and the access tokens, as plain JSON. */
  snapshot(): Pick<PiNetworkSnapshot, 'users' | 'accessTokens'> {
    return {
      users: [...this.byUid.values()].map(({ user }) => ({ uid: user.uid, username: user.username, walletSecret: user.walletSecret })),
      accessTokens: [...this.tokens].map(([accessToken, t]) => ({
        accessToken,
        uid: t.uid,
        scopes: [...t.scopes],
        validUntil: t.validUntil,
      })),
    };
  }

  /**
   * Restores the users of a snapshot, with the wallet key of each (derived from its secret), into
   * these new, empty accounts, and the access tokens; the ledger already has their wallets. Logs
   * nothing. Throws `PiNetworkStateError` (`invalid_state`) for a repeated name or uid, a wallet
   * missing from the ledger, or a token of an unknown user.
   */
  restore(
    users: ReadonlyArray<{ uid: string; username: string; key: Required<WalletKey> }>,
    accessTokens: PiNetworkSnapshot['accessTokens'],
  ): void {
    const invalid = (what: string): never => {
      throw new PiNetworkStateError('invalid_state', `The snapshot is invalid: ${what}.`);
    };
    users.forEach(({ uid, username, key }, i) => {
      if (this.find(uid) || this.find(username)) invalid(`users[${i}] repeats the username or uid of another user`);
      const account = this.ctx.ledger.account(key.publicKey) ?? invalid(`the wallet of users[${i}] is not on the ledger`);
      const user: SimUser = Object.freeze({ uid, username, walletAddress: key.publicKey, walletSecret: key.secret });
      const record: UserRecord = { user, account };
      this.byUid.set(uid, record);
      this.byName.set(username, record);
    });
    accessTokens.forEach(({ accessToken, uid, scopes, validUntil }, i) => {
      if (!this.byUid.has(uid)) invalid(`accessTokens[${i}] is of an unknown user`);
      this.tokens.set(accessToken, { uid, scopes: [...scopes], validUntil });
    });
  }
}

/** An amount in π as stroops, ≥ 0 (or > 0), else `invalid_amount`. */
export function stroopsOrThrow(amount: unknown, allowZero = false): bigint {
  const stroops = piToStroops(amount);
  if (stroops === undefined || stroops < 0n || (!allowZero && stroops === 0n))
    throw new PiNetworkError(
      'invalid_amount',
      `Invalid amount ${JSON.stringify(amount)}: use a finite number of π ${allowZero ? '≥ 0' : '> 0'} with at most 7 decimal places.`,
    );
  return stroops;
}
