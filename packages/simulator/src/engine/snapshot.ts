/**
 * The snapshot format of a simulated network (`PiNetworkSnapshot`, version 1): reading one back
 * (every field checked, so a damaged or foreign file fails with a clear `invalid_state` instead of
 * a network that breaks later), the options a restore accepts, and the payments as plain JSON.
 * The ledger, the accounts and the event log write and read their own parts.
 */
import type { PaymentRecord } from './state-records';
import { PiNetworkError, PiNetworkStateError } from './errors';
import type { PiNetworkSnapshot, RestorePiNetworkOptions, SnapshotPayment } from './types';

/** The `format` of every snapshot. */
export const SNAPSHOT_FORMAT = 'pi-kit-simulator-state';
/** The version of the snapshot shape this engine writes and reads. */
export const SNAPSHOT_VERSION = 1;

type Check = (value: unknown, path: string) => void;

function fail(path: string, what: string): never {
  throw new PiNetworkStateError('invalid_state', `The snapshot is invalid: ${path || 'it'} ${what}.`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

const string: Check = (v, p) => {
  if (typeof v !== 'string') fail(p, 'must be a string');
};
const nonEmpty: Check = (v, p) => {
  if (typeof v !== 'string' || v.length === 0) fail(p, 'must be a non-empty string');
};
const boolean: Check = (v, p) => {
  if (typeof v !== 'boolean') fail(p, 'must be true or false');
};
const finite: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(p, 'must be a finite number');
};
const integer: Check = (v, p) => {
  if (!Number.isSafeInteger(v)) fail(p, 'must be an integer');
};
const uint32: Check = (v, p) => {
  if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 0xffffffff) fail(p, 'must be an integer 0 … 4294967295');
};
/** A 64-bit integer ≥ 0 (stroops, sequence numbers, seconds) as a decimal string. */
const digits: Check = (v, p) => {
  if (typeof v !== 'string' || !/^\d{1,20}$/.test(v)) fail(p, 'must be a whole number ≥ 0 written as a decimal string');
};
const oneOf =
  (...values: unknown[]): Check =>
  (v, p) => {
    if (!values.includes(v)) fail(p, `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);
  };
const nullable =
  (check: Check): Check =>
  (v, p) => {
    if (v !== null) check(v, p);
  };
const arrayOf =
  (check: Check, length?: number): Check =>
  (v, p) => {
    if (!Array.isArray(v)) fail(p, 'must be an array');
    if (length !== undefined && v.length !== length) fail(p, `must have ${length} items`);
    v.forEach((item, i) => {
      check(item, `${p}[${i}]`);
    });
  };
const object =
  (shape: Record<string, Check>): Check =>
  (v, p) => {
    if (!isRecord(v)) fail(p, 'must be an object');
    for (const [key, check] of Object.entries(shape)) check(v[key], p ? `${p}.${key}` : key);
  };
const plainObject: Check = (v, p) => {
  if (!isRecord(v)) fail(p, 'must be an object');
};

const randomState = arrayOf(uint32, 4);
const timing: Check = (v, p) => {
  finite(v, p);
  if ((v as number) < 0) fail(p, 'must be ≥ 0');
};

const PAYMENT = object({
  identifier: nonEmpty,
  userUid: nonEmpty,
  direction: oneOf('user_to_app', 'app_to_user'),
  amount: digits,
  memo: string,
  metadata: plainObject,
  from: string,
  to: string,
  createdAt: string,
  createdAtMs: finite,
  status: object({
    developer_approved: boolean,
    transaction_verified: boolean,
    developer_completed: boolean,
    cancelled: boolean,
    user_cancelled: boolean,
  }),
  transaction: nullable(object({ txid: nonEmpty, verified: boolean })),
  cancelReason: nullable(oneOf('user', 'insufficient_funds', 'developer', 'expired', 'replaced')),
  approvalExpiresAt: nullable(finite),
});

const TRANSACTION: Check = (v, p) => {
  const common = { hash: nonEmpty, ledger: integer, source: nonEmpty, sequence: digits };
  if (isRecord(v) && v.kind === 'wallet')
    return object({ ...common, destination: nonEmpty, fee: digits, memo: string, maxTime: digits, amount: digits })(v, p);
  if (isRecord(v) && v.kind === 'submitted')
    return object({
      ...common,
      maxFee: digits,
      feeCharged: digits,
      memoType: oneOf('none', 'text', 'id', 'hash', 'return'),
      memo: nullable(string),
      memoBytes: nullable(string),
      timeBounds: nullable(object({ min: digits, max: digits })),
      resultCode: oneOf('tx_success', 'tx_failed'),
      opResults: arrayOf(string),
      operations: arrayOf(object({ type: string, source: string, from: string, to: string, amount: digits, successful: boolean })),
      envelopeXdr: string,
      resultXdr: string,
      signatures: arrayOf(string),
    })(v, p);
  fail(`${p}.kind`, 'must be "wallet" or "submitted"');
};

const EVENTS: Check = (v, p) => {
  if (!Array.isArray(v)) fail(p, 'must be an array');
  v.forEach((event, i) => {
    const at = `${p}[${i}]`;
    if (!isRecord(event) || typeof event.type !== 'string') fail(at, 'must be an event with a string `type`');
    if (event.seq !== i + 1) fail(`${at}.seq`, `must be ${i + 1} (events are numbered from 1, in order)`);
    finite(event.at, `${at}.at`);
  });
};

const clockOffset: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(p, 'must be a number of ms ≥ 0');
};

const SNAPSHOT = object({
  takenAt: finite,
  clockOffsetMs: clockOffset,
  seed: finite,
  network: oneOf('Pi Testnet', 'Pi Network'),
  horizonUrl: nonEmpty,
  baseFee: digits,
  ongoingA2U: oneOf('app', 'user'),
  timings: object({ approvalTimeoutMs: timing, callbackRetryMs: timing, completionTimeoutMs: timing, accessTokenTtlMs: timing }),
  app: object({ apiKey: nonEmpty, walletSecret: nonEmpty }),
  users: arrayOf(object({ uid: nonEmpty, username: nonEmpty, walletSecret: nonEmpty })),
  accessTokens: arrayOf(object({ accessToken: nonEmpty, uid: nonEmpty, scopes: arrayOf(string), validUntil: finite })),
  payments: arrayOf(PAYMENT),
  ads: arrayOf(
    object({
      identifier: nonEmpty,
      mediator_ack_status: oneOf(null, 'granted', 'revoked', 'failed'),
      mediator_granted_at: nullable(string),
      mediator_revoked_at: nullable(string),
    }),
  ),
  ledger: object({
    genesisClosedAt: finite,
    closeTimes: arrayOf(finite),
    accounts: arrayOf(
      object({ address: nonEmpty, balance: digits, sequence: digits, lastModifiedLedger: integer, lastModifiedAt: finite }),
    ),
    transactions: arrayOf(TRANSACTION),
  }),
  random: object({ ids: randomState, keys: randomState, uids: randomState, faults: randomState }),
  events: EVENTS,
});

/**
 * `value` as a snapshot this engine can restore, checked field by field (not copied).
 * @throws PiNetworkStateError `invalid_state`: not a simulator state, another version (named), or
 * a field missing or of the wrong type (named by its path, e.g. `payments[3].amount`).
 */
export function readSnapshot(value: unknown): PiNetworkSnapshot {
  if (!isRecord(value) || value.format !== SNAPSHOT_FORMAT)
    throw new PiNetworkStateError('invalid_state', `This is not a simulated Pi network's state (no \`format: "${SNAPSHOT_FORMAT}"\`).`);
  if (value.version !== SNAPSHOT_VERSION) {
    const newer = typeof value.version === 'number' && value.version > SNAPSHOT_VERSION;
    throw new PiNetworkStateError(
      'invalid_state',
      newer
        ? `This state is version ${value.version}, written by a newer @pi-kit/simulator; this one reads version ${SNAPSHOT_VERSION}: update @pi-kit/simulator.`
        : `This state has version ${JSON.stringify(value.version)}; this @pi-kit/simulator reads version ${SNAPSHOT_VERSION}.`,
    );
  }
  SNAPSHOT(value, '');
  return value as unknown as PiNetworkSnapshot;
}

/**
 * What of `options` differs from the snapshot, one phrase each: `seed`, `network`, `baseFee`,
 * `app.apiKey`, `app.walletSecret` given with another value than the snapshot's. Never shows the
 * key or the secret. Empty when the options fit the snapshot.
 */
export function restoreConflicts(saved: PiNetworkSnapshot, options: RestorePiNetworkOptions): string[] {
  const conflicts: string[] = [];
  if (options.network !== undefined && options.network !== saved.network)
    conflicts.push(`network ${JSON.stringify(options.network)} (saved: ${JSON.stringify(saved.network)})`);
  if (options.seed !== undefined && options.seed !== saved.seed) conflicts.push(`seed ${options.seed} (saved: ${saved.seed})`);
  if (options.baseFee !== undefined && String(options.baseFee) !== saved.baseFee)
    conflicts.push(`baseFee ${options.baseFee} (saved: ${saved.baseFee})`);
  if (options.app?.apiKey !== undefined && options.app.apiKey !== saved.app.apiKey)
    conflicts.push('app.apiKey (another key than the saved one)');
  if (options.app?.walletSecret !== undefined && options.app.walletSecret !== saved.app.walletSecret)
    conflicts.push('app.walletSecret (another wallet than the saved one)');
  return conflicts;
}

/**
 * Refuses restore options that would change what the state is made of: `users` and `app.balance`
 * (they are in the snapshot), and any of {@link restoreConflicts}.
 * @throws PiNetworkError `invalid_arguments`.
 */
export function checkRestoreOptions(saved: PiNetworkSnapshot, options: RestorePiNetworkOptions): void {
  const loose = options as RestorePiNetworkOptions & { users?: unknown; app?: { balance?: unknown } };
  if (loose.users !== undefined)
    throw new PiNetworkError(
      'invalid_arguments',
      'restorePiNetwork: the users are in the snapshot; do not pass `users` (add a user with network.addUser).',
    );
  if (loose.app?.balance !== undefined)
    throw new PiNetworkError(
      'invalid_arguments',
      "restorePiNetwork: the app's balance is in the snapshot; do not pass `app.balance` (change it with network.setBalance).",
    );
  const conflicts = restoreConflicts(saved, options);
  if (conflicts.length > 0)
    throw new PiNetworkError(
      'invalid_arguments',
      `restorePiNetwork: the options differ from the snapshot: ${conflicts.join(', ')}. Pass the snapshot's values or leave them out.`,
    );
}

/** A payment as plain JSON. `approvalExpiresAt`: its expiry while it awaits the app's approval. */
export function snapshotPayment(p: PaymentRecord, approvalExpiresAt: number | undefined): SnapshotPayment {
  return {
    identifier: p.identifier,
    userUid: p.userUid,
    direction: p.direction,
    amount: p.amount.toString(),
    memo: p.memo,
    metadata: JSON.parse(p.metadataJson) as Record<string, unknown>,
    from: p.from,
    to: p.to,
    createdAt: p.createdAt,
    createdAtMs: p.createdAtMs,
    status: { ...p.status },
    transaction: p.transaction && { txid: p.transaction.txid, verified: p.transaction.verified },
    cancelReason: p.cancelReason ?? null,
    approvalExpiresAt: approvalExpiresAt ?? null,
  };
}

/** A payment of a snapshot as the engine keeps it; `link` is the `_link` of its transaction. */
export function paymentFromSnapshot(s: SnapshotPayment, link: (txid: string) => string): PaymentRecord {
  const p: PaymentRecord = {
    identifier: s.identifier,
    userUid: s.userUid,
    amount: BigInt(s.amount),
    memo: s.memo,
    metadataJson: JSON.stringify(s.metadata),
    from: s.from,
    to: s.to,
    direction: s.direction,
    createdAt: s.createdAt,
    createdAtMs: s.createdAtMs,
    status: { ...s.status },
    transaction:
      s.transaction && Object.freeze({ txid: s.transaction.txid, verified: s.transaction.verified, _link: link(s.transaction.txid) }),
  };
  if (s.cancelReason !== null) p.cancelReason = s.cancelReason;
  return p;
}
