/**
 * A payment whose memo or metadata holds a NUL character or a lone surrogate (Pi's SDK accepts
 * both; PostgreSQL refuses both in TEXT and JSONB) goes through every route on every store:
 * approved, completed, delivered once, with memo and metadata intact. Never a 5xx.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPGlite } from '../../../tests/support/pglite';
import { ensurePostgres, freshSchema, PG_URL } from '../../../tests/support/postgres';
import { createMemoryStore } from '../src/store/memory';
import { createSqlStore } from '../src/store/sql';
import type { PaymentStore } from '../src/store/types';
import { createTestApp } from './support/app';
import { post, useSimulatedNetwork, userPays } from './support/sim';

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
