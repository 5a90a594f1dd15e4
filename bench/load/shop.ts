/**
 * The example shop's server (`createShopServer`, Express) on node:http over loopback, with
 * its database on PGlite or PostgreSQL (its own schema, dropped after; or the schema of another
 * shop process, to share its tables as a second app server does), plus the delivery check:
 * every completed payment delivered exactly once. It tells the process's CPU time in the shop's
 * order writes, and with PGlite in a worker thread, that thread's (the database's) CPU time, all
 * of it and the part in those writes.
 */
import { createServer } from 'node:http';
import { startPGliteWorker } from './pglite-worker';
import { createShopServer } from '../../examples/shop/server/app';
import { createRouteTimings, listenOnLoopback, type RouteTimings } from './server-parts';
import { PG_URL } from '../../tests/support/postgres';

export type DbKind = 'pglite' | 'postgres';

/** `handlerTimes`: inside pi-kit's handler (`payments.handle`); `appTimes`: the part of it in the shop's order writes. */
export interface RunningShop extends RouteTimings {
  url: string;
  /** PostgreSQL: the schema of its tables (give it to a second shop process to share them). */
  schema?: string;
  /** How many times each payment was delivered (`onComplete`) by this process. */
  deliveryCalls(): Record<string, number>;
  /** The process's CPU time so far while in the shop's order writes, ms (overlapping work counted too when flows run at once). */
  appCpuMs(): number;
  /**
   * The database thread's CPU time so far, ms (PGlite in a worker thread); `null` without one
   * (PostgreSQL, `PIKIT_PGLITE_MAIN_THREAD=1`) or where it cannot be read.
   */
  databaseThreadCpuMs(): number | null;
  /** The part of `databaseThreadCpuMs` while in the shop's order writes, ms (in `appCpuMs` too); `null` with it. */
  appDatabaseThreadCpuMs(): number | null;
  /** Orders paid, payments recorded delivered, paid payments whose order was not delivered, and payments delivered (onComplete) more than once. */
  deliveries(paymentIds: string[]): Promise<{ paid: number; delivered: number; lost: number; duplicated: number }>;
  close(): Promise<void>;
}

/** The PostgreSQL server (`PIKIT_PG_URL`, the tests' default); re-exported for the bench's report. */
export { PG_URL };
/** Connections of the shop's pg pool (`PIKIT_PG_POOL`, default 20). */
export const PG_POOL = Number(process.env.PIKIT_PG_POOL ?? 20);

async function openDb(
  kind: DbKind,
  sharedSchema: string | undefined,
): Promise<{
  db: { query(sql: string, params?: unknown[]): Promise<{ rows: any[] }> };
  schema?: string;
  /** The database thread's CPU time so far, ms: PGlite in a worker thread only. */
  threadCpuMs?: () => number | null;
  close(): Promise<void>;
}> {
  if (kind === 'pglite' && process.env.PIKIT_PGLITE_MAIN_THREAD === '1') {
    // `pnpm bench --pglite-main-thread`: PGlite on the shop's event loop, as the example shop runs it.
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create();
    return { db, close: () => db.close() };
  }
  if (kind === 'pglite') {
    // PGlite in a worker thread of the shop's process (pglite-worker.ts), off its event loop.
    const db = await startPGliteWorker();
    return { db, threadCpuMs: () => db.threadCpuMs(), close: () => db.close() };
  }
  const pg = (await import('pg')).default;
  const schema = sharedSchema ?? `bench_${process.pid}_${Date.now()}`;
  const pool = new pg.Pool({ connectionString: PG_URL, max: PG_POOL, options: `-c search_path=${schema}` });
  // The process that created the schema drops it; one sharing it leaves it.
  if (sharedSchema) return { db: pool, schema, close: () => pool.end() };
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  return {
    db: pool,
    schema,
    async close() {
      await pool.end();
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    },
  };
}

export async function startShop(options: {
  kind: DbKind;
  simUrl: string;
  apiKey: string;
  network: 'Pi Testnet' | 'Pi Network';
  /** PostgreSQL: use this schema (another shop process's) instead of a new one. */
  schema?: string;
}): Promise<RunningShop> {
  const { db, schema, threadCpuMs, close } = await openDb(options.kind, options.schema);
  const shop = await createShopServer({
    apiKey: options.apiKey,
    network: options.network,
    piApiBaseUrl: options.simUrl,
    horizonUrl: `${options.simUrl}/horizon`,
    db,
    // PGlite runs one statement at a time: pi-kit's store groups everything that waits behind one.
    maxConcurrentStatements: options.kind === 'pglite' ? 1 : undefined,
    // The bare handler it is compared with logs nothing either.
    logger: false,
  });
  // The time pi-kit's handler spends in the shop's own order writes (its callbacks' work, which
  // the bare server does not do), by payment: each flow's approve and complete run one after the other.
  // And the process's CPU time (all threads: with PGlite, the database's too) while in them: the
  // shop's own CPU cost, exact one flow at a time, when nothing else runs in the process meanwhile;
  // with PGlite in a worker thread, the part of it in that thread too.
  const appMs = new Map<string, number>();
  let appCpuMs = 0;
  const databaseThread = threadCpuMs && threadCpuMs() !== null ? threadCpuMs : undefined;
  let appDatabaseThreadCpuMs = 0;
  const timedApp = async <T>(paymentId: string, write: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const thread0 = databaseThread?.() ?? null;
    try {
      return await write();
    } finally {
      appMs.set(paymentId, (appMs.get(paymentId) ?? 0) + performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      appCpuMs += (cpu.user + cpu.system) / 1000;
      const thread = databaseThread?.() ?? null;
      if (thread !== null && thread0 !== null) appDatabaseThreadCpuMs += thread - thread0;
    }
  };
  const createPending = shop.orders.createPending.bind(shop.orders);
  shop.orders.createPending = (order) => timedApp(order.paymentId, () => createPending(order));
  // Count every delivery (onComplete → orders.markPaid; the same object the shop's handlers use).
  const deliveryCalls = new Map<string, number>();
  const markPaid = shop.orders.markPaid.bind(shop.orders);
  shop.orders.markPaid = async (paymentId, txid) => {
    deliveryCalls.set(paymentId, (deliveryCalls.get(paymentId) ?? 0) + 1);
    return timedApp(paymentId, () => markPaid(paymentId, txid));
  };
  // Time pi-kit's handler itself (the Express middleware calls `payments.handle` per request,
  // once it has read the body, as the bare server times from the body read).
  const timings = createRouteTimings();
  const handle = shop.payments.handle.bind(shop.payments);
  shop.payments.handle = async (request) => {
    const t0 = performance.now();
    const answer = await handle(request);
    const handlerMs = performance.now() - t0;
    const paymentId = paymentIdOf(request.body);
    timings.record(request.path.endsWith('/approve') ? 'approve' : 'complete', handlerMs, appMs.get(paymentId) ?? 0);
    appMs.delete(paymentId);
    return answer;
  };
  const server = createServer(shop.app);
  const listening = await listenOnLoopback(server);
  return {
    url: listening.url,
    ...(schema ? { schema } : {}),
    ...timings,
    deliveryCalls: () => Object.fromEntries(deliveryCalls),
    appCpuMs: () => appCpuMs,
    databaseThreadCpuMs: () => databaseThread?.() ?? null,
    appDatabaseThreadCpuMs: () => (databaseThread ? appDatabaseThreadCpuMs : null),
    async deliveries(paymentIds) {
      const orders = (await db.query(`SELECT payment_id, status FROM shop_orders`)).rows as Array<{ payment_id: string; status: string }>;
      const records = (await db.query(`SELECT payment_id, state FROM pikit_payments`)).rows as Array<{ payment_id: string; state: string }>;
      const paid = new Map<string, number>();
      for (const o of orders) if (o.status === 'paid') paid.set(o.payment_id, (paid.get(o.payment_id) ?? 0) + 1);
      return {
        paid: paid.size,
        delivered: records.filter((r) => r.state === 'delivered').length,
        lost: paymentIds.filter((id) => !paid.has(id)).length,
        duplicated: [...deliveryCalls.values()].filter((n) => n > 1).length + [...paid.values()].filter((n) => n > 1).length,
      };
    },
    async close() {
      await listening.close();
      await close();
    },
  };
}

/** The `paymentId` of a route's body (a JSON string as the Express adapter passes it, or an object). */
function paymentIdOf(body: unknown): string {
  try {
    const parsed = typeof body === 'string' ? (JSON.parse(body) as unknown) : body;
    return String((parsed as { paymentId?: unknown } | null)?.paymentId ?? '');
  } catch {
    return '';
  }
}
