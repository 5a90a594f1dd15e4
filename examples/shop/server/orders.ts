/**
 * The shop's orders, kept in the same database as pi-kit's payment store, so a
 * restart loses nothing. An order is created when its payment is approved and
 * marked paid only from `onComplete`, i.e. after Pi's `/complete` answered 200.
 */
import type { SqlQueryable } from '@pi-kit/server-adapters';
import type { Order } from '../shared/catalog';

export interface OrderRepository {
  ready(): Promise<void>;
  /** Records a pending order for an approved payment; a repeated call for the same payment changes nothing. */
  createPending(order: { paymentId: string; productId: string; uid: string; amount: number }): Promise<void>;
  /** Marks the order paid. Returns false if it was already paid (the caller must not deliver twice). */
  markPaid(paymentId: string, txid: string | null): Promise<boolean>;
  markCancelled(paymentId: string): Promise<void>;
  listForUser(uid: string): Promise<Order[]>;
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
}

export function createOrderRepository(db: SqlQueryable): OrderRepository {
  let migrated: Promise<void> | undefined;
  const ready = () =>
    (migrated ??= db
      .query(
        `CREATE TABLE IF NOT EXISTS shop_orders (
          payment_id TEXT PRIMARY KEY,
          product_id TEXT NOT NULL,
          uid TEXT NOT NULL,
          amount NUMERIC(30, 7) NOT NULL,
          status TEXT NOT NULL,
          txid TEXT,
          created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
          paid_at TIMESTAMPTZ)`,
      )
      .then(() => undefined));

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
      await ready();
      const { rows } = await db.query(
        `UPDATE shop_orders SET status = 'paid', txid = $2, paid_at = now()
         WHERE payment_id = $1 AND status <> 'paid' RETURNING payment_id`,
        [paymentId, txid],
      );
      return rows.length === 1;
    },
    async markCancelled(paymentId) {
      await ready();
      await db.query(`UPDATE shop_orders SET status = 'cancelled' WHERE payment_id = $1 AND status = 'pending'`, [paymentId]);
    },
    async listForUser(uid) {
      await ready();
      const { rows } = await db.query(`SELECT * FROM shop_orders WHERE uid = $1 ORDER BY created_at DESC, payment_id`, [uid]);
      return (rows as OrderRow[]).map((row) => ({
        paymentId: row.payment_id,
        productId: row.product_id,
        uid: row.uid,
        amount: Number(row.amount),
        status: row.status,
        txid: row.txid,
        createdAt: new Date(row.created_at).toISOString(),
        paidAt: row.paid_at === null ? null : new Date(row.paid_at).toISOString(),
      }));
    },
  };
}
