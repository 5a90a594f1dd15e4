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

/** Sends `text` with `values` as a named statement (see {@link takesNamedStatements}). */
export function queryNamed(db: object, text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
  return (db as NamedQueryable).query({ name: statementName(text), text, values });
}
