/**
 * The SQL {@link PaymentStore}: one implementation for PGlite (embedded PostgreSQL,
 * nothing to install) and PostgreSQL through `pg`, where several app processes share
 * one database. Every state change is one conditional `UPDATE … RETURNING` (or
 * `INSERT … ON CONFLICT DO NOTHING`), which PostgreSQL applies atomically per row:
 * of any number of concurrent callers, across processes, exactly one wins.
 */
import { PiConfigError } from '../errors/config-error';
import type { NewPaymentRecord, PaymentRecord, PaymentState, PaymentStore, Transition } from './types';

/**
 * Anything that runs a parameterised query (`$1, $2, …`) and resolves `{ rows }`:
 * a `PGlite` instance, a `pg.Pool`, or a `pg.Client`.
 */
export interface SqlQueryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface SqlStoreOptions {
  /** A `PGlite` instance, a `pg.Pool` or a `pg.Client`. The store never closes it. */
  db: SqlQueryable;
  /** Table name; default `pikit_payments`. Letters, digits and `_` only. */
  table?: string;
  /** PostgreSQL schema, created if missing; default the connection's search path. */
  schema?: string;
  /** Clock in epoch ms for claim leases; default `Date.now`. */
  now?: () => number;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Creates the SQL store. The table (and schema) is created on first use
 * (`CREATE … IF NOT EXISTS`, safe when several processes start at once).
 *
 * @throws PiConfigError (`invalid_config`) when `db` lacks `query` or a name is not a plain identifier.
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * const store = createSqlStore({ db: new PGlite('./data/pikit') });
 * // or: createSqlStore({ db: new pg.Pool({ connectionString: process.env.DATABASE_URL }) })
 * ```
 */
export function createSqlStore(options: SqlStoreOptions): PaymentStore & { ready(): Promise<void> } {
  const db = options?.db;
  if (!db || typeof db.query !== 'function')
    throw new PiConfigError('createSqlStore: `db` must be a PGlite instance, a pg.Pool or a pg.Client.');
  const table = options.table ?? 'pikit_payments';
  const schema = options.schema;
  for (const [name, value] of [
    ['table', table],
    ['schema', schema],
  ] as const) {
    if (value !== undefined && !IDENTIFIER.test(value))
      throw new PiConfigError(`createSqlStore: \`${name}\` must be a plain SQL identifier (letters, digits, _), got "${value}".`);
  }
  const now = options.now ?? Date.now;
  const t = schema ? `"${schema}"."${table}"` : `"${table}"`;

  let readyPromise: Promise<void> | undefined;
  const ready = () =>
    (readyPromise ??= migrate().catch((error) => {
      readyPromise = undefined;
      throw error;
    }));

  async function migrate(): Promise<void> {
    const statements = [
      ...(schema ? [`CREATE SCHEMA IF NOT EXISTS "${schema}"`] : []),
      `CREATE TABLE IF NOT EXISTS ${t} (
        payment_id TEXT PRIMARY KEY,
        uid TEXT NOT NULL,
        amount NUMERIC(30, 7) NOT NULL,
        memo TEXT NOT NULL,
        metadata JSONB NOT NULL,
        state TEXT NOT NULL,
        txid TEXT,
        claim_owner TEXT,
        claim_expires_at BIGINT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS "${table}_state_idx" ON ${t} (state, created_at)`,
    ];
    for (const sql of statements) {
      for (let attempt = 1; ; attempt++) {
        try {
          await db.query(sql);
          break;
        } catch (error) {
          // Two processes creating the same object at once: the loser sees a duplicate; the object exists.
          const code = (error as { code?: string }).code;
          if (attempt < 3 && (code === '23505' || code === '42P07' || code === '42P06')) continue;
          throw error;
        }
      }
    }
  }

  let migrated = false;
  async function query(sql: string, params: unknown[]): Promise<unknown[]> {
    if (!migrated) {
      await ready();
      migrated = true;
    }
    return (await db.query(sql, params)).rows;
  }

  return {
    ready,
    async get(paymentId) {
      const rows = await query(`SELECT * FROM ${t} WHERE payment_id = $1`, [paymentId]);
      return rows[0] ? toRecord(rows[0]) : undefined;
    },
    async insert(record: NewPaymentRecord) {
      const time = now();
      const rows = await query(
        `INSERT INTO ${t} (payment_id, uid, amount, memo, metadata, state, txid, claim_owner, claim_expires_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $10)
         ON CONFLICT (payment_id) DO NOTHING RETURNING payment_id`,
        [
          record.paymentId,
          record.uid,
          String(record.amount),
          record.memo,
          JSON.stringify(record.metadata ?? {}),
          record.state,
          record.txid ?? null,
          record.claim?.owner ?? null,
          record.claim ? time + record.claim.leaseMs : null,
          time,
        ],
      );
      return rows.length === 1;
    },
    async transition(paymentId: string, tr: Transition) {
      // One statement per shape of transition, only with the conditions it has (no array
      // parameter, no branch that cannot apply): the cheapest plan for the hot path.
      const time = now();
      const params: unknown[] = [paymentId, tr.to, tr.claim?.owner ?? null, tr.claim ? time + tr.claim.leaseMs : null, time];
      const param = (value: unknown) => `$${params.push(value)}`;
      const set = tr.txid !== undefined ? `, txid = ${param(tr.txid)}` : '';
      let applies = tr.from.length ? `state IN (${tr.from.map(param).join(', ')})` : 'FALSE';
      if (tr.owner !== undefined) applies += ` AND claim_owner = ${param(tr.owner)}`;
      if (tr.takeOverExpired === true) applies = `(${applies}) OR (state = $2 AND claim_expires_at IS NOT NULL AND claim_expires_at < $5)`;
      const rows = await query(
        `UPDATE ${t} SET state = $2, claim_owner = $3, claim_expires_at = $4, updated_at = $5${set}
         WHERE payment_id = $1 AND (${applies})
         RETURNING *`,
        params,
      );
      return rows[0] ? toRecord(rows[0]) : undefined;
    },
    async list(states: readonly PaymentState[]) {
      const rows = await query(`SELECT * FROM ${t} WHERE state = ANY($1::text[]) ORDER BY created_at, payment_id`, [[...states]]);
      return rows.map(toRecord);
    },
  };
}

function toRecord(row: unknown): PaymentRecord {
  const r = row as Record<string, unknown>;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    paymentId: String(r.payment_id),
    uid: String(r.uid),
    amount: Number(r.amount),
    memo: String(r.memo),
    metadata: (typeof r.metadata === 'string' ? JSON.parse(r.metadata) : r.metadata) as Record<string, unknown>,
    state: r.state as PaymentState,
    txid: (r.txid as string | null) ?? null,
    claimOwner: (r.claim_owner as string | null) ?? null,
    claimExpiresAt: num(r.claim_expires_at),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
