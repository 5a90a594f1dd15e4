/**
 * A database that notes every statement sent through it: for the tests that count what the SQL
 * store sends.
 */
import type { SqlQueryable } from '../../src/store/sql';

/** A statement named by its first two words (`SELECT to_regclass($1)`, `CREATE TABLE`). */
export function firstTwoWords(sql: string): string {
  return sql.trim().split(/\s+/).slice(0, 2).join(' ');
}

/**
 * `db`, noting each statement sent: as `name` names it (`sent`), and its SQL text (`sql`).
 */
export function recordingDb(
  db: SqlQueryable,
  name: (sql: string, params: readonly unknown[]) => string = firstTwoWords,
): { db: SqlQueryable; sent: string[]; sql: string[] } {
  const sent: string[] = [];
  const sql: string[] = [];
  return {
    sent,
    sql,
    db: {
      query: ((text: string, params?: unknown[]) => {
        sent.push(name(text, params ?? []));
        sql.push(text);
        return db.query(text, params as never);
      }) as SqlQueryable['query'],
    },
  };
}
