/**
 * The SQL store's group commit (`statement-queue.ts`): under concurrency, operations wait
 * for a free statement slot and go out grouped, one statement for many payments. These tests
 * check that grouping happens, and that a grouped statement decides every operation exactly
 * as the store decides it alone (the memory store, whose rule is `matchesTransition`), on
 * PGlite and on PostgreSQL.
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPGlite } from '../../../tests/support/pglite';
import { createMemoryStore } from '../src/store/memory';
import { createSqlStore } from '../src/store/sql';
import type { NewPaymentRecord, PaymentState, Transition } from '../src/store/types';
import type { SqlQueryable } from '../src/store/sql';
import { ensurePostgres, freshSchema, PG_URL } from '../../../tests/support/postgres';

let clock = 5_000_000;
const now = () => clock;
const STATES: PaymentState[] = ['approving', 'approved', 'completing', 'completed', 'delivering', 'delivered', 'cancelled', 'refused'];

const record = (paymentId: string, extra: Partial<NewPaymentRecord> = {}): NewPaymentRecord => ({
  paymentId,
  uid: 'uid-1',
  amount: 1.5,
  memo: 'memo',
  metadata: { orderId: paymentId },
  state: 'approved',
  ...extra,
});

/** A db that counts the statements sent through it. */
function counting(db: SqlQueryable): SqlQueryable & { statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    query(sql, params) {
      statements.push(sql.trim().split(/\s+/)[0]!.toUpperCase());
      return db.query(sql, params);
    },
  };
}

const backends: Record<string, () => Promise<{ db: SqlQueryable; close(): Promise<void> }>> = {
  pglite: async () => ({ db: await sharedPGlite(), close: async () => {} }),
  postgres: async () => {
    await ensurePostgres();
    const pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
    return { db: pool, close: () => pool.end() };
  },
};

for (const [name, open] of Object.entries(backends)) {
  describe(`SQL store grouping: ${name}`, { timeout: 60_000 }, () => {
    let backend: { db: SqlQueryable; close(): Promise<void> };
    const schemas: string[] = [];
    const store = (maxConcurrentStatements: number) => {
      const db = counting(backend.db);
      const schema = freshSchema('grouping');
      schemas.push(schema);
      return { db, store: createSqlStore({ db, now, schema, maxConcurrentStatements }) };
    };
    beforeAll(async () => {
      backend = await open();
    }, 120_000);
    afterAll(async () => {
      for (const schema of schemas) await backend.db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await backend.close();
    });

    it('sends one operation alone at once, and groups the ones that wait', async () => {
      const { db, store: s } = store(1);
      await s.ready();
      db.statements.length = 0;
      expect(await s.insert(record('alone'))).toBe(true);
      expect(db.statements).toEqual(['INSERT']);

      db.statements.length = 0;
      const ids = Array.from({ length: 60 }, (_, i) => `g${i}`);
      const inserted = await Promise.all(ids.map((id) => s.insert(record(id))));
      expect(inserted.every((x) => x === true)).toBe(true);
      // The first goes alone; the 59 that waited share one statement.
      expect(db.statements).toEqual(['INSERT', 'INSERT']);

      db.statements.length = 0;
      const again = await Promise.all(ids.map((id) => s.insert(record(id, { uid: 'other' }))));
      expect(again.every((x) => x === false)).toBe(true);
      const moved = await Promise.all(ids.map((id, i) => s.transition(id, { from: ['approved'], to: 'completed', txid: `tx-${i}` })));
      expect(moved.map((r) => [r?.paymentId, r?.state, r?.txid])).toEqual(ids.map((id, i) => [id, 'completed', `tx-${i}`]));
      const read = await Promise.all([...ids, 'missing'].map((id) => s.get(id)));
      expect(read.map((r) => r?.uid)).toEqual([...ids.map(() => 'uid-1'), undefined]);
      expect(read[0]).toMatchObject({ amount: 1.5, memo: 'memo', metadata: { orderId: 'g0' }, state: 'completed', txid: 'tx-0' });
      expect(db.statements.length).toBeLessThanOrEqual(8);
    });

    it('of concurrent claims of one payment, exactly one wins (never two in one statement)', async () => {
      const { db, store: s } = store(2);
      await Promise.all(['r1', 'r2', 'r3'].map((id) => s.insert(record(id, { state: 'completed' }))));
      db.statements.length = 0;
      const claims = ['r1', 'r2', 'r3'].flatMap((id) =>
        Array.from({ length: 20 }, (_, i) =>
          s.transition(id, { from: ['completed'], to: 'delivering', claim: { owner: `${id}-w${i}`, leaseMs: 60_000 } }),
        ),
      );
      const results = await Promise.all(claims);
      for (const id of ['r1', 'r2', 'r3']) {
        const winners = results.filter((r) => r?.paymentId === id);
        expect(winners).toHaveLength(1);
        expect((await s.get(id))?.claimOwner).toBe(winners[0]!.claimOwner);
      }
      // 60 claims, 3 payments: at least 20 statements (one write per payment per statement), far fewer than 60.
      expect(db.statements.length).toBeGreaterThanOrEqual(20);
      expect(db.statements.length).toBeLessThan(40);
    });

    it('an operation the database rejects fails alone; the others of its group apply', async () => {
      const { store: s } = store(1);
      await s.ready();
      const results = await Promise.allSettled([
        s.insert(record('ok-0')),
        s.insert(record('ok-1')),
        s.insert(record('too-large', { amount: 1e40 })), // beyond NUMERIC(30, 7)
        s.insert(record('ok-2')),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: '22003' });
      expect(await s.get('too-large')).toBeUndefined();
      expect((await Promise.all(['ok-0', 'ok-1', 'ok-2'].map((id) => s.get(id)))).every((r) => r?.state === 'approved')).toBe(true);
    });

    it('a grouped statement whose outcome is unknown (a connection error) is not sent again: all of it fails', async () => {
      for (const code of ['EPIPE', 'ECONNRESET', '08006', '57P01'] as const) {
        const { db, store: s } = store(1);
        await s.ready();
        let failNext = false;
        const flaky: SqlQueryable = {
          query(sql, params) {
            if (failNext && sql.includes('jsonb_to_recordset')) {
              failNext = false;
              return Promise.reject(Object.assign(new Error(`lost (${code})`), { code }));
            }
            return db.query(sql, params);
          },
        };
        const grouped = createSqlStore({ db: flaky, now, schema: schemas.at(-1)!, maxConcurrentStatements: 1 });
        await grouped.ready();
        db.statements.length = 0;
        failNext = true;
        const results = await Promise.allSettled(['u0', 'u1', 'u2'].map((id) => grouped.insert(record(`${code}-${id}`))));
        if (code === '57P01') {
          // admin shutdown: the server rolled the statement back; each operation is sent again alone
          expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
          expect(db.statements).toEqual(['INSERT', 'INSERT', 'INSERT']);
        } else {
          expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
          expect(db.statements).toEqual(['INSERT']); // the first alone reached the database; the failed group is not re-sent
        }
      }
    });

    it('decides grouped transitions exactly as the memory store does one by one (property)', async () => {
      const arbRecord = fc.record({
        state: fc.constantFrom(...STATES),
        claim: fc.option(fc.record({ owner: fc.constantFrom('A', 'B'), leaseMs: fc.constantFrom(-1, 0, 50, 10_000) }), { nil: undefined }),
        txid: fc.option(fc.constantFrom('tx-a', 'tx-b'), { nil: undefined }),
      });
      const arbTransition: fc.Arbitrary<Transition> = fc.record(
        {
          from: fc.uniqueArray(fc.constantFrom(...STATES), { maxLength: 3 }),
          to: fc.constantFrom(...STATES),
          owner: fc.constantFrom('A', 'B'),
          claim: fc.record({ owner: fc.constantFrom('A', 'C'), leaseMs: fc.constantFrom(1, 60_000) }),
          takeOverExpired: fc.boolean(),
          txid: fc.constantFrom('tx-new'),
        },
        { requiredKeys: ['from', 'to'] },
      );
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(arbRecord, arbTransition), { minLength: 3, maxLength: 12, size: 'max' }), async (cases) => {
          run++;
          const { db, store: sql } = store(1);
          const memory = createMemoryStore({ now });
          const ids = cases.map((_, i) => `p${run}-${i}`);
          for (const [i, [r]] of cases.entries()) {
            const initial = record(ids[i]!, { state: r.state, claim: r.claim, txid: r.txid });
            expect(await sql.insert(initial)).toBe(true);
            await memory.insert(initial);
          }
          clock += 10; // leases of -1, 0 and 50 ms… some expired, some not
          db.statements.length = 0;
          const grouped = await Promise.all(cases.map(([, tr], i) => sql.transition(ids[i]!, tr)));
          expect(db.statements.length).toBe(2); // the first alone, the others grouped
          const alone = [];
          for (const [i, [, tr]] of cases.entries()) alone.push(await memory.transition(ids[i]!, tr));
          const shape = (r: Awaited<ReturnType<typeof memory.get>>) =>
            r && { state: r.state, claimOwner: r.claimOwner, claimExpiresAt: r.claimExpiresAt, txid: r.txid, updatedAt: r.updatedAt };
          expect(grouped.map(shape)).toEqual(alone.map(shape));
          expect((await Promise.all(ids.map((id) => sql.get(id)))).map(shape)).toEqual(
            (await Promise.all(ids.map((id) => memory.get(id)))).map(shape),
          );
        }),
        { numRuns: 25 },
      );
    });
  });
}
