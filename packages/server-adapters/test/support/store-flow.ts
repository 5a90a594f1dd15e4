/**
 * One payment's store calls as the handlers make them, for the tests of how the SQL store sends
 * its statements (named statements on PostgreSQL, prepared statements on PGlite).
 */
import { expect } from 'vitest';
import { statementName } from '../../src/store/named-statements';
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

/**
 * Checks that a new store in `schema` prepares each statement of a payment flow once in the
 * session of `db`: the first flow adds three named statements (the insert and the two shapes of
 * transition; `approved` and `delivered` share one text: one state, by its owner), each on the
 * schema's table under the name `statementName` gives its text; two more flows add none. `flow`
 * runs one payment (default {@link storeFlow}; a test may pass one that checks each transition).
 */
export async function expectPreparedOnce(
  db: Parameters<typeof preparedStatements>[0],
  store: ReturnType<typeof createSqlStore>,
  schema: string,
  flow: (store: ReturnType<typeof createSqlStore>, paymentId: string) => Promise<unknown> = storeFlow,
): Promise<void> {
  await store.ready();
  const before = await preparedStatements(db);
  await flow(store, 'p-1');
  const once = await preparedStatements(db);
  const added = [...once.keys()].filter((name) => !before.has(name));
  expect(added).toHaveLength(3);
  for (const name of added) {
    expect(name).toMatch(/^pikit_\d+$/);
    expect(once.get(name)).toContain(`"${schema}"."pikit_payments"`);
    expect(statementName(once.get(name)!)).toBe(name);
  }
  await flow(store, 'p-2');
  await flow(store, 'p-3');
  expect(await preparedStatements(db)).toEqual(once);
}
