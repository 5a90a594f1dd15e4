/**
 * The SQL {@link PaymentStore}: one implementation for PGlite (embedded PostgreSQL,
 * nothing to install) and PostgreSQL through `pg`, where several app processes share
 * one database. Every state change is a conditional `UPDATE … RETURNING` (or
 * `INSERT … ON CONFLICT DO NOTHING`), which PostgreSQL applies atomically per row:
 * of any number of concurrent callers, across processes, exactly one wins.
 *
 * Under load the store groups its statements (`statement-queue.ts`): at most
 * `maxConcurrentStatements` run at once, and the operations that wait meanwhile go out
 * together, one statement per kind for many payments, so that a busy server pays one round
 * trip and one commit for many payments. The conditions are the same row by row. With
 * node-postgres the statements are named (prepared once per connection: `named-statements.ts`),
 * and with PGlite too (prepared once per instance: `pglite-statements.ts`).
 */
import { PiConfigError } from '../errors/config-error';
import { ensurePGliteDataDir, explainStartupError } from './pglite-data-dir';
import { decodeJson, decodeText, encodeJson, encodeText } from './text-encoding';
import { createStatementQueue, type QueuedOperation } from './statement-queue';
import { queryNamed, takesNamedStatements } from './named-statements';
import { queryPGlitePrepared, speaksPGliteProtocol } from './pglite-statements';
import type { NewPaymentRecord, PaymentRecord, PaymentState, PaymentStore, Transition } from './types';

interface InsertOperation extends QueuedOperation {
  kind: 'insert';
  record: NewPaymentRecord;
}
interface TransitionOperation extends QueuedOperation {
  kind: 'transition';
  transition: Transition;
}
type Operation = (QueuedOperation & { kind: 'get' }) | InsertOperation | TransitionOperation;

/** Default of `SqlStoreOptions.maxConcurrentStatements`. */
export const DEFAULT_MAX_CONCURRENT_STATEMENTS = 4;
/** Operations sent in one grouped statement, at most. */
const MAX_BATCH = 200;
/**
 * An error the database answered with a SQLSTATE code: the statement was rolled back. Not
 * class 08 (connection exception: the outcome may be unknown), and not a Node error code
 * such as `EPIPE` (SQLSTATE classes starting with a letter are only F0, HV, P0 and XX).
 */
const ROLLED_BACK = /^(?!08)(?:[0-9][0-9A-Z]|F0|HV|P0|XX)[0-9A-Z]{3}$/;

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
  /**
   * Statements this store runs at once (group commit); default 4. Operations that arrive while
   * they run are sent together when one finishes: one statement (and one commit) for many
   * payments. Alone, an operation is sent at once. Keep it below the pool's size so the app's
   * own queries still find a connection; 1 suits PGlite, which runs one statement at a time.
   */
  maxConcurrentStatements?: number;
  /**
   * Send the store's statements as named (prepared) statements, which PostgreSQL parses and plans
   * once per connection (node-postgres's `pg.Pool`, `pg.Client`) or once per PGlite instance
   * instead of at every call; default `true`. PGlite then gets one message per statement instead
   * of six (`pglite-statements.ts`). Set `false` behind a pooler that does not keep prepared
   * statements between transactions (PgBouncer before 1.21 in transaction mode). Other
   * `query(sql, params)` objects get each statement as text either way.
   */
  preparedStatements?: boolean;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Creates the SQL store. On first use one catalog query checks for its table and index; only when
 * they are missing are the table (and schema) created (`CREATE … IF NOT EXISTS`, safe when several
 * processes start at once).
 *
 * A PGlite instance's data folder is created with its parents (`new PGlite('./data/pikit')` works
 * without `./data`).
 *
 * @throws PiConfigError (`invalid_config`) when `db` lacks `query`, a name is not a plain
 * identifier, or PGlite's data folder cannot be created (also from `ready()` and the first
 * operation when PGlite failed to create it before the store existed).
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
  ensurePGliteDataDir(db);
  const now = options.now ?? Date.now;
  const t = schema ? `"${schema}"."${table}"` : `"${table}"`;

  let readyPromise: Promise<void> | undefined;
  const ready = () =>
    (readyPromise ??= migrate().catch((error: unknown) => {
      readyPromise = undefined;
      throw explainStartupError(db, error);
    }));

  const index = schema ? `"${schema}"."${table}_state_idx"` : `"${table}_state_idx"`;

  async function migrate(): Promise<void> {
    // One catalog check: a process starting on a database that has the table (every start but the
    // first; serverless cold starts pay each statement) sends no DDL.
    const [found] = (await db.query('SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AS ready', [t, index]))
      .rows as Array<{ ready: boolean }>;
    const statements = [
      ...(found?.ready ? [] : createStatements()),
      // Early development versions wrote `completing` without a claim before calling /complete. Now
      // `completing` is a claim held while /complete is in flight: such a record is `approved` again
      // (Pi's /complete is idempotent, so the next complete or reconcile() completes it).
      `UPDATE ${t} SET state = 'approved' WHERE state = 'completing' AND claim_owner IS NULL`,
    ];
    await runStatements(statements);
  }

  /** The schema, table and index, each `IF NOT EXISTS` (safe when several processes start at once). */
  function createStatements(): string[] {
    return [
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
  }

  async function runStatements(statements: string[]): Promise<void> {
    for (const sql of statements) {
      for (let attempt = 1; ; attempt++) {
        try {
          await db.query(sql);
          break;
        } catch (error) {
          // Two processes creating the same object at once: the loser sees a duplicate (of the
          // table's row type, its relation, the schema or a catalog key); the object exists.
          const code = (error as { code?: string }).code;
          if (attempt < 5 && (code === '23505' || code === '42P07' || code === '42P06' || code === '42710')) continue;
          throw error;
        }
      }
    }
  }

  const prepared = options.preparedStatements !== false;
  const send: (sql: string, params: unknown[]) => Promise<{ rows: unknown[] }> =
    prepared && takesNamedStatements(db)
      ? (sql, params) => queryNamed(db, sql, params)
      : prepared && speaksPGliteProtocol(db)
        ? (sql, params) => queryPGlitePrepared(db, sql, params)
        : (sql, params) => db.query(sql, params);
  let migrated = false;
  async function query(sql: string, params: unknown[]): Promise<unknown[]> {
    if (!migrated) {
      await ready();
      migrated = true;
    }
    return (await send(sql, params)).rows;
  }

  const statements = createStatementQueue<Operation>({
    maxInFlight: options.maxConcurrentStatements ?? DEFAULT_MAX_CONCURRENT_STATEMENTS,
    maxBatch: MAX_BATCH,
    changedNothing: (error) =>
      typeof (error as { code?: unknown })?.code === 'string' && ROLLED_BACK.test((error as { code: string }).code),
    run: (kind, ops) => (ops.length === 1 ? runOne(ops[0]!).then((r) => [r]) : runBatch(kind, ops)),
  });

  /** One operation, one statement shaped to it (the quiet path: the cheapest plan). */
  async function runOne(op: Operation): Promise<unknown> {
    if (op.kind === 'get') {
      const rows = await query(`SELECT * FROM ${t} WHERE payment_id = $1`, [op.paymentId]);
      return rows[0] ? toRecord(rows[0]) : undefined;
    }
    const time = now();
    if (op.kind === 'insert') {
      const row = insertRow(op.record, time);
      const rows = await query(
        `INSERT INTO ${t} (payment_id, uid, amount, memo, metadata, state, txid, claim_owner, claim_expires_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $10)
         ON CONFLICT (payment_id) DO NOTHING RETURNING payment_id`,
        [
          row.payment_id,
          row.uid,
          row.amount,
          row.memo,
          JSON.stringify(row.metadata),
          row.state,
          row.txid,
          row.claim_owner,
          row.claim_expires_at,
          time,
        ],
      );
      return rows.length === 1;
    }
    // One statement per shape of transition, only with the conditions it has (no array
    // parameter, no branch that cannot apply).
    const tr = op.transition;
    const claimed = claimColumns(tr.claim, time);
    const params: unknown[] = [op.paymentId, tr.to, claimed.claim_owner, claimed.claim_expires_at, time];
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
  }

  /**
   * Operations of one kind for many payments (at most one write per payment), as one
   * statement over a JSON array of their arguments: the same conditions as `runOne`, row by row.
   */
  async function runBatch(kind: Operation['kind'], ops: readonly Operation[]): Promise<unknown[]> {
    if (kind === 'get') {
      const rows = (await query(`SELECT * FROM ${t} WHERE payment_id = ANY($1::text[])`, [ops.map((o) => o.paymentId)])).map(toRecord);
      const byId = new Map(rows.map((r) => [r.paymentId, r]));
      return ops.map((o) => byId.get(o.paymentId));
    }
    const time = now();
    if (kind === 'insert') {
      const values = ops.map((o) => insertRow((o as InsertOperation).record, time));
      const rows = (await query(
        `INSERT INTO ${t} (payment_id, uid, amount, memo, metadata, state, txid, claim_owner, claim_expires_at, created_at, updated_at)
         SELECT v.payment_id, v.uid, v.amount::numeric, v.memo, v.metadata, v.state, v.txid, v.claim_owner, v.claim_expires_at, $2::bigint, $2::bigint
         FROM jsonb_to_recordset($1::jsonb) AS v(payment_id text, uid text, amount text, memo text, metadata jsonb, state text,
           txid text, claim_owner text, claim_expires_at bigint)
         ON CONFLICT (payment_id) DO NOTHING RETURNING payment_id`,
        [JSON.stringify(values), time],
      )) as Array<{ payment_id: string }>;
      const written = new Set(rows.map((r) => r.payment_id));
      return ops.map((o) => written.has(o.paymentId));
    }
    const values = ops.map((o, i) => {
      const tr = (o as TransitionOperation).transition;
      return {
        i,
        payment_id: o.paymentId,
        from_states: [...tr.from],
        to_state: tr.to,
        owner: tr.owner ?? null,
        ...claimColumns(tr.claim, time),
        take_over: tr.takeOverExpired === true,
        set_txid: tr.txid !== undefined,
        txid: tr.txid ?? null,
      };
    });
    // `payment_id = ANY($3)` finds the rows through the primary key (grouped-plans.test.ts): the
    // planner takes jsonb_to_recordset for 100 rows whatever it holds, so a join on it alone was
    // planned as a scan of the whole table until the table held tens of thousands of payments.
    const rows = (await query(
      `UPDATE ${t} AS p SET state = v.to_state, claim_owner = v.claim_owner, claim_expires_at = v.claim_expires_at, updated_at = $2::bigint,
         txid = CASE WHEN v.set_txid THEN v.txid ELSE p.txid END
       FROM jsonb_to_recordset($1::jsonb) AS v(i int, payment_id text, from_states text[], to_state text, owner text,
         claim_owner text, claim_expires_at bigint, take_over boolean, set_txid boolean, txid text)
       WHERE p.payment_id = ANY($3::text[]) AND p.payment_id = v.payment_id
         AND ((p.state = ANY(v.from_states) AND (v.owner IS NULL OR p.claim_owner = v.owner))
           OR (v.take_over AND p.state = v.to_state AND p.claim_expires_at IS NOT NULL AND p.claim_expires_at < $2::bigint))
       RETURNING v.i AS batch_index, p.*`,
      [JSON.stringify(values), time, ops.map((o) => o.paymentId)],
    )) as Array<{ batch_index: number }>;
    const results: Array<PaymentRecord | undefined> = ops.map(() => undefined);
    for (const row of rows) results[Number(row.batch_index)] = toRecord(row);
    return results;
  }

  return {
    ready,
    get: (paymentId) => statements.submit({ kind: 'get', paymentId }),
    insert: (record: NewPaymentRecord) => statements.submit({ kind: 'insert', paymentId: record.paymentId, record }),
    transition: (paymentId: string, transition: Transition) => statements.submit({ kind: 'transition', paymentId, transition }),
    async list(states: readonly PaymentState[]) {
      const rows = await query(`SELECT * FROM ${t} WHERE state = ANY($1::text[]) ORDER BY created_at, payment_id`, [[...states]]);
      return rows.map(toRecord);
    },
  };
}

/** The claim columns of a write at `time`: its owner and when its lease ends, or none. */
function claimColumns(claim: { owner: string; leaseMs: number } | undefined, time: number) {
  return { claim_owner: claim?.owner ?? null, claim_expires_at: claim ? time + claim.leaseMs : null };
}

/** The columns of a new record written at `time` (`created_at`/`updated_at` aside). */
function insertRow(record: NewPaymentRecord, time: number) {
  return {
    payment_id: record.paymentId,
    uid: record.uid,
    amount: String(record.amount),
    // Lossless: NUL and lone surrogates, which PostgreSQL refuses, are escaped (text-encoding.ts).
    memo: encodeText(record.memo),
    metadata: encodeJson(record.metadata ?? {}),
    state: record.state,
    txid: record.txid ?? null,
    ...claimColumns(record.claim, time),
  };
}

function toRecord(row: unknown): PaymentRecord {
  const r = row as Record<string, unknown>;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    paymentId: String(r.payment_id),
    uid: String(r.uid),
    amount: Number(r.amount),
    memo: decodeText(String(r.memo)),
    metadata: decodeJson(typeof r.metadata === 'string' ? JSON.parse(r.metadata) : r.metadata) as Record<string, unknown>,
    state: r.state as PaymentState,
    txid: (r.txid as string | null) ?? null,
    claimOwner: (r.claim_owner as string | null) ?? null,
    claimExpiresAt: num(r.claim_expires_at),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
