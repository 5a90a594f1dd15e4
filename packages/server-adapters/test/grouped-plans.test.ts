/**
 * How the database runs the SQL store's grouped statements (group commit) on a table of
 * thousands of payments, on PGlite and on PostgreSQL: each finds its rows through the primary
 * key, never by reading the whole table. (The planner takes `jsonb_to_recordset` for 100 rows
 * whatever it holds: a grouped transition joined on it alone was planned as a hash join over a
 * scan of the whole table until the table held tens of thousands of payments.)
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPGlite } from '../../../tests/support/pglite';
import { ensurePostgres, freshSchema, PG_URL } from '../../../tests/support/postgres';
import { createSqlStore, type SqlQueryable } from '../src/store/sql';
import type { NewPaymentRecord } from '../src/store/types';

const PAYMENTS = 3_000;

const record = (paymentId: string): NewPaymentRecord => ({
  paymentId,
  uid: 'uid-1',
  amount: 1,
  memo: 'Cup of coffee',
  metadata: { productId: 'coffee' },
  state: 'approving',
  claim: { owner: `approve-${paymentId}`, leaseMs: 60_000 },
});

/** The plan's nodes that read a relation, as `Node Type on relation`. */
function scans(plan: unknown): string[] {
  const node = plan as { 'Node Type'?: string; 'Relation Name'?: string; Plans?: unknown[] };
  const own = node['Relation Name'] ? [`${node['Node Type']} on ${node['Relation Name']}`] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scans)];
}

let pool: pg.Pool | undefined;
afterAll(() => pool?.end());

const databases: Record<string, () => Promise<SqlQueryable>> = {
  pglite: async () => (await sharedPGlite()) as unknown as SqlQueryable,
  postgres: async () => {
    await ensurePostgres();
    pool ??= new pg.Pool({ connectionString: PG_URL, max: 2 });
    return pool;
  },
};

describe.each(Object.keys(databases))('grouped statements on %s', { timeout: 120_000 }, (name) => {
  const schemas: string[] = [];
  afterAll(async () => {
    const db = await databases[name]!();
    for (const schema of schemas) await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  it(`find their payments through the primary key in a table of ${PAYMENTS} (no scan of the table)`, async () => {
    const db = await databases[name]!();
    const schema = freshSchema('plans');
    schemas.push(schema);
    // The statements the store sends, with their parameters.
    const sent: Array<{ sql: string; params: unknown[] }> = [];
    const recording: SqlQueryable = {
      query: (sql, params) => {
        sent.push({ sql, params: params ?? [] });
        return db.query(sql, params);
      },
    };
    // One statement at a time: the operations that wait behind it go out grouped.
    const store = createSqlStore({ db: recording, schema, maxConcurrentStatements: 1 });
    const ids = Array.from({ length: PAYMENTS }, (_, i) => `p-${i}`);
    expect((await Promise.all(ids.map((id) => store.insert(record(id))))).every(Boolean)).toBe(true);
    await db.query(`ANALYZE "${schema}"."pikit_payments"`);
    sent.length = 0;
    const moved = await Promise.all(
      ids.slice(0, 4).map((id) => store.transition(id, { from: ['approving'], to: 'approved', owner: `approve-${id}` })),
    );
    expect(moved.map((r) => r?.state)).toEqual(['approved', 'approved', 'approved', 'approved']);
    const grouped = sent.filter((s) => s.sql.includes('jsonb_to_recordset'));
    expect(grouped.length).toBeGreaterThan(0);
    for (const { sql, params } of grouped) {
      const { rows } = await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      const [explained] = rows as Array<{ 'QUERY PLAN': Array<{ Plan: unknown }> | string }>;
      const plan = typeof explained!['QUERY PLAN'] === 'string' ? JSON.parse(explained!['QUERY PLAN']) : explained!['QUERY PLAN'];
      const read = scans(plan[0].Plan).filter((s) => s.endsWith(' on pikit_payments'));
      expect(read.length).toBeGreaterThan(0);
      expect(read.filter((s) => s.startsWith('Seq Scan'))).toEqual([]);
    }
  });
});
