/**
 * What one payment flow sends to the SQL store, on PGlite and on PostgreSQL: approve, complete and
 * delivery take 4 statements. Complete's first is the claim of the delivery, one conditional
 * `UPDATE … RETURNING *` with no read before it, sent while Pi is read (given back when a check
 * fails); only a claim that misses reads the record, once,
 * for its reason (unknown, refused, cancelled, delivered, completed, held by another request),
 * and each reason is answered with the route's status and code.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { freshSchema } from '../../../tests/support/postgres';
import { createSqlStore } from '../src/store/sql';
import type { NewPaymentRecord, PaymentState, PaymentStore } from '../src/store/types';
import { createTestApp } from './support/app';
import { recordingDb } from './support/recording-db';
import { post, useSimulatedNetwork, userPays } from './support/sim';
import { useSqlDatabases } from './support/sql-databases';

const sim = useSimulatedNetwork();
const databases = useSqlDatabases();

/**
 * A statement as `VERB state`: the state an `INSERT` writes or an `UPDATE` sets (parameters `$6`
 * and `$2` of the statements `sql.ts` sends for one payment at a time), or the verb alone.
 */
function verbAndState(sql: string, params: readonly unknown[]): string {
  const verb = sql.trim().split(/\s+/)[0]!;
  if (verb === 'INSERT') return `INSERT ${params[5]}`;
  if (verb === 'UPDATE') return `UPDATE ${params[1]}`;
  return verb;
}

describe.each(['pglite', 'postgres'] as const)('statements of a payment flow on %s', { timeout: 60_000 }, (name) => {
  let clock = Date.now();
  const schemas: string[] = [];
  afterAll(async () => {
    const db = await databases[name]();
    for (const schema of schemas) await db.query(`DROP SCHEMA "${schema}" CASCADE`);
  });

  /** A SQL store in a fresh schema (clock: `clock`), ready; what it sends from then on is noted. */
  async function recordedStore() {
    const schema = freshSchema('flow');
    schemas.push(schema);
    const recorded = recordingDb(await databases[name](), verbAndState);
    const store = createSqlStore({ db: recorded.db, schema, now: () => clock });
    await store.ready();
    recorded.sent.length = 0;
    recorded.sql.length = 0;
    return { store, sent: recorded.sent, sql: recorded.sql };
  }

  /**
   * Alice's payment, approved on Pi and paid, so that complete reaches the store; with `state`,
   * the store has its record in that state (claimed when `claim` is given). Its statements are not noted.
   */
  async function paidOnPi(
    { store, sent }: { store: PaymentStore; sent: string[] },
    state?: PaymentState,
    claim?: NewPaymentRecord['claim'],
  ) {
    const { payment } = userPays(sim.network);
    const paymentId = payment.identifier;
    sim.network.approvePayment(paymentId);
    const txid = sim.network.submitTransaction(paymentId).transaction!.txid;
    if (state) {
      const { amount, memo, metadata } = payment;
      expect(await store.insert({ paymentId, uid: payment.user_uid, amount, memo, metadata, state, claim, txid })).toBe(true);
      sent.length = 0;
    }
    return { paymentId, txid };
  }

  const completedOnPi = (paymentId: string) => sim.network.getPayment(paymentId)!.status.developer_completed;

  it('a flow sends 4 statements: the approval claim, approved, the delivery claim (UPDATE … RETURNING *, no read), delivered', async () => {
    const { store, sent, sql } = await recordedStore();
    const app = createTestApp(sim.network, { store });
    const { payment, accessToken } = userPays(sim.network);
    const paymentId = payment.identifier;
    expect((await post(app.handlers, 'approve', { paymentId, accessToken })).status).toBe(200);
    const txid = sim.network.submitTransaction(paymentId).transaction!.txid;
    expect((await post(app.handlers, 'complete', { paymentId, txid, accessToken })).status).toBe(200);
    expect(sent).toEqual(['INSERT approving', 'UPDATE approved', 'UPDATE completing', 'UPDATE delivered']);
    expect(sql[2]).toMatch(/RETURNING \*\s*$/);
    expect(app.deliveries).toEqual([paymentId]);
    expect(completedOnPi(paymentId)).toBe(true);
    expect(await store.get(paymentId)).toMatchObject({ state: 'delivered', txid, claimOwner: null });
  });

  it('a check that fails after the claim went out (another txid): the claim given back, no txid written, nothing completed', async () => {
    const { store, sent } = await recordedStore();
    const app = createTestApp(sim.network, { store });
    const { payment, accessToken } = userPays(sim.network);
    const paymentId = payment.identifier;
    expect((await post(app.handlers, 'approve', { paymentId, accessToken })).status).toBe(200);
    const txid = sim.network.submitTransaction(paymentId).transaction!.txid;
    sent.length = 0;
    const wrong = await post(app.handlers, 'complete', { paymentId, txid: 'f'.repeat(64), accessToken });
    expect(wrong).toMatchObject({ status: 409, body: { error: { code: 'txid_mismatch' } } });
    expect(sent).toEqual(['UPDATE completing', 'UPDATE approved']);
    expect(completedOnPi(paymentId)).toBe(false);
    expect(await store.get(paymentId)).toMatchObject({ state: 'approved', txid: null, claimOwner: null });
    expect((await post(app.handlers, 'complete', { paymentId, txid, accessToken })).status).toBe(200);
    expect(app.deliveries).toEqual([paymentId]);
    expect(await store.get(paymentId)).toMatchObject({ state: 'delivered', txid });
  });

  it('unknown payment approved on Pi (before this store had it): recorded with the claim, completed, delivered once', async () => {
    const recorded = await recordedStore();
    const { store, sent } = recorded;
    const app = createTestApp(sim.network, { store });
    const { paymentId, txid } = await paidOnPi(recorded);
    expect((await post(app.handlers, 'complete', { paymentId, txid })).status).toBe(200);
    expect(sent).toEqual(['UPDATE completing', 'SELECT', 'INSERT completing', 'UPDATE delivered']);
    expect(app.deliveries).toEqual([paymentId]);
    expect(await store.get(paymentId)).toMatchObject({ state: 'delivered', txid });
  });

  it('unknown payment Pi does not report approved by this app: 409 payment_not_approved, nothing completed or written', async () => {
    const recorded = await recordedStore();
    const { store, sent } = recorded;
    const { paymentId, txid } = await paidOnPi(recorded);
    // Pi's read says the app never approved it (the simulator lets no user pay such a payment).
    const notApproved: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      if ((init?.method ?? 'GET') !== 'GET' || !String(input).endsWith(`/v2/payments/${paymentId}`)) return answer;
      const dto = await answer.json();
      return Response.json({ ...dto, status: { ...dto.status, developer_approved: false } });
    };
    const app = createTestApp(sim.network, { store, platform: { fetch: notApproved, retryDelayMs: 1 } });
    expect(await post(app.handlers, 'complete', { paymentId, txid })).toMatchObject({
      status: 409,
      body: { error: { code: 'payment_not_approved' } },
    });
    expect(sent).toEqual(['UPDATE completing', 'SELECT']);
    expect(completedOnPi(paymentId)).toBe(false);
    expect(await store.get(paymentId)).toBeUndefined();
  });

  it.each([
    ['refused', 'payment_refused'],
    ['cancelled', 'payment_cancelled'],
  ] as const)('%s by this app: 409 %s after one read, /complete never called, nothing delivered', async (state, code) => {
    const recorded = await recordedStore();
    const { store, sent } = recorded;
    const app = createTestApp(sim.network, { store });
    const { paymentId, txid } = await paidOnPi(recorded, state);
    expect(await post(app.handlers, 'complete', { paymentId, txid })).toMatchObject({ status: 409, body: { error: { code } } });
    expect(sent).toEqual(['UPDATE completing', 'SELECT']);
    expect(completedOnPi(paymentId)).toBe(false);
    expect(app.deliveries).toEqual([]);
    expect(await store.get(paymentId)).toMatchObject({ state });
  });

  it('delivered before (a replayed complete): 200 after one read, nothing written, nothing delivered again', async () => {
    const recorded = await recordedStore();
    const { store, sent } = recorded;
    const app = createTestApp(sim.network, { store });
    const { paymentId, txid } = await paidOnPi(recorded, 'delivered');
    sim.network.completePayment(paymentId, txid);
    const replay = await post(app.handlers, 'complete', { paymentId, txid });
    expect(replay.status).toBe(200);
    expect(replay.body.payment).toMatchObject({ identifier: paymentId, status: { developer_completed: true } });
    expect(sent).toEqual(['UPDATE completing', 'SELECT']);
    expect(app.deliveries).toEqual([]);
  });

  it('completed on Pi with its delivery owed (a delivery failed): delivered once from `completed`', async () => {
    const recorded = await recordedStore();
    const { store, sent } = recorded;
    const app = createTestApp(sim.network, { store });
    const { paymentId, txid } = await paidOnPi(recorded, 'completed');
    sim.network.completePayment(paymentId, txid);
    expect((await post(app.handlers, 'complete', { paymentId, txid })).status).toBe(200);
    expect(sent).toEqual(['UPDATE completing', 'SELECT', 'UPDATE delivering', 'UPDATE delivered']);
    expect(app.deliveries).toEqual([paymentId]);
    expect(await store.get(paymentId)).toMatchObject({ state: 'delivered' });
  });

  it('claim held by another live request: its delivery is waited for (409 delivery_in_progress when it lasts), the claim left to it', async () => {
    const recorded = await recordedStore();
    const { store, sent } = recorded;
    const app = createTestApp(sim.network, { store, waitMs: 60 });
    const { paymentId, txid } = await paidOnPi(recorded, 'completing', { owner: 'other-request', leaseMs: 60_000 });
    expect(await post(app.handlers, 'complete', { paymentId, txid })).toMatchObject({
      status: 409,
      body: { error: { code: 'delivery_in_progress' } },
    });
    expect(sent.slice(0, 2)).toEqual(['UPDATE completing', 'SELECT']);
    expect(app.deliveries).toEqual([]);
    expect(await store.get(paymentId)).toMatchObject({ state: 'completing', claimOwner: 'other-request' });
  });

  it('claim whose holder died (lease expired): taken over by the claim itself, no read; completed and delivered once', async () => {
    const recorded = await recordedStore();
    const { store, sent } = recorded;
    const app = createTestApp(sim.network, { store });
    const { paymentId, txid } = await paidOnPi(recorded, 'completing', { owner: 'dead-process', leaseMs: 1_000 });
    clock += 1_001;
    expect((await post(app.handlers, 'complete', { paymentId, txid })).status).toBe(200);
    expect(sent).toEqual(['UPDATE completing', 'UPDATE delivered']);
    expect(app.deliveries).toEqual([paymentId]);
    expect(completedOnPi(paymentId)).toBe(true);
  });
});
