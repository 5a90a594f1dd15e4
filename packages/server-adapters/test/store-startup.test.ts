/**
 * What the SQL store sends when a process starts: on a database that already has its table, one
 * catalog check and no DDL (serverless cold starts pay each statement); on an empty one, the
 * schema, table and index. On PGlite and on PostgreSQL.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPGlite } from '../../../tests/support/pglite';
import { ensurePostgres, freshSchema, PG_URL } from '../../../tests/support/postgres';
import { createSqlStore, type SqlQueryable } from '../src/store/sql';

let pool: pg.Pool | undefined;
afterAll(async () => {
  await pool?.end();
});

const databases: Record<string, () => Promise<SqlQueryable>> = {
  pglite: async () => (await sharedPGlite()) as unknown as SqlQueryable,
  postgres: async () => {
    await ensurePostgres();
    pool ??= new pg.Pool({ connectionString: PG_URL, max: 2 });
    return pool as unknown as SqlQueryable;
  },
};

/** `db`, noting the first word of every statement sent. */
function recording(db: SqlQueryable): { db: SqlQueryable; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    db: {
      query: ((sql: string, params?: unknown[]) => {
        sent.push(sql.trim().split(/\s+/).slice(0, 2).join(' '));
        return db.query(sql, params as never);
      }) as SqlQueryable['query'],
    },
  };
}

describe.each(Object.keys(databases))('SQL store start-up on %s', (name) => {
  it('creates the schema, table and index on an empty database; later starts send one catalog check and no DDL', async () => {
    const schema = freshSchema('startup');
    const base = await databases[name]!();
    const first = recording(base);
    await createSqlStore({ db: first.db, schema }).ready();
    expect(first.sent).toEqual([
      'SELECT to_regclass($1)',
      'CREATE SCHEMA',
      'CREATE TABLE',
      'CREATE INDEX',
      `UPDATE "${schema}"."pikit_payments"`,
    ]);

    const again = recording(base);
    const store = createSqlStore({ db: again.db, schema });
    await store.ready();
    expect(again.sent).toEqual(['SELECT to_regclass($1)', `UPDATE "${schema}"."pikit_payments"`]);
    // and it works
    expect(await store.insert({ paymentId: 'p-1', uid: 'u', amount: 1, memo: 'm', metadata: {}, state: 'approving' })).toBe(true);
    expect(await store.get('p-1')).toMatchObject({ paymentId: 'p-1', state: 'approving' });
    await base.query(`DROP SCHEMA "${schema}" CASCADE`);
  });
});
