/**
 * A payment whose memo or metadata holds a NUL character or a lone surrogate (Pi's SDK accepts
 * both; PostgreSQL refuses both in TEXT and JSONB) goes through every route on every store:
 * approved, completed, delivered once, with memo and metadata intact. Never a 5xx. Then the same
 * as properties: any full-unicode memo and metadata (every code point, lone surrogates and NUL
 * included) is stored and read back unchanged, and delivered unchanged through the routes.
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPGlite } from '../../../tests/support/pglite';
import { ensurePostgres, freshSchema, PG_URL } from '../../../tests/support/postgres';
import { createMemoryStore } from '../src/store/memory';
import { createSqlStore } from '../src/store/sql';
import type { PaymentState, PaymentStore } from '../src/store/types';
import { createTestApp } from './support/app';
import { post, useSimulatedNetwork, userPays } from './support/sim';
import { anyText } from '../../../tests/support/unicode';

const sim = useSimulatedNetwork(() => ({ seed: Math.floor(Math.random() * 2 ** 31) }));
let pool: pg.Pool | undefined;
const schemas: string[] = [];

const stores: Record<string, () => Promise<PaymentStore>> = {
  memory: async () => createMemoryStore(),
  pglite: async () => {
    const schema = freshSchema('hostile');
    schemas.push(schema);
    return createSqlStore({ db: await sharedPGlite(), schema });
  },
  postgres: async () => {
    await ensurePostgres();
    pool ??= new pg.Pool({ connectionString: PG_URL, max: 4 });
    const schema = freshSchema('hostile');
    return createSqlStore({ db: pool, schema });
  },
};

afterAll(async () => {
  const db = await sharedPGlite();
  for (const schema of schemas) await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool?.end();
});

describe.each(Object.keys(stores))('NUL and lone surrogates on the %s store', { timeout: 60_000 }, (name) => {
  it.each([
    ['a NUL in the memo', 'coffee\u0000', { orderId: 'o-1' }],
    ['a lone surrogate in the memo and metadata', 'a\ud800b', { orderId: 'o-1', note: 'x\udc00', 'k\u0000': ['\u0000'] }],
  ])('%s: approved, completed, delivered once, intact', async (_case, memo, metadata) => {
    const delivered: Array<{ memo: string; metadata: unknown }> = [];
    const app = createTestApp(sim.network, {
      store: await stores[name]!(),
      onComplete: (payment) => {
        delivered.push({ memo: payment.memo, metadata: payment.metadata });
      },
    });
    const { payment, accessToken } = userPays(sim.network, 'alice', { amount: 3.14, memo, metadata });
    expect((await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken })).status).toBe(200);
    const txid = sim.network.submitTransaction(payment.identifier).transaction!.txid;
    expect((await post(app.handlers, 'complete', { paymentId: payment.identifier, txid, accessToken })).status).toBe(200);
    expect((await post(app.handlers, 'complete', { paymentId: payment.identifier, txid, accessToken })).status).toBe(200);
    expect(delivered).toEqual([{ memo, metadata }]);
  });
});

const anyMemo = anyText(100).filter((memo) => memo.trim() !== '');
const anyMetadata = fc.dictionary(
  anyText(12),
  fc.oneof(
    anyText(40),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(anyText(10), { maxLength: 3 }),
    fc.dictionary(anyText(6), anyText(20), { maxKeys: 2 }),
  ),
  { maxKeys: 5 },
);
let serial = 0;

describe.each(Object.keys(stores))('any full-unicode memo and metadata on the %s store', { timeout: 120_000 }, (name) => {
  it('is stored and read back unchanged (insert, transition, get, list)', async () => {
    const store = await stores[name]!();
    await fc.assert(
      fc.asyncProperty(anyMemo, anyMetadata, async (memo, metadata) => {
        const paymentId = `unicode-${++serial}`;
        expect(await store.insert({ paymentId, uid: 'uid-1', amount: 1.5, memo, metadata, state: 'approving' })).toBe(true);
        expect(await store.transition(paymentId, { from: ['approving'], to: 'approved' })).toMatchObject({ memo, metadata });
        expect(await store.get(paymentId)).toMatchObject({ paymentId, uid: 'uid-1', memo, metadata, state: 'approved' });
        const listed = (await store.list(['approved' as PaymentState])).find((r) => r.paymentId === paymentId);
        expect(listed).toMatchObject({ memo, metadata });
      }),
      { numRuns: name === 'memory' ? 200 : 60 },
    );
  });

  it('is delivered unchanged through approve and complete, never a 5xx', async () => {
    const store = await stores[name]!();
    const delivered: Array<{ memo: string; metadata: unknown }> = [];
    const app = createTestApp(sim.network, {
      store,
      onApprove: () => true,
      onComplete: (payment) => {
        delivered.push({ memo: payment.memo, metadata: payment.metadata });
      },
    });
    await fc.assert(
      fc.asyncProperty(anyMemo, anyMetadata, async (memo, metadata) => {
        delivered.length = 0;
        const { payment, accessToken } = userPays(sim.network, 'alice', { amount: 0.5, memo, metadata });
        expect((await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken })).status).toBe(200);
        const txid = sim.network.submitTransaction(payment.identifier).transaction!.txid;
        expect((await post(app.handlers, 'complete', { paymentId: payment.identifier, txid, accessToken })).status).toBe(200);
        expect(delivered).toEqual([{ memo, metadata }]);
      }),
      { numRuns: 15 },
    );
  });
});
