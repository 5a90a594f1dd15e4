/**
 * The two databases the SQL store runs on, for tests that run on both: this worker's shared PGlite
 * and the PostgreSQL server of `PIKIT_PG_URL` (started when unreachable; never skipped).
 */
import pg from 'pg';
import { afterAll } from 'vitest';
import { sharedPGlite } from '../../../../tests/support/pglite';
import { ensurePostgres, PG_URL } from '../../../../tests/support/postgres';
import type { SqlQueryable } from '../../src/store/sql';

/**
 * Registers the file's `afterAll` that ends its PostgreSQL pool, and resolves each database by
 * name (`pglite`, `postgres`). Take a fresh schema of your own in it (`freshSchema`).
 */
export function useSqlDatabases(): Record<'pglite' | 'postgres', () => Promise<SqlQueryable>> {
  let pool: pg.Pool | undefined;
  afterAll(async () => {
    await pool?.end();
  });
  return {
    pglite: async () => (await sharedPGlite()) as unknown as SqlQueryable,
    postgres: async () => {
      await ensurePostgres();
      pool ??= new pg.Pool({ connectionString: PG_URL, max: 2 });
      return pool as unknown as SqlQueryable;
    },
  };
}
