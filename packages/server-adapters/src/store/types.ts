/**
 * What the server keeps per payment, and the atomic state changes that make
 * approval and delivery happen once, across retries, concurrent requests and processes.
 */

/**
 * The life of a payment on the app's server:
 *
 * ```
 * approving ─▶ approved ─▶ completing ─────────────▶ delivered
 *     │          │  ▲          │                          ▲
 *     ▼          ▼  └──────────┤ (/complete failed)       │
 *  refused   cancelled         ▼                          │
 *                          completed ─▶ delivering ───────┘
 *              (a failed delivery, or one reconcile() found completed on Pi)
 * ```
 * - `approving`: `onApprove` runs / `/approve` is being called (claimed, with a lease);
 * - `approved`: `onApprove` accepted it; written while `/approve` is called (re-called by a re-invoked
 *   approve if Pi did not take it); `/complete` is called from here;
 * - `completing`: one request claimed the delivery (with a lease) while `/complete` is called (the
 *   complete route claims it while it reads Pi, and records the txid with the outcome once checked); `onComplete` runs in this state only once `/complete` answered 200. A failed
 *   `/complete` gives it back (`approved`); an expired claim is taken over (its holder died);
 * - `completed`: Pi answered `/complete` with 200; delivery still owed (a failed delivery, or
 *   recovery by `reconcile()` of a payment Pi reports completed);
 * - `delivering`: one process claimed the delivery of a `completed` payment (`onComplete` running,
 *   with a lease); only ever after Pi answered `/complete` with 200;
 * - `delivered`: `onComplete` returned; final;
 * - `cancelled`: released (`onCancel` called); final;
 * - `refused`: `onApprove` refused it; a re-invoked approve checks again.
 */
export type PaymentState = 'approving' | 'approved' | 'completing' | 'completed' | 'delivering' | 'delivered' | 'cancelled' | 'refused';

/** Every state, in flow order. */
export const PAYMENT_STATES: readonly PaymentState[] = [
  'approving',
  'approved',
  'completing',
  'completed',
  'delivering',
  'delivered',
  'cancelled',
  'refused',
];

/** States with nothing left to do. */
export const FINAL_STATES: readonly PaymentState[] = ['delivered', 'cancelled', 'refused'];

/** One payment as the store keeps it. Times are epoch milliseconds; `amount` in π. */
export interface PaymentRecord {
  paymentId: string;
  /** The Pi user (app-specific uid) verified with `GET /v2/me`, or Pi's `user_uid`. */
  uid: string;
  amount: number;
  memo: string;
  metadata: Record<string, unknown>;
  state: PaymentState;
  /** The blockchain transaction id, once known. */
  txid: string | null;
  /** Who holds the current claim (`approving` / `completing` / `delivering`), and until when. */
  claimOwner: string | null;
  claimExpiresAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** The fields given when a record is first written. */
export type NewPaymentRecord = Pick<PaymentRecord, 'paymentId' | 'uid' | 'amount' | 'memo' | 'metadata' | 'state'> & {
  txid?: string | null;
  /** Claim the new record for `owner` for `leaseMs`. */
  claim?: { owner: string; leaseMs: number };
};

/**
 * A conditional state change, applied atomically: it happens only when the record's
 * state is one of `from` (and, with `owner`, the claim is held by `owner`), or — with
 * `takeOverExpired` — when the record is in `to` under a claim whose lease has expired.
 */
export interface Transition {
  from: readonly PaymentState[];
  to: PaymentState;
  /** Require the current claim to be held by this owner. */
  owner?: string;
  /** Set a claim on the record (`to` is then a claimed state); omitted: the claim is cleared. */
  claim?: { owner: string; leaseMs: number };
  /** Also match a record already in `to` whose claim expired (a crashed process). */
  takeOverExpired?: boolean;
  /** Set the txid. */
  txid?: string;
}

/**
 * Durable storage of payments for `createPaymentHandlers`. Implementations must make
 * `insert` and `transition` atomic (one row, compare-and-set), so that of many
 * concurrent callers — in one process or many sharing a database — exactly one wins.
 *
 * Shipped: `createMemoryStore()` (one process, tests) and `createSqlStore()` (PGlite or
 * PostgreSQL through `pg`).
 */
export interface PaymentStore {
  /** The record of a payment, or `undefined`. */
  get(paymentId: string): Promise<PaymentRecord | undefined>;
  /** Writes a new record unless one exists. Resolves `true` when this call wrote it. */
  insert(record: NewPaymentRecord): Promise<boolean>;
  /** Applies `transition` atomically. Resolves the updated record, or `undefined` when its conditions did not hold. */
  transition(paymentId: string, transition: Transition): Promise<PaymentRecord | undefined>;
  /** Records in the given states, oldest first (for `reconcile()`). */
  list(states: readonly PaymentState[]): Promise<PaymentRecord[]>;
  /** Releases resources (closes the database connection when the store opened it). */
  close?(): Promise<void>;
}
