/**
 * The shop's orders, kept in the same database as pi-kit's payment store, so a
 * restart loses nothing. An order is created when its payment is approved and
 * marked paid only from `onComplete`, i.e. after Pi's `/complete` answered 200.
 *
 * Refunds (A2U payments back to the buyer) move a paid order to `refunding` with an
 * atomic claim (one conditional `UPDATE … RETURNING`), record the A2U payment id and
 * txid as soon as they are known, and reach `refunded` only after Pi's A2U `/complete`
 * answered 200. Every change is conditional on the current state, so any number of
 * requests or processes sharing the database cannot refund an order twice.
 */
import type { SqlQueryable } from '@pi-kit/server-adapters';
import type { Order } from '../shared/catalog';

/** How long a refund claim holds before another request may take over (a process that died mid-refund). */
export const REFUND_CLAIM_SECONDS = 120;

/** SQL: a refund no request holds (its claim released, or expired), which a request may take over. */
const UNCLAIMED_REFUND = `status = 'refunding' AND (refund_claimed_until IS NULL OR refund_claimed_until < now())`;

export interface OrderRepository {
  ready(): Promise<void>;
  /** Records a pending order for an approved payment; a repeated call for the same payment changes nothing. */
  createPending(order: { paymentId: string; productId: string; uid: string; amount: number }): Promise<void>;
  /** Marks the order paid. Returns false if it was already paid (the caller must not deliver twice). */
  markPaid(paymentId: string, txid: string | null): Promise<boolean>;
  markCancelled(paymentId: string): Promise<void>;
  listForUser(uid: string): Promise<Order[]>;
  /** Orders that were paid (paid, refunding, refunded), newest first: the admin's list. */
  listPaid(): Promise<Order[]>;
  find(paymentId: string): Promise<Order | undefined>;
  /**
   * Claims the order for a refund: a `paid` order, or a `refunding` one whose earlier attempt
   * released its claim (failed) or let it expire (crashed). Returns the order, or `undefined`
   * when another request holds it or it is not refundable (not paid, already refunded).
   */
  claimRefund(paymentId: string): Promise<Order | undefined>;
  /** Records the A2U payment of a claimed refund (before paying it, so a retry finds it). */
  setRefundPayment(paymentId: string, refundPaymentId: string): Promise<void>;
  /** Swaps the refund's A2U payment for a new one, when Pi cancelled the old one before it had a transaction. */
  replaceRefundPayment(paymentId: string, cancelledId: string, refundPaymentId: string): Promise<void>;
  /** Records the txid of the refund's transaction. */
  setRefundTxid(paymentId: string, txid: string): Promise<void>;
  /** `refunding` → `refunded`, after Pi's A2U `/complete` answered 200. Returns false if it was not `refunding`. */
  markRefunded(paymentId: string): Promise<boolean>;
  /** Lets a later request retry a refund that failed (the order stays `refunding` with what is known). */
  releaseRefundClaim(paymentId: string): Promise<void>;
  /** Refunds that stopped halfway: `refunding` orders no request holds (released, or its claim expired), oldest first. */
  listUnfinishedRefunds(): Promise<Order[]>;
}

interface OrderRow {
  payment_id: string;
  product_id: string;
  uid: string;
  amount: string | number;
  status: Order['status'];
  txid: string | null;
  created_at: string | Date;
  paid_at: string | Date | null;
  refund_payment_id: string | null;
  refund_txid: string | null;
  refunded_at: string | Date | null;
}

const iso = (value: string | Date | null): string | null => (value === null ? null : new Date(value).toISOString());

function toOrder(row: OrderRow): Order {
  return {
    paymentId: row.payment_id,
    productId: row.product_id,
    uid: row.uid,
    amount: Number(row.amount),
    status: row.status,
    txid: row.txid,
    createdAt: new Date(row.created_at).toISOString(),
    paidAt: iso(row.paid_at),
    refund:
      row.refund_payment_id === null ? null : { paymentId: row.refund_payment_id, txid: row.refund_txid, refundedAt: iso(row.refunded_at) },
  };
}

export function createOrderRepository(db: SqlQueryable): OrderRepository {
  let migrated: Promise<void> | undefined;
  const ready = () =>
    (migrated ??= (async () => {
      await db.query(
        `CREATE TABLE IF NOT EXISTS shop_orders (
          payment_id TEXT PRIMARY KEY,
          product_id TEXT NOT NULL,
          uid TEXT NOT NULL,
          amount NUMERIC(30, 7) NOT NULL,
          status TEXT NOT NULL,
          txid TEXT,
          created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
          paid_at TIMESTAMPTZ)`,
      );
      // Added with refunds: databases of earlier demos get the columns too.
      for (const column of ['refund_payment_id TEXT', 'refund_txid TEXT', 'refunded_at TIMESTAMPTZ', 'refund_claimed_until TIMESTAMPTZ']) {
        await db.query(`ALTER TABLE shop_orders ADD COLUMN IF NOT EXISTS ${column}`);
      }
    })());

  async function rows(sql: string, params: unknown[] = []): Promise<Order[]> {
    await ready();
    const result = await db.query(sql, params);
    return (result.rows as OrderRow[]).map(toOrder);
  }

  return {
    ready,
    async createPending({ paymentId, productId, uid, amount }) {
      await ready();
      await db.query(
        `INSERT INTO shop_orders (payment_id, product_id, uid, amount, status) VALUES ($1, $2, $3, $4, 'pending')
         ON CONFLICT (payment_id) DO NOTHING`,
        [paymentId, productId, uid, amount],
      );
    },
    async markPaid(paymentId, txid) {
      // Only a pending (or cancelled-then-completed) order becomes paid: never one paid, refunding or refunded.
      await ready();
      const updated = await db.query(
        `UPDATE shop_orders SET status = 'paid', txid = $2, paid_at = now()
         WHERE payment_id = $1 AND status IN ('pending', 'cancelled') RETURNING payment_id`,
        [paymentId, txid],
      );
      return updated.rows.length === 1;
    },
    async markCancelled(paymentId) {
      await ready();
      await db.query(`UPDATE shop_orders SET status = 'cancelled' WHERE payment_id = $1 AND status = 'pending'`, [paymentId]);
    },
    listForUser: (uid) => rows(`SELECT * FROM shop_orders WHERE uid = $1 ORDER BY created_at DESC, payment_id`, [uid]),
    listPaid: () =>
      rows(`SELECT * FROM shop_orders WHERE status IN ('paid', 'refunding', 'refunded') ORDER BY created_at DESC, payment_id`),
    async find(paymentId) {
      return (await rows(`SELECT * FROM shop_orders WHERE payment_id = $1`, [paymentId]))[0];
    },
    async claimRefund(paymentId) {
      const claimed = await rows(
        `UPDATE shop_orders SET status = 'refunding', refund_claimed_until = now() + make_interval(secs => $2)
         WHERE payment_id = $1
           AND (status = 'paid' OR (${UNCLAIMED_REFUND}))
         RETURNING *`,
        [paymentId, REFUND_CLAIM_SECONDS],
      );
      return claimed[0];
    },
    async setRefundPayment(paymentId, refundPaymentId) {
      await ready();
      await db.query(
        `UPDATE shop_orders SET refund_payment_id = $2 WHERE payment_id = $1 AND status = 'refunding' AND refund_payment_id IS NULL`,
        [paymentId, refundPaymentId],
      );
    },
    async replaceRefundPayment(paymentId, cancelledId, refundPaymentId) {
      await ready();
      await db.query(
        `UPDATE shop_orders SET refund_payment_id = $3 WHERE payment_id = $1 AND status = 'refunding' AND refund_payment_id = $2 AND refund_txid IS NULL`,
        [paymentId, cancelledId, refundPaymentId],
      );
    },
    async setRefundTxid(paymentId, txid) {
      await ready();
      await db.query(`UPDATE shop_orders SET refund_txid = $2 WHERE payment_id = $1 AND status = 'refunding'`, [paymentId, txid]);
    },
    async markRefunded(paymentId) {
      const updated = await rows(
        `UPDATE shop_orders SET status = 'refunded', refunded_at = now(), refund_claimed_until = NULL
         WHERE payment_id = $1 AND status = 'refunding' AND refund_payment_id IS NOT NULL AND refund_txid IS NOT NULL RETURNING *`,
        [paymentId],
      );
      return updated.length === 1;
    },
    async releaseRefundClaim(paymentId) {
      await ready();
      await db.query(`UPDATE shop_orders SET refund_claimed_until = NULL WHERE payment_id = $1 AND status = 'refunding'`, [paymentId]);
    },
    listUnfinishedRefunds: () => rows(`SELECT * FROM shop_orders WHERE ${UNCLAIMED_REFUND} ORDER BY created_at, payment_id`),
  };
}
