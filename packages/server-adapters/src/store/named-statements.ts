/**
 * Named (prepared) statements for node-postgres. A `pg.Pool` or `pg.Client` given a query as
 * `{ name, text, values }` has PostgreSQL parse and plan the text once per connection, then only
 * executes it: the SQL store's few statements, sent for every payment, skip PostgreSQL's parser
 * and planner after their first use on a connection (about a third of PostgreSQL's CPU per
 * statement, and a fifth of its latency, on loopback: `pnpm bench:statements`).
 */

/** A query in node-postgres's config form. */
interface NamedQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Every statement text named so far in this process, and its name. */
const names = new Map<string, string>();
/** Texts given a new name so far ({@link queryNamed}). */
let renamed = 0;

/**
 * The name of a statement's text: the same text always has the same name in this process, and no
 * other text has it (node-postgres refuses a name used for two texts on one connection, and
 * several stores, on other tables or schemas, may share a pool).
 */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `pikit_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Whether `db` is node-postgres's `Pool` or `Client` (or a driver built on them, such as
 * `@neondatabase/serverless`'s), which take a query as `{ name, text, values }`: a pool has
 * `connect` and a `totalCount`, a client `connect` and its `connectionParameters`. PGlite and
 * other objects with `query(sql, params)` only are not.
 */
export function takesNamedStatements(db: object): boolean {
  const d = db as Record<string, unknown>;
  return typeof d.connect === 'function' && ('totalCount' in d || 'connectionParameters' in d);
}

/**
 * Whether a named statement failed because it must be prepared again, before it ran (the
 * implicit transaction rolled back, nothing written): it does not exist in the session (`26000`:
 * `DEALLOCATE ALL`, which pg_dump runs, or a session reset), or the row type of its result
 * changed under it (`0A000` from PostgreSQL's plan check, "cached plan must not change result
 * type": a column added to the table that `RETURNING *` reads).
 */
export function mustPrepareAgain(error: unknown): boolean {
  const e = error as { code?: unknown; routine?: unknown; message?: unknown } | null;
  if (e?.code === '26000') return true;
  return (
    e?.code === '0A000' &&
    (e.routine === 'RevalidateCachedQuery' ||
      (typeof e.message === 'string' && e.message.includes('cached plan must not change result type')))
  );
}

/**
 * Sends `text` with `values` as a named statement (see {@link takesNamedStatements}). When it
 * must be prepared again ({@link mustPrepareAgain}), the text gets a new name and is sent once
 * more: node-postgres parses a name only once per connection, so under the old name it would fail
 * on that connection for good.
 */
export async function queryNamed(db: object, text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
  const name = statementName(text);
  try {
    return await (db as NamedQueryable).query({ name, text, values });
  } catch (error) {
    if (!mustPrepareAgain(error)) throw error;
    // Another call may have renamed it already: only the name that failed is replaced.
    if (names.get(text) === name) names.set(text, `pikit_${++renamed}_${names.size}`);
    return (db as NamedQueryable).query({ name: statementName(text), text, values });
  }
}
