/**
 * The SQL store's statements as prepared statements on PGlite: each text is parsed once per
 * instance, later calls are one protocol message, and the store decides and reads exactly as with
 * text. A statement never joins a transaction the app holds open; a prepared statement dropped
 * (`DEALLOCATE ALL`) or outdated (`ALTER TABLE`) is prepared again; the database's errors reach
 * the caller with their SQLSTATE. Off with `preparedStatements: false`.
 */
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshPGlite, sharedPGlite } from '../../../tests/support/pglite';
import { freshSchema, PG_URL } from '../../../tests/support/postgres';
import { speaksPGliteProtocol } from '../src/store/pglite-statements';
import { createSqlStore } from '../src/store/sql';
import { expectPreparedOnce, newRecord as record, preparedStatements, storeFlow as flow } from './support/store-flow';

describe('prepared statements on PGlite', { timeout: 60_000 }, () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await sharedPGlite();
  });

  const prepared = () => preparedStatements(db);

  it("prepares each of the store's statements once; later payments only execute them", async () => {
    const schema = freshSchema('pglite_named');
    await expectPreparedOnce(db, createSqlStore({ db, schema, now: () => 1_000 }), schema);
  });

  it('reads and decides exactly as statements sent as text', async () => {
    const clock = () => 5_000;
    const stores = [true, false].map((preparedStatements) =>
      createSqlStore({ db, schema: freshSchema('pglite_same'), now: clock, preparedStatements }),
    );
    const [viaPrepared, viaText] = await Promise.all(stores.map((store) => flow(store, 'p-1')));
    expect(viaPrepared).toEqual(viaText);
    expect(viaPrepared![2]).toMatchObject({ state: 'delivered', amount: 3.1415926, txid: 'tx-p-1', claimOwner: null, updatedAt: 5_000 });
    for (const store of stores) {
      // A transition whose condition fails, and one for an unknown payment: no row, on both paths.
      expect(await store.transition('p-1', { from: ['approved'], to: 'completing' })).toBeUndefined();
      expect(await store.transition('nobody', { from: ['approving'], to: 'approved' })).toBeUndefined();
      expect(await store.insert(record('p-1'))).toBe(false);
    }
    expect(await stores[0]!.get('p-1')).toEqual(await stores[1]!.get('p-1'));
    expect(await stores[0]!.get('p-1')).toMatchObject({ memo: record('p-1').memo, metadata: record('p-1').metadata });
  });

  it('preparedStatements: false sends text only', async () => {
    const store = createSqlStore({ db, schema: freshSchema('pglite_text'), preparedStatements: false });
    await store.ready();
    const before = await prepared();
    await flow(store, 'p-1');
    expect(await prepared()).toEqual(before);
  });

  it('never joins a transaction the app holds open: its write waits, and stays when the app rolls back', async () => {
    const schema = freshSchema('pglite_tx');
    const store = createSqlStore({ db, schema });
    await store.ready();
    let rollBack!: () => void;
    const holding = new Promise<void>((resolve) => {
      rollBack = resolve;
    });
    let opened!: () => void;
    const open = new Promise<void>((resolve) => {
      opened = resolve;
    });
    const transaction = db
      .transaction(async (tx) => {
        await tx.query(`SELECT 1 FROM "${schema}".pikit_payments`);
        opened();
        await holding;
        throw new Error('the app rolls back');
      })
      .catch((error: Error) => error.message);
    await open;
    let written: boolean | undefined;
    const insert = store.insert(record('p-1')).then((done) => {
      written = done;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toBeUndefined();
    rollBack();
    expect(await transaction).toBe('the app rolls back');
    await insert;
    expect(written).toBe(true);
    expect(await store.get('p-1')).toMatchObject({ state: 'approving' });
  });

  it('prepares again after DEALLOCATE ALL (pg_dump runs it), and after the table changed under RETURNING *', async () => {
    const schema = freshSchema('pglite_again');
    const store = createSqlStore({ db, schema });
    await flow(store, 'p-1');
    await db.exec('DEALLOCATE ALL');
    expect(await flow(store, 'p-2')).toEqual([
      expect.objectContaining({ state: 'approved' }),
      expect.objectContaining({ state: 'completing' }),
      expect.objectContaining({ state: 'delivered' }),
    ]);
    expect([...(await prepared()).values()].filter((text) => text.includes(`"${schema}"`))).toHaveLength(3);
    // A column added: `RETURNING *` now has another row type than the prepared plan (0A000 before it runs).
    await db.exec(`ALTER TABLE "${schema}".pikit_payments ADD COLUMN note TEXT`);
    expect((await flow(store, 'p-3'))[2]).toMatchObject({ paymentId: 'p-3', state: 'delivered' });
  });

  it("passes on the database's error with its SQLSTATE, and the next statement runs", async () => {
    const schema = freshSchema('pglite_error');
    const store = createSqlStore({ db, schema });
    await store.ready();
    await db.exec(`ALTER TABLE "${schema}".pikit_payments ADD CONSTRAINT no_blocked_uid CHECK (uid <> 'blocked')`);
    // The first call of the statement: its Parse took, its execution failed.
    await expect(store.insert(record('p-1', 'blocked'))).rejects.toMatchObject({ code: '23514' });
    expect(await store.insert(record('p-2'))).toBe(true);
    await expect(store.insert(record('p-3', 'blocked'))).rejects.toMatchObject({ code: '23514' });
    expect(await store.insert(record('p-4'))).toBe(true);
    expect((await store.list(['approving'])).map((r) => r.paymentId)).toEqual(['p-2', 'p-4']);
  });

  it('a closed instance: the operation fails with PGlite’s own error', async () => {
    const own = await freshPGlite();
    const store = createSqlStore({ db: own });
    await flow(store, 'p-1');
    await own.close();
    await expect(store.get('p-1')).rejects.toThrow(/closed/i);
  });
});

describe('which databases take the PGlite path', () => {
  it('PGlite does; node-postgres and other query(sql, params) objects do not', async () => {
    const pool = new pg.Pool({ connectionString: PG_URL });
    expect(speaksPGliteProtocol(await sharedPGlite())).toBe(true);
    expect(speaksPGliteProtocol(pool)).toBe(false);
    expect(speaksPGliteProtocol({ query: async () => ({ rows: [] }) })).toBe(false);
    await pool.end();
  });
});
