/**
 * The PaymentStore contract, run against every store: memory, SQL on PGlite, SQL on a
 * real PostgreSQL (pg). The claim is the heart of exactly-once delivery: of many
 * concurrent transitions, exactly one wins.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { emptyDataDir, freshPGlite, sharedPGlite } from '../../../tests/support/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../src/store/memory';
import { createSqlStore } from '../src/store/sql';
import type { NewPaymentRecord, PaymentStore } from '../src/store/types';
import { PiConfigError } from '../src/errors/config-error';
import { ensurePostgres, freshSchema, PG_URL } from '../../../tests/support/postgres';

let clock = 1_000_000;
const now = () => clock;

const record = (paymentId: string, extra: Partial<NewPaymentRecord> = {}): NewPaymentRecord => ({
  paymentId,
  uid: 'uid-1',
  amount: 3.1415,
  memo: 'Kitten #1',
  metadata: { orderId: 'o-1', items: [1, 2] },
  state: 'approved',
  ...extra,
});

interface Fixture {
  store: PaymentStore;
  second?: PaymentStore;
  close(): Promise<void>;
}

const fixtures: Record<string, () => Promise<Fixture>> = {
  memory: async () => ({ store: createMemoryStore({ now }), close: async () => {} }),
  // This worker's PGlite database (initdb costs seconds), with a schema of this file's own.
  pglite: async () => {
    const db = await sharedPGlite();
    const schema = freshSchema('pglite');
    return {
      store: createSqlStore({ db, now, schema }),
      close: async () => {
        await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      },
    };
  },
  postgres: async () => {
    await ensurePostgres();
    const schema = freshSchema('store');
    const poolA = new pg.Pool({ connectionString: PG_URL, max: 8 });
    const poolB = new pg.Pool({ connectionString: PG_URL, max: 8 });
    return {
      store: createSqlStore({ db: poolA, now, schema }),
      // A second "process": its own pool and store object on the same table.
      second: createSqlStore({ db: poolB, now, schema }),
      close: async () => {
        await poolA.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await Promise.all([poolA.end(), poolB.end()]);
      },
    };
  },
};

for (const [name, make] of Object.entries(fixtures)) {
  describe(`PaymentStore: ${name}`, { timeout: 30_000 }, () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await make();
    }, 120_000);
    afterAll(() => f?.close());

    it('keeps a memo and metadata with NUL and lone surrogates intact (one insert, and grouped inserts)', async () => {
      const memo = 'coffee\u0000 a\ud800b';
      const metadata = { 'note\u0000': ['\udc00', '\uE000lead'], orderId: 'o-\u0000' };
      expect(await f.store.insert(record('p-nul', { memo, metadata }))).toBe(true);
      expect(await f.store.get('p-nul')).toMatchObject({ memo, metadata });
      // Inserts that arrive together are written by one statement (group commit).
      const many = await Promise.all(['p-nul-1', 'p-nul-2', 'p-nul-3'].map((id) => f.store.insert(record(id, { memo, metadata }))));
      expect(many).toEqual([true, true, true]);
      for (const id of ['p-nul-1', 'p-nul-2', 'p-nul-3']) expect(await f.store.get(id)).toMatchObject({ memo, metadata });
    });

    it('inserts once and reads the record back with its fields', async () => {
      expect(await f.store.insert(record('p-ins'))).toBe(true);
      expect(await f.store.insert(record('p-ins', { uid: 'other' }))).toBe(false);
      const r = await f.store.get('p-ins');
      expect(r).toMatchObject({
        paymentId: 'p-ins',
        uid: 'uid-1',
        amount: 3.1415,
        memo: 'Kitten #1',
        metadata: { orderId: 'o-1', items: [1, 2] },
        state: 'approved',
        txid: null,
        claimOwner: null,
        claimExpiresAt: null,
        createdAt: clock,
        updatedAt: clock,
      });
      expect(await f.store.get('p-missing')).toBeUndefined();
    });

    it('applies a transition only from the listed states, and sets the txid', async () => {
      await f.store.insert(record('p-tr'));
      expect(await f.store.transition('p-tr', { from: ['completed'], to: 'delivering' })).toBeUndefined();
      const r = await f.store.transition('p-tr', { from: ['approved'], to: 'completing', txid: 'tx-1' });
      expect(r).toMatchObject({ state: 'completing', txid: 'tx-1' });
      expect(await f.store.transition('p-missing', { from: ['approved'], to: 'completing' })).toBeUndefined();
    });

    it('of dozens of concurrent claims, exactly one wins', async () => {
      await f.store.insert(record('p-race', { state: 'completed' }));
      const claims = Array.from({ length: 40 }, (_, i) =>
        (i % 2 && f.second ? f.second : f.store).transition('p-race', {
          from: ['completed'],
          to: 'delivering',
          claim: { owner: `w${i}`, leaseMs: 60_000 },
        }),
      );
      const results = await Promise.all(claims);
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      expect((await f.store.get('p-race'))?.claimOwner).toBe(winners[0]?.claimOwner);
    });

    it('of concurrent inserts, exactly one writes', async () => {
      const inserts = Array.from({ length: 30 }, (_, i) =>
        (i % 2 && f.second ? f.second : f.store).insert(record('p-insrace', { uid: `u${i}` })),
      );
      expect((await Promise.all(inserts)).filter(Boolean)).toHaveLength(1);
    });

    it('lets only the owner finish a claim, and another take it over once the lease expired', async () => {
      await f.store.insert(record('p-lease', { state: 'completed' }));
      const claim = { owner: 'A', leaseMs: 1000 };
      expect(await f.store.transition('p-lease', { from: ['completed'], to: 'delivering', claim })).toBeDefined();
      expect(await f.store.transition('p-lease', { from: ['delivering'], to: 'delivered', owner: 'B' })).toBeUndefined();
      const takeOver = {
        from: ['completed'] as const,
        to: 'delivering' as const,
        claim: { owner: 'B', leaseMs: 1000 },
        takeOverExpired: true,
      };
      expect(await f.store.transition('p-lease', takeOver)).toBeUndefined();
      clock += 1001;
      expect(await f.store.transition('p-lease', takeOver)).toMatchObject({ claimOwner: 'B', state: 'delivering' });
      expect(await f.store.transition('p-lease', { from: ['delivering'], to: 'delivered', owner: 'A' })).toBeUndefined();
      expect(await f.store.transition('p-lease', { from: ['delivering'], to: 'delivered', owner: 'B' })).toMatchObject({
        state: 'delivered',
        claimOwner: null,
      });
    });

    it('with takeOverExpired, an expired claim is taken over even when `from` lists its state with another owner', async () => {
      await f.store.insert(record('p-either', { state: 'delivering', claim: { owner: 'A', leaseMs: 10 } }));
      const tr = { from: ['delivering'] as const, to: 'delivering' as const, owner: 'B', claim: { owner: 'B', leaseMs: 1000 } };
      expect(await f.store.transition('p-either', tr)).toBeUndefined(); // B does not hold the claim
      expect(await f.store.transition('p-either', { ...tr, takeOverExpired: true })).toBeUndefined(); // A's lease runs
      clock += 11;
      expect(await f.store.transition('p-either', { ...tr, takeOverExpired: true })).toMatchObject({ claimOwner: 'B' });
    });

    it('lists records by state, oldest first', async () => {
      await f.store.insert(record('p-list-1', { state: 'refused' }));
      clock += 1;
      await f.store.insert(record('p-list-2', { state: 'refused' }));
      const listed = (await f.store.list(['refused'])).map((r) => r.paymentId);
      expect(listed).toEqual(['p-list-1', 'p-list-2']);
      expect((await f.store.list(['approving'])).length).toBe(0);
    });
  });
}

describe('createSqlStore on PostgreSQL: several processes starting at once', { timeout: 120_000 }, () => {
  it('every store is ready when they all create the same new table at the same moment', async () => {
    await ensurePostgres();
    const pools = [0, 1, 2, 3].map(() => new pg.Pool({ connectionString: PG_URL, max: 2 }));
    const schemas: string[] = [];
    try {
      // CREATE … IF NOT EXISTS racing in other sessions fails with a duplicate (42710, 23505, 42P07…).
      for (let round = 0; round < 12; round++) {
        const schema = freshSchema('race');
        schemas.push(schema);
        const results = await Promise.allSettled(
          pools.flatMap((db) => [createSqlStore({ db, schema }).ready(), createSqlStore({ db, schema }).ready()]),
        );
        expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      }
    } finally {
      for (const schema of schemas) await pools[0]!.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});

describe('createSqlStore options', { timeout: 60_000 }, () => {
  it('refuses a db without query and a table name that is not an identifier', async () => {
    const db = await sharedPGlite();
    expect(() => createSqlStore({ db: {} as never })).toThrow(PiConfigError);
    expect(() => createSqlStore({ db, table: 'x; DROP TABLE y' })).toThrow(/plain SQL identifier/);
  });

  it('turns an unclaimed `completing` of early versions back into `approved` when it starts; a claimed one stays', async () => {
    const db = await sharedPGlite();
    const table = `legacy_${Date.now()}`;
    const before = createSqlStore({ db, table });
    await before.insert(record('p-legacy', { state: 'completing' })); // no claim: written by an early version
    await before.insert(record('p-claimed', { state: 'completing', claim: { owner: 'a', leaseMs: 60_000 } }));
    const after = createSqlStore({ db, table });
    await after.ready();
    expect((await after.get('p-legacy'))?.state).toBe('approved');
    expect((await after.get('p-claimed'))?.state).toBe('completing');
  });

  it('keeps payments across a restart (same PGlite data directory)', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/pikit-pglite-`);
    const db1 = await freshPGlite(dir); // an empty database in `dir`, without running initdb
    await createSqlStore({ db: db1 }).insert(record('p-durable', { state: 'completed' }));
    await db1.close();
    const db2 = new PGlite(dir);
    expect((await createSqlStore({ db: db2 }).get('p-durable'))?.state).toBe('completed');
    await db2.close();
  });

  describe('the PGlite data folder', () => {
    const scratch = async () => {
      const { mkdtempSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      return mkdtempSync(`${tmpdir()}/pikit-pglite-dir-`);
    };

    it('is created with the folders above it (`new PGlite("./data/pikit")` without ./data)', async () => {
      const { existsSync } = await import('node:fs');
      const dir = `${await scratch()}/data/pikit`;
      const db = new PGlite({ dataDir: dir, loadDataDir: await emptyDataDir() });
      const store = createSqlStore({ db });
      await store.insert(record('p-folder', { state: 'approved' }));
      expect((await store.get('p-folder'))?.state).toBe('approved');
      expect(existsSync(`${dir}/PG_VERSION`)).toBe(true);
      await db.close();
    });

    it('that PGlite failed to create before the store existed is named in a PiConfigError, with the cause', async () => {
      const dir = `${await scratch()}/missing/pikit`;
      const db = new PGlite({ dataDir: dir, loadDataDir: await emptyDataDir() });
      await db.waitReady.catch(() => undefined);
      const error = await createSqlStore({ db })
        .ready()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(PiConfigError);
      expect(error).toMatchObject({ code: 'invalid_config', message: expect.stringContaining(`"${dir}"`), cause: { code: 'ENOENT' } });
    });

    it('that cannot be created (a file is in the way) throws a PiConfigError naming it, at once', async () => {
      const { writeFileSync } = await import('node:fs');
      const file = `${await scratch()}/not-a-folder`;
      writeFileSync(file, '');
      const db = { dataDir: `${file}/pikit`, query: async () => ({ rows: [] }) };
      expect(() => createSqlStore({ db })).toThrow(PiConfigError);
      expect(() => createSqlStore({ db })).toThrow(`"${file}/pikit"`);
    });
  });
});
