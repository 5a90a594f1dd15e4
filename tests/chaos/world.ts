/**
 * The system under test, wired in one process: the simulated Pi network (on a virtual
 * clock), the app server (two instances behind a load balancer, each `createPaymentHandlers` over
 * a store it opens on the run's one durable storage, each crashable), an app
 * (orders checked in `onApprove`, delivered idempotently in `onComplete`, as pi-kit's docs
 * ask) and browser tabs (core's `createPiClient` over a simulated `window.Pi`, reaching the
 * app server through a transport whose connection can fail).
 *
 * Everything in flight is counted, so `settle()` knows when the system is quiet.
 */
import {
  createFetchTransport,
  createPiClient,
  type PaymentCallbacks,
  type PaymentDTO,
  type PaymentHandle,
  type PiClient,
  type PiSdk,
  type UserDTO,
} from '@pi-kit/core';
import { createPaymentHandlers, PaymentRefusedError, type PaymentHandlers, type PaymentStore } from '@pi-kit/server-adapters';
import { createPiNetwork, createSimulatedPi, SimulatedConnectionDrop, type PiNetwork, type SimulatedPi } from '@pi-kit/simulator';

export const USERS = ['alice', 'bob'] as const;
export const APP_URL = 'http://shop.test';
const PI_API = 'https://api.minepi.com';
/** SDK timers that never fire during a run: Pi's re-invocations are explicit `reinvoke` steps. */
const NEVER_MS = 1_000_000_000;
export const LEASE_MS = 60_000;
/** App server instances behind the load balancer, sharing the run's storage (as a deployment of several processes). */
export const INSTANCES = 2;

/** A server process: handlers over the store it opened; dies after `opsLeft` operations. */
export interface ServerProcess {
  id: number;
  handlers: PaymentHandlers;
  alive: boolean;
  opsLeft: number;
}

export interface Tab {
  user: string;
  pi: SimulatedPi;
  client: PiClient;
  /** Payments started in the tab (handles), and the SDK flows they started, with Pi's callbacks. */
  payments: PaymentHandle[];
  flows: Array<{ callbacks: PaymentCallbacks; paymentId: string | null }>;
  net: 'up' | 'down' | 'lostResponse';
  closed: boolean;
}

export interface Order {
  id: string;
  uid: string;
  amount: number;
  /** The payment delivered for it (`onComplete` took effect), if any. */
  paidBy: string | null;
}

/** What the run observed, for the invariants and the figures. */
export interface Observations {
  violations: string[];
  /** onComplete calls per payment id. */
  onCompleteCalls: Map<string, number>;
  /** Effective deliveries per payment id (the app's idempotent markPaid took effect). */
  deliveries: Map<string, number>;
  /**
   * Payment ids whose onComplete may legitimately run again: the server died during delivery,
   * i.e. from onComplete's start until the handler recorded its outcome (`delivered`, or back
   * to `completed`): the at-least-once window pi-kit documents.
   */
  crashedDuringDelivery: Set<string>;
  approvals: Array<{ paymentId: string; user: UserDTO; payment: PaymentDTO }>;
  releases: string[];
  clientInvariantViolations: string[];
  /** Counts of faults that really hit a call. */
  faultsHit: number;
  stuckSettles: number;
}

/** A run's virtual time in epoch ms, shared by the simulated network, the handlers and the store. */
export interface ChaosClock {
  time: number;
}

/** A clock at the start of a run (2026-01-01). */
export const startClock = (): ChaosClock => ({ time: Date.UTC(2026, 0, 1) });

/**
 * The durable storage of one run, shared by its server processes: what a process opens when it
 * starts. The memory store is one object every process shares; over SQL each process opens a
 * `createSqlStore` of its own (its own statement queue, and on PostgreSQL its own connections)
 * over the run's one table, as processes of a deployment do.
 */
export interface RunStorage {
  /** The store a server process starting in slot `instance` opens (empty at the run's start). */
  open(instance: number): PaymentStore;
}

export interface WorldOptions {
  /** This run's storage (fresh, its claim leases on `clock`). */
  storage: RunStorage;
  /** The run's time; the store's claim leases must be read on it too (`now: () => clock.time`). */
  clock: ChaosClock;
}

export class World {
  readonly network: PiNetwork;
  readonly storage: RunStorage;
  readonly orders = new Map<string, Order>();
  readonly tabs: Tab[] = [];
  readonly obs: Observations = {
    violations: [],
    onCompleteCalls: new Map(),
    deliveries: new Map(),
    crashedDuringDelivery: new Set(),
    approvals: [],
    releases: [],
    clientInvariantViolations: [],
    faultsHit: 0,
    stuckSettles: 0,
  };
  /** The app server's instances, by slot: each a process of its own over the store it opened on the run's storage. */
  readonly servers: ServerProcess[] = [];
  private readonly clock: ChaosClock;
  private inFlight = 0;
  private processes = 0;
  private orderSeq = 0;
  /** onComplete calls running now, by payment id, with the process running them. */
  private delivering = new Map<string, ServerProcess>();

  constructor(options: WorldOptions) {
    this.clock = options.clock;
    this.network = createPiNetwork({
      seed: 7,
      now: () => this.clock.time,
      users: USERS.map((username) => ({ username, balance: 1_000 })),
    });
    this.storage = options.storage;
    for (let instance = 0; instance < INSTANCES; instance++) this.startServer(instance);
  }

  /** A fault rule predicate counting the calls the rule hits. */
  readonly countHit = (): boolean => {
    this.obs.faultsHit++;
    return true;
  };

  now(): number {
    return this.clock.time;
  }

  advance(ms: number): void {
    this.clock.time += ms;
  }

  // ── in-flight tracking ──────────────────────────────────────────────────────
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight++;
    return work.finally(() => {
      this.inFlight--;
    });
  }

  /** Waits until nothing is in flight for a few turns of the event loop (capped at ~1.5 s). */
  async settle(): Promise<void> {
    const deadline = Date.now() + 1_500;
    let quiet = 0;
    while (quiet < 3) {
      await new Promise((resolve) => setImmediate(resolve));
      quiet = this.inFlight === 0 ? quiet + 1 : 0;
      if (Date.now() > deadline) {
        this.obs.stuckSettles++;
        return;
      }
    }
  }

  // ── the app server ─────────────────────────────────────────────────────────
  /** Starts a new process in slot `instance`, over the run's storage (the slot's old process, if alive, is killed). */
  startServer(instance: number): ServerProcess {
    const old = this.servers[instance];
    if (old) this.kill(old);
    const proc: ServerProcess = { id: ++this.processes, alive: true, opsLeft: Number.POSITIVE_INFINITY, handlers: undefined as never };
    const alive = () => {
      if (!proc.alive) throw new Error(`server process ${proc.id} is dead`);
    };
    const step = () => {
      alive();
      proc.opsLeft--;
      if (proc.opsLeft < 0) {
        this.kill(proc);
        throw new Error(`server process ${proc.id} crashed`);
      }
    };
    const store = this.storage.open(instance);
    const processStore: PaymentStore = {
      get: async (id) => {
        step();
        return store.get(id);
      },
      insert: async (record) => {
        step();
        return store.insert(record);
      },
      transition: async (id, tr) => {
        step();
        const result = await store.transition(id, tr);
        // The delivery's outcome is recorded: from now on, this process dying is not "during delivery".
        if ((tr.to === 'delivered' || tr.to === 'completed') && this.delivering.get(id) === proc) this.delivering.delete(id);
        return result;
      },
      list: async (states) => {
        step();
        return store.list(states);
      },
    };
    const piFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      step();
      const request = new Request(input, init);
      const api = new URL(request.url).origin === PI_API ? this.network.platformApi : this.network.horizon;
      try {
        const response = await this.track(api(request));
        if (!proc.alive) throw new Error(`server process ${proc.id} is dead`);
        return response;
      } catch (error) {
        if (error instanceof SimulatedConnectionDrop) {
          throw new TypeError('fetch failed', { cause: error });
        }
        throw error;
      }
    };
    proc.handlers = createPaymentHandlers({
      apiKey: this.network.app.apiKey,
      network: this.network.app.network,
      store: processStore,
      platform: { baseUrl: PI_API, fetch: piFetch as typeof fetch, retries: 1, retryDelayMs: 1, timeoutMs: 40 },
      logger: false,
      fetch: piFetch as typeof fetch,
      now: () => this.clock.time,
      leaseMs: LEASE_MS,
      waitMs: 60,
      // A dead process runs nothing more: its requests' code still in flight (an await that
      // resumes after the crash) must not reach the app's callbacks.
      onApprove: (payment, user) => {
        alive();
        return this.onApprove(payment, user);
      },
      onComplete: (payment) => {
        alive();
        return this.onComplete(payment, proc);
      },
      onCancel: (payment) => {
        alive();
        this.obs.releases.push(payment.identifier);
      },
    });
    this.servers[instance] = proc;
    return proc;
  }

  kill(proc: ServerProcess): void {
    if (!proc.alive) return;
    proc.alive = false;
    for (const [paymentId, running] of this.delivering) if (running === proc) this.obs.crashedDuringDelivery.add(paymentId);
  }

  private nextInstance = 0;

  /**
   * A request to the app, through a load balancer: each request goes to the next instance in turn
   * (so a payment's requests, and two at once, reach different processes); a dead one refuses the
   * connection and the balancer tries the next; refused when every instance is dead.
   */
  async serve(request: Request): Promise<Response> {
    for (let tried = 0; tried < this.servers.length; tried++) {
      const proc = this.servers[this.nextInstance++ % this.servers.length]!;
      if (!proc.alive) continue;
      const response = await this.track(proc.handlers.fetch(request));
      if (!proc.alive) throw new TypeError('fetch failed: connection reset');
      return response;
    }
    throw new TypeError('fetch failed: connection refused');
  }

  // ── the app ────────────────────────────────────────────────────────────────
  newOrder(user: string, amount: number): Order {
    const order: Order = { id: `order-${++this.orderSeq}`, uid: this.network.user(user).uid, amount, paidBy: null };
    this.orders.set(order.id, order);
    return order;
  }

  private onApprove(payment: PaymentDTO, user: UserDTO): void {
    this.obs.approvals.push({ paymentId: payment.identifier, user, payment });
    if (user.uid !== payment.user_uid)
      this.obs.violations.push(`onApprove got user ${user.uid} for payment ${payment.identifier} of ${payment.user_uid}`);
    const order = this.orders.get(String(payment.metadata?.orderId));
    if (!order) throw new PaymentRefusedError('unknown_order', 'No such order.');
    if (order.uid !== user.uid) throw new PaymentRefusedError('wrong_user', 'This order belongs to another user.');
    if (order.amount !== payment.amount) throw new PaymentRefusedError('wrong_amount', `This order costs ${order.amount} π.`);
  }

  private async onComplete(payment: PaymentDTO, proc: ServerProcess): Promise<void> {
    const id = payment.identifier;
    this.obs.onCompleteCalls.set(id, (this.obs.onCompleteCalls.get(id) ?? 0) + 1);
    const onPi = this.network.getPayment(id);
    if (!onPi?.status.developer_completed) this.obs.violations.push(`onComplete(${id}) ran before Pi's /complete succeeded`);
    if (!onPi?.transaction?.verified) this.obs.violations.push(`onComplete(${id}) ran without a verified transaction on the ledger`);
    // Open until the handler records the outcome (see processStore.transition).
    this.delivering.set(id, proc);
    await Promise.resolve();
    const order = this.orders.get(String(payment.metadata?.orderId));
    if (!order) {
      this.obs.violations.push(`onComplete(${id}) for unknown order ${String(payment.metadata?.orderId)}`);
      return;
    }
    if (order.amount !== onPi?.amount || order.uid !== onPi?.user_uid)
      this.obs.violations.push(`onComplete(${id}) for an order of another user or amount`);
    // Idempotent delivery keyed by the payment, as pi-kit's docs ask of onComplete.
    if (order.paidBy === null) {
      order.paidBy = id;
      this.obs.deliveries.set(id, (this.obs.deliveries.get(id) ?? 0) + 1);
    } else if (order.paidBy !== id) {
      this.obs.violations.push(`order ${order.id} delivered for a second payment ${id} (first ${order.paidBy})`);
    }
  }

  // ── browser tabs ───────────────────────────────────────────────────────────
  /** Opens a tab for `user` and signs in (its incomplete payment, if any, is recovered). */
  async openTab(user: string): Promise<Tab> {
    const pi = createSimulatedPi(this.network, {
      user,
      wallet: 'manual',
      timings: { callbackRetryMs: NEVER_MS, approvalTimeoutMs: NEVER_MS, completionTimeoutMs: NEVER_MS },
    });
    const tab: Tab = { user, pi, client: undefined as never, payments: [], flows: [], net: 'up', closed: false };
    const sdk: PiSdk = {
      ...pi,
      createPayment(data, callbacks) {
        const flow = { callbacks, paymentId: null as string | null };
        tab.flows.push(flow);
        return pi.createPayment(data, {
          ...callbacks,
          onReadyForServerApproval: (paymentId) => {
            flow.paymentId = paymentId;
            callbacks.onReadyForServerApproval(paymentId);
          },
        });
      },
    };
    const browserFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      if (tab.closed || tab.net === 'down') {
        if (!tab.closed) this.obs.faultsHit++;
        throw new TypeError('Failed to fetch');
      }
      const response = await this.track(this.serve(new Request(input, init)));
      if (tab.net === 'lostResponse') {
        tab.net = 'up';
        this.obs.faultsHit++;
        throw new TypeError('Failed to fetch (connection reset)');
      }
      return response;
    };
    tab.client = createPiClient({
      sandbox: false,
      sdk,
      transport: createFetchTransport({ baseUrl: APP_URL, fetch: browserFetch as typeof fetch }),
      logger: false,
      strict: false,
      sdkRetryTimeoutMs: 20,
      authTimeoutMs: 2_000,
      onInvariantViolation: (error) => {
        this.obs.clientInvariantViolations.push(error.message);
      },
    });
    this.tabs.push(tab);
    await this.track(tab.client.authenticate(['username', 'payments']).catch(() => undefined));
    return tab;
  }

  /** Starts a payment in a tab (the handle is kept; the SDK's callbacks are captured for re-invocation). */
  pay(tab: Tab, data: { amount: number; memo: string; metadata: Record<string, unknown> }): PaymentHandle {
    const handle = tab.client.createPayment(data);
    tab.payments.push(handle);
    return handle;
  }

  closeTab(tab: Tab): void {
    tab.closed = true;
    tab.pi.dispose();
  }

  /** Ends the run: stops every SDK's timers. */
  dispose(): void {
    for (const tab of this.tabs) if (!tab.closed) this.closeTab(tab);
    this.network.faults.clear();
  }
}
