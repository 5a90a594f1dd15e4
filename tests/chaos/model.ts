/**
 * One chaos run: executes generated steps against a fresh {@link World}, lets recovery
 * finish (faults healed, the server restarted, every user signs in again — the SDK reports
 * the incomplete payment and core sends it to the `incomplete` route — and `reconcile()`),
 * then checks pi-kit's promises:
 *
 * 1. no order is delivered unless Pi's `/complete` succeeded for its payment (checked at
 *    every `onComplete` call: Pi reports it `developer_completed`, with a verified transaction);
 * 2. every payment whose transaction is on the ledger ends completed on Pi and delivered
 *    exactly once (and `onComplete` never runs twice unless the server died during it);
 * 3. no user is left blocked: no incomplete payment at Pi, and a new payment goes through;
 * 4. nothing is approved for another user or another amount than its order's.
 *
 * Shared by `chaos.test.ts` (a few runs, in `pnpm test`), `regressions.test.ts` and `cli.ts`.
 */
import fc from 'fast-check';
import type { PaymentDTO } from '@pi-kit/core';
import { createMemoryStore, createSqlStore, type PaymentStore, type SqlQueryable } from '@pi-kit/server-adapters';
import { FAULT_ROUTES, isFault, scenarioArb, type Action } from './actions';
import { APP_URL, type ChaosClock, INSTANCES, LEASE_MS, type RunStorage, startClock, USERS, World, type Tab } from './world';

export type StoreKind = 'memory' | 'pglite' | 'postgres';

export interface RunResult {
  violations: string[];
  /** Steps that inject a fault (Pi/Horizon/browser/server failures, reloads, re-invocations, races…). */
  faultSteps: number;
  /** Faults that actually hit a request. */
  faultsHit: number;
  payments: number;
  delivered: number;
  clientInvariantViolations: string[];
  stuckSettles: number;
}

/** The SQL databases of this process, opened on first use and kept for its runs. */
let pglite: Promise<import('@electric-sql/pglite').PGlite> | undefined;
let postgres: Promise<import('pg').Pool[]> | undefined;
let tables = 0;
/** PostgreSQL schema of the chaos tables (one table per run, dropped after it). */
const PG_SCHEMA = 'pikit_chaos';

/** The databases server processes connect through: one for PGlite, one pool per instance slot for PostgreSQL. */
function databases(kind: 'pglite' | 'postgres'): Promise<SqlQueryable[]> {
  if (kind === 'pglite') {
    // An empty database from a tarball: initdb (`new PGlite()`) costs seconds.
    pglite ??= import('../support/pglite').then(({ freshPGlite }) => freshPGlite());
    return pglite.then((db) => [db]);
  }
  postgres ??= (async () => {
    const [{ default: pg }, { ensurePostgres, PG_URL }] = await Promise.all([import('pg'), import('../support/postgres')]);
    await ensurePostgres();
    // Each slot's processes reach the database through connections of their own, so two
    // instances' statements really run at once (PGlite runs one statement at a time).
    return Array.from({ length: INSTANCES }, () => new pg.Pool({ connectionString: PG_URL, max: 4 }));
  })();
  return postgres;
}

/**
 * Fresh storage for one run on the run's clock (its claim leases expire when the run's time
 * passes, as recovery expects): one memory store every process shares, or a new table that
 * each process opens with a `createSqlStore` of its own (PGlite: this process's one database;
 * PostgreSQL: its slot's pool, the table dropped by `close()`).
 */
export async function freshStorage(kind: StoreKind, clock: ChaosClock): Promise<RunStorage & { close(): Promise<void> }> {
  const now = () => clock.time;
  if (kind === 'memory') {
    const store = createMemoryStore({ now });
    return { open: () => store, close: async () => {} };
  }
  const dbs = await databases(kind);
  const schema = kind === 'postgres' ? PG_SCHEMA : undefined;
  const table = `chaos_${process.pid}_${++tables}`;
  const open = (instance: number) =>
    createSqlStore({ db: dbs[instance % dbs.length]!, table, now, ...(schema ? { schema, maxConcurrentStatements: 2 } : {}) });
  await open(0).ready();
  return {
    open,
    close: async () => {
      if (schema) await dbs[0]!.query(`DROP TABLE IF EXISTS "${schema}"."${table}"`);
    },
  };
}

/** Closes this process's databases, if any were opened. */
export async function closeStores(): Promise<void> {
  const [lite, pools] = await Promise.all([pglite, postgres]);
  pglite = undefined;
  postgres = undefined;
  await Promise.all([lite?.close(), ...(pools ?? []).map((p) => p.end())]);
}

function pick<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

function openTabs(world: World): Tab[] {
  return world.tabs.filter((t) => !t.closed);
}

async function step(world: World, action: Action): Promise<void> {
  const tabs = openTabs(world);
  switch (action.t) {
    case 'open':
      await world.openTab(USERS[action.user % USERS.length]!);
      return;
    case 'pay': {
      const tab = pick(tabs, action.tab);
      if (!tab) return;
      const order = world.newOrder(tab.user, action.price);
      world.pay(tab, {
        amount: action.tamper ? action.price / 10 : action.price,
        memo: `Order ${order.id}`,
        metadata: { orderId: order.id },
      });
      return;
    }
    case 'payTwoTabs': {
      const user = USERS[action.user % USERS.length]!;
      const mine = tabs.filter((t) => t.user === user);
      while (mine.length < 2) mine.push(await world.openTab(user));
      const a = world.newOrder(user, action.price);
      const b = world.newOrder(user, action.price);
      world.pay(mine[0]!, { amount: a.amount, memo: `Order ${a.id}`, metadata: { orderId: a.id } });
      world.pay(mine[1]!, { amount: b.amount, memo: `Order ${b.id}`, metadata: { orderId: b.id } });
      return;
    }
    case 'sign':
    case 'reject': {
      const tab = pick(tabs, action.tab);
      const waiting = tab?.pi.wallet.pending()[0];
      if (!tab || !waiting) return;
      if (action.t === 'sign') tab.pi.wallet.approve(waiting.identifier);
      else tab.pi.wallet.reject(waiting.identifier);
      return;
    }
    case 'reinvoke': {
      const tab = pick(tabs, action.tab);
      const flow = tab?.flows.filter((f) => f.paymentId !== null).at(-1);
      if (!flow?.paymentId) return;
      const payment = world.network.getPayment(flow.paymentId);
      const times = action.twice ? 2 : 1;
      for (let i = 0; i < times; i++) {
        if (action.callback === 'approval') flow.callbacks.onReadyForServerApproval(flow.paymentId);
        else if (payment?.transaction) flow.callbacks.onReadyForServerCompletion(flow.paymentId, payment.transaction.txid);
      }
      return;
    }
    case 'piFault': {
      const route = FAULT_ROUTES[action.route];
      const rule =
        action.kind === '5xx'
          ? { status: 500 }
          : action.kind === 'html'
            ? { html: true as const, status: 502 }
            : action.kind === 'drop'
              ? { drop: true as const }
              : action.kind === 'lostResponse'
                ? { drop: true as const, after: true as const }
                : { delayMs: 60 };
      world.network.faults.inject({ api: 'platform', route, times: action.times, predicate: world.countHit, ...rule });
      return;
    }
    case 'horizonFault':
      world.network.faults.inject({
        api: 'horizon',
        times: action.times,
        predicate: world.countHit,
        ...(action.kind === 'drop' ? { drop: true as const } : { status: 503 }),
      });
      return;
    case 'browserNet': {
      const tab = pick(tabs, action.tab);
      if (tab) tab.net = action.mode;
      return;
    }
    case 'crash': {
      const proc = world.servers[action.instance ?? 0]!;
      proc.opsLeft = action.afterOps;
      if (action.afterOps === 0) world.kill(proc);
      return;
    }
    case 'restart':
      world.startServer(action.instance ?? 0);
      return;
    case 'reload': {
      const tab = pick(tabs, action.tab);
      if (!tab) return;
      world.closeTab(tab);
      await world.openTab(tab.user);
      return;
    }
    case 'time':
      world.advance(action.ms);
      return;
    case 'crossUser': {
      const tab = pick(tabs, action.tab);
      const token = tab?.client.store.getState().auth.accessToken;
      if (!tab || !token) return;
      const mine = world.network.user(tab.user).uid;
      const theirs = world.network
        .payments()
        .filter((p) => p.user_uid !== mine)
        .at(-1);
      if (!theirs) return;
      const response = await world.serve(jsonRequest('approve', { paymentId: theirs.identifier, accessToken: token })).catch(() => null);
      if (response?.ok)
        world.obs.violations.push(`approve of ${theirs.identifier} (another user's) with ${tab.user}'s token answered ${response.status}`);
      return;
    }
    case 'replayComplete': {
      const tab = pick(tabs, action.tab);
      if (!tab) return;
      const paid = latestPayment(world, tab.user, (p) => Boolean(p.transaction));
      if (!paid?.transaction) return;
      const body = { paymentId: paid.identifier, txid: paid.transaction.txid };
      await Promise.all([0, 1].map(() => world.serve(jsonRequest('complete', body)).catch(() => null)));
      return;
    }
    case 'forgedComplete': {
      const tab = pick(tabs, action.tab);
      if (!tab) return;
      const latest = latestPayment(world, tab.user);
      if (!latest) return;
      const body = { paymentId: latest.identifier, txid: 'f'.repeat(64) };
      // Not awaited: it overlaps the steps after it (the tab's real complete among them).
      void world
        .serve(jsonRequest('complete', body))
        .then((response) => {
          if (response.ok) world.obs.violations.push(`a complete of ${latest.identifier} with a forged txid answered ${response.status}`);
        })
        .catch(() => undefined);
      return;
    }
    case 'reconcile':
      await world.track(world.servers[action.instance ?? 0]!.handlers.reconcile().catch(() => undefined));
      return;
  }
}

/** The latest payment of `user` on Pi (that `matches`, when given). */
function latestPayment(world: World, user: string, matches: (p: PaymentDTO) => boolean = () => true): PaymentDTO | undefined {
  const uid = world.network.user(user).uid;
  return world.network
    .payments()
    .filter((p) => p.user_uid === uid && matches(p))
    .at(-1);
}

function jsonRequest(route: string, body: unknown): Request {
  return new Request(`${APP_URL}/api/pi/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Heals every fault and lets recovery finish: restart, claims expire, users sign in again, reconcile. */
async function recover(world: World): Promise<void> {
  world.network.faults.clear();
  for (const tab of world.tabs) if (!tab.closed) tab.net = 'up';
  await world.settle();
  for (const [instance] of world.servers.entries()) world.startServer(instance);
  world.advance(LEASE_MS + 1);
  for (let round = 0; round < 2; round++) {
    for (const user of USERS) await world.openTab(user);
    await world.settle();
    // Every instance runs its periodic reconcile, at the same time.
    await Promise.all(world.servers.map((proc) => world.track(proc.handlers.reconcile().catch(() => undefined))));
    await world.settle();
  }
}

/** Invariants 1–4 (see the file's comment). */
function check(world: World): string[] {
  const { network, obs, orders } = world;
  const violations = [...obs.violations];
  for (const [id, calls] of obs.onCompleteCalls) {
    if (calls > 1 && !obs.crashedDuringDelivery.has(id))
      violations.push(`onComplete(${id}) called ${calls} times with no crash during delivery`);
  }
  for (const [id, count] of obs.deliveries) if (count > 1) violations.push(`payment ${id} delivered ${count} times`);
  for (const payment of network.payments()) {
    const id = payment.identifier;
    if (payment.transaction?.verified) {
      if (!payment.status.developer_completed) violations.push(`payment ${id} has a transaction on the ledger but is not completed on Pi`);
      const order = orders.get(String(payment.metadata.orderId));
      if (order?.paidBy !== id) violations.push(`payment ${id} has a transaction on the ledger but its order was not delivered`);
    }
    if (payment.status.developer_approved) {
      const order = orders.get(String(payment.metadata.orderId));
      if (!order) violations.push(`payment ${id} approved without an order`);
      else if (order.uid !== payment.user_uid || order.amount !== payment.amount) {
        violations.push(
          `payment ${id} approved for ${payment.amount} π of ${payment.user_uid}, order ${order.id} is ${order.amount} π of ${order.uid}`,
        );
      }
    }
  }
  for (const user of USERS) {
    const blocking = network.incompletePaymentOf(user);
    if (blocking) violations.push(`${user} is blocked by incomplete payment ${blocking.identifier}`);
  }
  return violations;
}

/** After recovery: every user can still pay (a payment goes through end to end). */
async function checkUsersCanPay(world: World): Promise<string[]> {
  const problems: string[] = [];
  for (const user of USERS) {
    const tab = await world.openTab(user);
    const order = world.newOrder(user, 2);
    const handle = world.pay(tab, { amount: 2, memo: `Final ${order.id}`, metadata: { orderId: order.id } });
    await world.settle();
    const waiting = tab.pi.wallet.pending()[0];
    if (waiting) tab.pi.wallet.approve(waiting.identifier);
    await world.settle();
    if (handle.phase !== 'completed' || order.paidBy === null) {
      problems.push(
        `${user} cannot pay after recovery: phase ${handle.phase}${handle.error ? ` (${handle.error.code}: ${handle.error.message})` : ''}`,
      );
    }
  }
  return problems;
}

/** Runs one scenario on a fresh store; never throws (problems are in `violations`). */
export async function runScenario(actions: readonly Action[], storeKind: StoreKind = 'memory'): Promise<RunResult> {
  const clock = startClock();
  const storage = await freshStorage(storeKind, clock);
  try {
    return await runScenarioWith(storage, actions, clock);
  } finally {
    // Dropping the run's table is housekeeping: a table left behind changes no run's outcome.
    await storage.close().catch(() => {});
  }
}

/** Runs one scenario on `storage` (empty, its leases on `clock`), or on one `store` every process shares; never throws. */
export async function runScenarioWith(
  storage: RunStorage | PaymentStore,
  actions: readonly Action[],
  clock = startClock(),
): Promise<RunResult> {
  const world = new World({ storage: 'open' in storage ? storage : { open: () => storage }, clock });
  try {
    for (const user of USERS) await world.openTab(user);
    for (const action of actions) {
      await step(world, action);
      await world.settle();
    }
    await recover(world);
    const violations = check(world);
    if (violations.length === 0) violations.push(...(await checkUsersCanPay(world)));
    return {
      violations,
      faultSteps: actions.filter(isFault).length,
      faultsHit: world.obs.faultsHit,
      payments: world.network.payments().length,
      delivered: [...world.orders.values()].filter((o) => o.paidBy !== null).length,
      clientInvariantViolations: world.obs.clientInvariantViolations,
      stuckSettles: world.obs.stuckSettles,
    };
  } finally {
    world.dispose();
  }
}

/** Totals over many runs. */
export interface ChaosTotals {
  runs: number;
  faultSteps: number;
  faultsHit: number;
  payments: number;
  delivered: number;
  violations: number;
  clientInvariantViolations: number;
  stuckSettles: number;
}

export function emptyTotals(): ChaosTotals {
  return { runs: 0, faultSteps: 0, faultsHit: 0, payments: 0, delivered: 0, violations: 0, clientInvariantViolations: 0, stuckSettles: 0 };
}

/**
 * The property: `numRuns` generated scenarios, each must end with no violation.
 * Resolves the totals and, when a run failed, the shrunk counterexample.
 */
export async function checkChaos(options: {
  numRuns: number;
  seed?: number;
  store: StoreKind | ((runIndex: number) => StoreKind);
  maxSteps?: number;
  onRun?: (totals: ChaosTotals) => void;
}): Promise<{ totals: ChaosTotals; counterexample: Action[] | null; violations: string[]; seed: number }> {
  const totals = emptyTotals();
  const storeOf = typeof options.store === 'function' ? options.store : () => options.store as StoreKind;
  let lastViolations: string[] = [];
  const property = fc.asyncProperty(scenarioArb(options.maxSteps), async (actions) => {
    const result = await runScenario(actions, storeOf(totals.runs));
    totals.runs++;
    totals.faultSteps += result.faultSteps;
    totals.faultsHit += result.faultsHit;
    totals.payments += result.payments;
    totals.delivered += result.delivered;
    totals.clientInvariantViolations += result.clientInvariantViolations.length;
    totals.stuckSettles += result.stuckSettles;
    if (result.violations.length > 0) {
      totals.violations++;
      lastViolations = result.violations;
    }
    options.onRun?.(totals);
    return result.violations.length === 0;
  });
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const details = await fc.check(property, { numRuns: options.numRuns, seed });
  const counterexample = details.failed && details.counterexample ? (details.counterexample[0] as Action[]) : null;
  // the shrunk counterexample, run once more for its own violations
  const violations = counterexample ? (await runScenario(counterexample, storeOf(0))).violations : [];
  return { totals, counterexample, violations: violations.length > 0 ? violations : lastViolations, seed };
}
