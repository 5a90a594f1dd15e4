/**
 * A real PostgreSQL server for the SQL store tests: `PIKIT_PG_URL`, default
 * postgres://pikit:pikit@127.0.0.1:5432/pikit. When it is unreachable, runs
 * `scripts/ensure-postgres.sh` once; if it still is, the tests fail with a clear message
 * (never skipped).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const PG_URL = process.env.PIKIT_PG_URL ?? 'postgres://pikit:pikit@127.0.0.1:5432/pikit';

async function reachable(): Promise<unknown> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => {});
  }
}

let ensured: Promise<void> | undefined;

/** Resolves once PostgreSQL at {@link PG_URL} answers; rejects with what to do otherwise. */
export function ensurePostgres(): Promise<void> {
  ensured ??= (async () => {
    if ((await reachable()) === undefined) return;
    const script = fileURLToPath(new URL('../../scripts/ensure-postgres.sh', import.meta.url));
    let output = '';
    try {
      output = execFileSync('bash', [script], { encoding: 'utf8', timeout: 240_000, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      output = String((error as { stderr?: string }).stderr ?? error);
    }
    const error = await reachable();
    if (error !== undefined) {
      throw new Error(
        `PostgreSQL is not reachable at ${PG_URL} (set PIKIT_PG_URL, or run \`bash scripts/ensure-postgres.sh\` as root). ` +
          `ensure-postgres.sh said: ${output.trim()}. Last error: ${String(error)}`,
      );
    }
  })();
  return ensured;
}

/** A fresh schema name for one test run. */
export function freshSchema(label: string): string {
  return `pikit_test_${label}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
