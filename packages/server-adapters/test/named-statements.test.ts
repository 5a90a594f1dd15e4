/**
 * The SQL store's statements as named (prepared) statements with node-postgres: PostgreSQL
 * prepares each of the store's texts once per connection, later calls only execute it, and the
 * store decides exactly as before. Off with `preparedStatements: false`; never with PGlite or
 * another `query(sql, params)` object, which only take text.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPGlite } from '../../../tests/support/pglite';
import { ensurePostgres, freshSchema, PG_URL } from '../../../tests/support/postgres';
import { mustPrepareAgain, statementName, takesNamedStatements } from '../src/store/named-statements';
import { createSqlStore } from '../src/store/sql';
import { expectPreparedOnce, newRecord as record, preparedStatements, storeFlow } from './support/store-flow';

describe('named statements on PostgreSQL', { timeout: 60_000 }, () => {
  let client: pg.Client;
  const schemas: string[] = [];
  beforeAll(async () => {
    await ensurePostgres();
    // One connection, so that its session's prepared statements are the store's.
    client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
  });
  afterAll(async () => {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  const prepared = () => preparedStatements(client);

  /** One approve-and-complete flow, each transition deciding as it must. */
  async function flow(store: ReturnType<typeof createSqlStore>, paymentId: string) {
    const [approved, completing, delivered] = await storeFlow(store, paymentId);
    expect(approved).toMatchObject({ state: 'approved', claimOwner: null });
    expect(completing).toMatchObject({ state: 'completing', txid: `tx-${paymentId}`, claimOwner: `complete-${paymentId}` });
    expect(delivered).toMatchObject({ state: 'delivered' });
  }

  it("prepares each of the store's statements once on the connection; later payments only execute them", async () => {
    const schema = freshSchema('named');
    schemas.push(schema);
    const store = createSqlStore({ db: client, schema });
    await expectPreparedOnce(client, store, schema, flow);
    expect(await store.get('p-3')).toMatchObject({ state: 'delivered', txid: 'tx-p-3' });
  });

  it('grouped statements are named too, and decide as one at a time', async () => {
    const schema = freshSchema('named_group');
    schemas.push(schema);
    const store = createSqlStore({ db: client, schema, maxConcurrentStatements: 1 });
    const ids = ['g-1', 'g-2', 'g-3', 'g-4'];
    // One statement runs at a time: the inserts that wait behind the first go out as one.
    expect(await Promise.all(ids.map((id) => store.insert(record(id))))).toEqual([true, true, true, true]);
    expect(await Promise.all(ids.map((id) => store.insert(record(id))))).toEqual([false, false, false, false]);
    const moved = await Promise.all(
      ids.map((id, i) => store.transition(id, { from: ['approving'], to: 'approved', owner: i === 2 ? 'someone-else' : `approve-${id}` })),
    );
    expect(moved.map((r) => r?.state)).toEqual(['approved', 'approved', undefined, 'approved']);
    const texts = [...(await prepared()).values()];
    expect(texts.some((text) => text.includes('jsonb_to_recordset') && text.includes(`"${schema}"`))).toBe(true);
    expect((await store.list(['approved'])).map((r) => r.paymentId)).toEqual(['g-1', 'g-2', 'g-4']);
  });

  it('a table dropped and created again under the same name: its statements are planned again, nothing fails', async () => {
    const schema = freshSchema('named_again');
    schemas.push(schema);
    await flow(createSqlStore({ db: client, schema }), 'p-1');
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await flow(createSqlStore({ db: client, schema }), 'p-1');
  });

  it('a column added to the table (ALTER TABLE): each statement gets a new name and is prepared again, nothing fails', async () => {
    const schema = freshSchema('named_altered');
    schemas.push(schema);
    const store = createSqlStore({ db: client, schema });
    await flow(store, 'p-1');
    const before = await prepared();
    // `RETURNING *` now has another row type than the plans prepared on this connection (0A000).
    await client.query(`ALTER TABLE "${schema}".pikit_payments ADD COLUMN note TEXT`);
    await flow(store, 'p-2');
    await flow(store, 'p-3');
    const after = await prepared();
    const renamed = [...after].filter(([name, text]) => !before.has(name) && text.includes(`"${schema}"`));
    // The two transitions that return the row; the insert returns `payment_id` only and keeps its plan.
    expect(renamed).toHaveLength(2);
    expect(await store.get('p-3')).toMatchObject({ state: 'delivered', txid: 'tx-p-3' });
  });

  it('DEALLOCATE ALL on the connection: the statements are prepared again, nothing fails', async () => {
    const schema = freshSchema('named_deallocated');
    schemas.push(schema);
    const store = createSqlStore({ db: client, schema });
    await flow(store, 'p-1');
    await client.query('DEALLOCATE ALL');
    await flow(store, 'p-2');
    expect([...(await prepared()).values()].filter((text) => text.includes(`"${schema}"`))).toHaveLength(3);
  });

  it('preparedStatements: false sends text only', async () => {
    const schema = freshSchema('unnamed');
    schemas.push(schema);
    const store = createSqlStore({ db: client, schema, preparedStatements: false });
    await store.ready();
    const before = await prepared();
    await flow(store, 'p-1');
    expect(await prepared()).toEqual(before);
  });
});

describe('which databases take named statements', () => {
  it('node-postgres pools and clients do; PGlite and other query(sql, params) objects do not', async () => {
    const pool = new pg.Pool({ connectionString: PG_URL });
    const client = new pg.Client({ connectionString: PG_URL });
    expect(takesNamedStatements(pool)).toBe(true);
    expect(takesNamedStatements(client)).toBe(true);
    expect(takesNamedStatements(await sharedPGlite())).toBe(false);
    expect(takesNamedStatements({ query: async () => ({ rows: [] }) })).toBe(false);
    await pool.end();
  });

  it('prepares again only for a statement that is gone or whose plan check failed, both raised before it ran', () => {
    expect(mustPrepareAgain({ code: '26000', message: 'prepared statement "pikit_1" does not exist' })).toBe(true);
    expect(mustPrepareAgain({ code: '0A000', routine: 'RevalidateCachedQuery', message: 'le plan en cache ne doit pas…' })).toBe(true);
    expect(mustPrepareAgain({ code: '0A000', message: 'cached plan must not change result type' })).toBe(true);
    // Another feature_not_supported error may come from a statement that ran: not sent again.
    expect(mustPrepareAgain({ code: '0A000', routine: 'ExecInitModifyTable', message: 'cannot update …' })).toBe(false);
    expect(mustPrepareAgain({ code: '23505' })).toBe(false);
    expect(mustPrepareAgain(new Error('ECONNRESET'))).toBe(false);
    expect(mustPrepareAgain(undefined)).toBe(false);
  });

  it('one name per text, the same every time', () => {
    const a = statementName('SELECT 1 AS named_statements_test_a');
    const b = statementName('SELECT 1 AS named_statements_test_b');
    expect(a).not.toBe(b);
    expect(statementName('SELECT 1 AS named_statements_test_a')).toBe(a);
  });
});
