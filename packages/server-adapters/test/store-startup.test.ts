/**
 * What the SQL store sends when a process starts: on a database that already has its table, one
 * catalog check and no DDL (serverless cold starts pay each statement); on an empty one, the
 * schema, table and index. On PGlite and on PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { freshSchema } from '../../../tests/support/postgres';
import { createSqlStore } from '../src/store/sql';
import { recordingDb } from './support/recording-db';
import { useSqlDatabases } from './support/sql-databases';

const databases = useSqlDatabases();

describe.each(['pglite', 'postgres'] as const)('SQL store start-up on %s', (name) => {
  it('creates the schema, table and index on an empty database; later starts send one catalog check and no DDL', async () => {
    const schema = freshSchema('startup');
    const base = await databases[name]();
    const first = recordingDb(base);
    await createSqlStore({ db: first.db, schema }).ready();
    expect(first.sent).toEqual([
      'SELECT to_regclass($1)',
      'CREATE SCHEMA',
      'CREATE TABLE',
      'CREATE INDEX',
      `UPDATE "${schema}"."pikit_payments"`,
    ]);

    const again = recordingDb(base);
    const store = createSqlStore({ db: again.db, schema });
    await store.ready();
    expect(again.sent).toEqual(['SELECT to_regclass($1)', `UPDATE "${schema}"."pikit_payments"`]);
    // and it works
    expect(await store.insert({ paymentId: 'p-1', uid: 'u', amount: 1, memo: 'm', metadata: {}, state: 'approving' })).toBe(true);
    expect(await store.get('p-1')).toMatchObject({ paymentId: 'p-1', state: 'approving' });
    await base.query(`DROP SCHEMA "${schema}" CASCADE`);
  });
});
