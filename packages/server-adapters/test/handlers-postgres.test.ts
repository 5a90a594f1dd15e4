/**
 * Two app server "processes" (each its own pg pool, store and handlers) racing on one
 * real PostgreSQL, and the embedded PGlite path the example shop uses.
 */
import pg from 'pg';
import type { PiNetwork } from '@pi-kit/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSqlStore } from '../src/store/sql';
import { createTestApp } from './support/app';
import { ensurePostgres, freshSchema, PG_URL } from '../../../tests/support/postgres';
import { post, useSimulatedNetwork, userPays } from './support/sim';
import { sharedPGlite } from '../../../tests/support/pglite';

// A seed of its own per test: payment ids never collide in the shared schema.
const sim = useSimulatedNetwork(() => ({ seed: Math.floor(Math.random() * 2 ** 31) }));
let network: PiNetwork;
beforeEach(() => {
  network = sim.network;
});

describe('two processes on one PostgreSQL', { timeout: 60_000 }, () => {
  const schema = freshSchema('handlers');
  let poolA: pg.Pool;
  let poolB: pg.Pool;
  beforeAll(async () => {
    await ensurePostgres();
    poolA = new pg.Pool({ connectionString: PG_URL, max: 10 });
    poolB = new pg.Pool({ connectionString: PG_URL, max: 10 });
  }, 300_000);
  afterAll(async () => {
    await poolA?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all([poolA?.end(), poolB?.end()]);
  });

  it('dozens of concurrent approves and completes split across both: one approval, one delivery', async () => {
    const deliveries: string[] = [];
    const approvals: string[] = [];
    const processes = [poolA, poolB].map((db) =>
      createTestApp(network, {
        store: createSqlStore({ db, schema }),
        onComplete: async (p) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          deliveries.push(p.identifier);
        },
        onApprove: async (p) => {
          approvals.push(p.identifier);
        },
      }),
    );
    const { payment, accessToken } = userPays(network);
    const approves = await Promise.all(
      Array.from({ length: 24 }, (_, i) => post(processes[i % 2]!.handlers, 'approve', { paymentId: payment.identifier, accessToken })),
    );
    expect(approves.map((r) => r.status)).toEqual(Array(24).fill(200));
    expect(approvals).toEqual([payment.identifier]);
    const txid = network.submitTransaction(payment.identifier).transaction!.txid;
    const completes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(processes[i % 2]!.handlers, 'complete', { paymentId: payment.identifier, txid })),
    );
    expect(completes.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(deliveries).toEqual([payment.identifier]);
    const row = await poolB.query(`SELECT state FROM "${schema}".pikit_payments WHERE payment_id = $1`, [payment.identifier]);
    expect(row.rows[0].state).toBe('delivered');
  });

  it("a payment completed by one process and lost before delivery is delivered by the other's reconcile()", async () => {
    const deliveries: string[] = [];
    const make = (db: pg.Pool, onComplete: (id: string) => Promise<void>) =>
      createTestApp(network, { store: createSqlStore({ db, schema }), onComplete: (p) => onComplete(p.identifier) }).handlers;
    const dying = make(poolA, async () => {
      throw new Error('process A died mid-delivery');
    });
    const survivor = make(poolB, async (id) => {
      deliveries.push(id);
    });
    const { payment, accessToken } = userPays(network);
    expect((await post(dying, 'approve', { paymentId: payment.identifier, accessToken })).status).toBe(200);
    const txid = network.submitTransaction(payment.identifier).transaction!.txid;
    expect((await post(dying, 'complete', { paymentId: payment.identifier, txid })).status).toBe(500);
    expect(network.getPayment(payment.identifier)!.status.developer_completed).toBe(true);
    const report = await survivor.reconcile();
    expect(report.delivered).toContain(payment.identifier);
    expect(deliveries).toEqual([payment.identifier]);
  });
});

describe("SQL store on PGlite (the example shop's set-up)", { timeout: 60_000 }, () => {
  it('approves, completes and delivers once, and the record survives in the database', async () => {
    // This worker's PGlite database (initdb costs seconds), with a schema of this test's own.
    const db = await sharedPGlite();
    const store = createSqlStore({ db, schema: freshSchema('pglite') });
    const app = createTestApp(network, { store });
    const { payment, accessToken } = userPays(network);
    expect((await post(app.handlers, 'approve', { paymentId: payment.identifier, accessToken })).status).toBe(200);
    const txid = network.submitTransaction(payment.identifier).transaction!.txid;
    const results = await Promise.all(
      Array.from({ length: 12 }, () => post(app.handlers, 'complete', { paymentId: payment.identifier, txid })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(app.deliveries).toEqual([payment.identifier]);
    expect(await store.get(payment.identifier)).toMatchObject({ state: 'delivered', txid, amount: 3.14, metadata: { orderId: 'o-1' } });
  });
});
