/**
 * One payment's store calls as the handlers make them, for the tests of how the SQL store sends
 * its statements (named statements on PostgreSQL, prepared statements on PGlite).
 */
import { expect } from 'vitest';
import type { createSqlStore } from '../../src/store/sql';
import type { NewPaymentRecord, PaymentRecord } from '../../src/store/types';

/** A new payment in `approving`, its approval claimed by `approve-{paymentId}`. */
export const newRecord = (paymentId: string, uid = 'uid-1'): NewPaymentRecord => ({
  paymentId,
  uid,
  amount: 3.1415926,
  memo: 'Cup of coffee ☕ — “π”',
  metadata: { productId: 'coffee', nested: { list: [1, 'two', null] } },
  state: 'approving',
  claim: { owner: `approve-${paymentId}`, leaseMs: 60_000 },
});

/**
 * Approve and complete `paymentId`: the insert (which must succeed), `approved`, the delivery
 * claim and `delivered`; resolves the records the three transitions returned.
 */
export async function storeFlow(store: ReturnType<typeof createSqlStore>, paymentId: string): Promise<Array<PaymentRecord | undefined>> {
  expect(await store.insert(newRecord(paymentId))).toBe(true);
  const approved = await store.transition(paymentId, { from: ['approving'], to: 'approved', owner: `approve-${paymentId}` });
  const claim = { owner: `complete-${paymentId}`, leaseMs: 60_000 };
  const completing = await store.transition(paymentId, {
    from: ['approving', 'approved'],
    to: 'completing',
    claim,
    txid: `tx-${paymentId}`,
    takeOverExpired: true,
  });
  const delivered = await store.transition(paymentId, { from: ['completing'], to: 'delivered', owner: claim.owner });
  return [approved, completing, delivered];
}

/** The statements prepared in the session of `db` (a PGlite instance or a pg.Client), by name. */
export async function preparedStatements(db: { query(sql: string): Promise<{ rows: unknown[] }> }): Promise<Map<string, string>> {
  const { rows } = (await db.query('SELECT name, statement FROM pg_prepared_statements')) as {
    rows: Array<{ name: string; statement: string }>;
  };
  return new Map(rows.map((r) => [r.name, r.statement]));
}
