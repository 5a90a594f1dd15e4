/**
 * Prepared statements for PGlite. `PGlite.query(sql, params)` enters its WebAssembly six times per
 * statement (Parse, Describe, Bind, Describe, Execute, Sync) and parses and plans the text every
 * time. Here each of the store's texts is parsed once per PGlite instance under its name
 * (`named-statements.ts`), and every call after that is one message into PGlite: Bind, Describe,
 * Execute, Sync, in PostgreSQL's extended query protocol
 * (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY). A
 * statement of a payment flow costs 0.19–0.28 ms of CPU instead of 0.43–0.52 ms (three runs of
 * `pnpm bench:statements`).
 *
 * PGlite's `execProtocol` takes no lock of its own: the message is sent inside `runExclusive`
 * (PGlite's query lock), and only when no transaction block is open. While the app holds a
 * transaction open (`db.transaction(…)`, or its own `BEGIN`), the statement goes through
 * `db.query`, which waits for the transaction as before instead of joining it.
 */
import { mustPrepareAgain, statementName } from './named-statements';

/** The part of a PGlite instance the prepared path uses (found by feature, not by version). */
interface PGliteProtocol {
  execProtocol(message: Uint8Array): Promise<{ messages: ReadonlyArray<ProtocolMessage> }>;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  isInTransaction(): unknown;
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  closed?: boolean;
}

/** The backend messages read here, as PGlite's parser gives them. */
interface ProtocolMessage {
  name: string;
  fields?: ReadonlyArray<{ name: string } | string | null>;
}

/** For each PGlite instance, the statement names known to be prepared in its session. */
const preparedIn = new WeakMap<object, Set<string>>();

/**
 * Whether `db` is a PGlite instance that the prepared path can use: it has `execProtocol`,
 * `runExclusive` and `isInTransaction` (PGlite 0.5 has them; an instance without them gets each
 * statement through `query`). node-postgres and plain `query(sql, params)` objects do not.
 */
export function speaksPGliteProtocol(db: object): boolean {
  const d = db as Record<string, unknown>;
  return typeof d.execProtocol === 'function' && typeof d.runExclusive === 'function' && typeof d.isInTransaction === 'function';
}

/**
 * Runs `text` with `values` on PGlite as a prepared statement (see {@link speaksPGliteProtocol}),
 * resolving `{ rows }` with each column as PostgreSQL's text form (or `null`). Goes through
 * `db.query` instead when a value is not a string, a finite number or `null` (arrays, JSON
 * objects: PGlite's serializers encode those), when the instance is closed, and while a
 * transaction block is open.
 *
 * @throws the database's error (PGlite's `DatabaseError`, with its SQLSTATE `code`) as `db.query` would.
 */
export async function queryPGlitePrepared(db: object, text: string, values: readonly unknown[]): Promise<{ rows: unknown[] }> {
  const pglite = db as PGliteProtocol;
  const encoded = encodeValues(values);
  if (encoded === undefined || pglite.closed === true) return pglite.query(text, [...values]);
  const name = statementName(text);
  const known = preparedIn.get(db) ?? new Set<string>();
  preparedIn.set(db, known);
  const messages = await pglite.runExclusive(async () => {
    if (pglite.isInTransaction() !== false) return undefined;
    for (let attempt = 1; ; attempt++) {
      const parse = !known.has(name);
      try {
        const result = await pglite.execProtocol(
          concat([
            ...(parse ? [closeStatement(name), parseStatement(name, text)] : []),
            bind(name, encoded),
            DESCRIBE_PORTAL,
            EXECUTE,
            SYNC,
          ]),
        );
        known.add(name);
        return result.messages;
      } catch (error) {
        // After an error, whether the Parse took is unknown: the next call closes and parses again.
        known.delete(name);
        // Dropped or outdated (`mustPrepareAgain`): raised before it ran; parsed again and sent once more.
        if (attempt === 1 && mustPrepareAgain(error)) continue;
        throw error;
      }
    }
  });
  return messages === undefined ? pglite.query(text, [...values]) : { rows: rowsOf(messages) };
}

/** The rows of a statement's answer: each `dataRow` by the column names of its `rowDescription`. */
function rowsOf(messages: ReadonlyArray<ProtocolMessage>): Array<Record<string, string | null>> {
  let columns: string[] = [];
  const rows: Array<Record<string, string | null>> = [];
  for (const message of messages) {
    if (message.name === 'rowDescription') columns = (message.fields ?? []).map((f) => (f as { name: string }).name);
    else if (message.name === 'dataRow') {
      const row: Record<string, string | null> = {};
      (message.fields ?? []).forEach((value, i) => {
        row[columns[i]!] = value as string | null;
      });
      rows.push(row);
    }
  }
  return rows;
}

const utf8 = new TextEncoder();

/** Each value as the UTF-8 of its text form (`null` for SQL NULL), or `undefined` when one is of another kind. */
function encodeValues(values: readonly unknown[]): Array<Uint8Array | null> | undefined {
  const encoded: Array<Uint8Array | null> = [];
  for (const value of values) {
    if (value === null || value === undefined) encoded.push(null);
    else if (typeof value === 'string') encoded.push(utf8.encode(value));
    else if (typeof value === 'number' && Number.isFinite(value)) encoded.push(utf8.encode(String(value)));
    else return undefined;
  }
  return encoded;
}

/** A frontend message: its type byte, its length (itself included), then `body`. */
function message(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + body.length);
  out[0] = type.charCodeAt(0);
  new DataView(out.buffer).setInt32(1, 4 + body.length);
  out.set(body, 5);
  return out;
}

/** Writes a message body of strings (NUL-terminated), 16- and 32-bit integers and raw bytes. */
function body(parts: ReadonlyArray<string | { int16: number } | { int32: number } | Uint8Array>): Uint8Array {
  const chunks = parts.map((part) => {
    if (typeof part === 'string') return concat([utf8.encode(part), new Uint8Array(1)]);
    if (part instanceof Uint8Array) return part;
    const out = new Uint8Array('int16' in part ? 2 : 4);
    const view = new DataView(out.buffer);
    if ('int16' in part) view.setInt16(0, part.int16);
    else view.setInt32(0, part.int32);
    return out;
  });
  return concat(chunks);
}

/** 'S': a statement (in Close and Describe). */
const BYTE_S = Uint8Array.of(0x53);

/** Close (statement `name`): no error when there is none. */
function closeStatement(name: string): Uint8Array {
  return message('C', body([BYTE_S, name]));
}

/** Parse `text` as statement `name`, its parameters' types left to PostgreSQL. */
function parseStatement(name: string, text: string): Uint8Array {
  return message('P', body([name, text, { int16: 0 }]));
}

/** Bind statement `name` to the unnamed portal: every parameter and result column in text form. */
function bind(name: string, values: ReadonlyArray<Uint8Array | null>): Uint8Array {
  const params = values.flatMap((v) => (v === null ? [{ int32: -1 }] : [{ int32: v.length }, v]));
  return message('B', body(['', name, { int16: 0 }, { int16: values.length }, ...params, { int16: 0 }]));
}

const DESCRIBE_PORTAL = message('D', body([Uint8Array.of(0x50), ''])); // 'P': the portal
const EXECUTE = message('E', body(['', { int32: 0 }]));
const SYNC = message('S', new Uint8Array(0));

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
