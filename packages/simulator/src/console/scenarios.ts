/**
 * Scenarios on demand: the hard cases of a Pi payment, made to happen when a developer wants to
 * watch them (from the console's buttons, a script or a test, through `POST /__sim/scenarios/*`).
 * Each is a small operation on the network; the failure of calls is a fault rule of
 * `network.faults` (engine/faults.ts), and "the browser crashes after signing" is a count the
 * browser SDK's bridge takes (`takeCrashAfterSigning`).
 */
import type { PaymentDTO } from '@pi-kit/core';
import { PiNetworkError } from '../engine/errors';
import type { FaultRule } from '../engine/faults';
import type { PiNetwork, SimApi, SimUser } from '../engine/types';

/** The calls a failure scenario can hit: Platform API routes the app server calls, and Horizon. */
export const FAILURE_TARGETS = {
  approve: { api: 'platform', route: 'POST /v2/payments/*/approve', label: 'POST /v2/payments/{id}/approve' },
  complete: { api: 'platform', route: 'POST /v2/payments/*/complete', label: 'POST /v2/payments/{id}/complete' },
  cancel: { api: 'platform', route: 'POST /v2/payments/*/cancel', label: 'POST /v2/payments/{id}/cancel' },
  get_payment: { api: 'platform', route: 'GET /v2/payments/*', label: 'GET /v2/payments/{id}' },
  create_payment: { api: 'platform', route: 'POST /v2/payments', label: 'POST /v2/payments (A2U)' },
  incomplete_server_payments: {
    api: 'platform',
    route: 'GET /v2/payments/incomplete_server_payments',
    label: 'GET /v2/payments/incomplete_server_payments',
  },
  me: { api: 'platform', route: 'GET /v2/me', label: 'GET /v2/me' },
  horizon_submit: { api: 'horizon', route: /^POST (\/[^/]+)*\/transactions\/?$/, label: 'Horizon POST /transactions' },
  horizon: { api: 'horizon', route: undefined, label: 'Horizon (every call)' },
} as const satisfies Record<string, { api: SimApi; route: string | RegExp | undefined; label: string }>;

/** A target of {@link Scenarios.failNext}. */
export type FailureTarget = keyof typeof FAILURE_TARGETS;

/**
 * How the hit calls fail: `error` answers a 5xx in the API's error shape before the call changes
 * anything; `timeout` answers nothing for `delayMs` (default 30 s, longer than server-adapters'
 * 20 s client timeout) and then drops the connection; `lost_answer` lets the call change the
 * network, then drops the connection (the change happened, the answer is lost).
 */
export type FailureMode = 'error' | 'timeout' | 'lost_answer';

/** What {@link Scenarios.failNext} takes. */
export interface FailNextInput {
  target: FailureTarget;
  mode: FailureMode;
  /** How many of the next matching calls fail (1–100). */
  times: number;
  /** The 5xx status of `error` (default 500). */
  status?: number;
  /** How long `timeout` waits before dropping the connection, in ms (default 30 000, at most 300 000). */
  delayMs?: number;
}

/** A failure scenario in effect: `used` of its `times` calls have failed so far. */
export interface ActiveFailure {
  id: number;
  target: FailureTarget;
  label: string;
  mode: FailureMode;
  status: number | null;
  times: number;
  used: number;
}

/** What {@link Scenarios.describe} answers: the scenarios in effect. */
export interface ScenarioState {
  failures: ActiveFailure[];
  /** How many of the next signed payments the browser "crashes" after. */
  crashAfterSigning: number;
  /** How far the clock was moved ahead, in ms. */
  clockOffsetMs: number;
}

const FAILURE_MODES: readonly FailureMode[] = ['error', 'timeout', 'lost_answer'];

function invalid(message: string): PiNetworkError {
  return new PiNetworkError('invalid_arguments', message);
}

function integerIn(value: unknown, min: number, max: number, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw invalid(`${name} must be an integer from ${min} to ${max}.`);
  return value;
}

/**
 * The scenarios of one network. Every method throws {@link PiNetworkError} for what the network
 * refuses (its codes, e.g. `payment_not_found`, `payment_tx_present`, `user_not_found`) and
 * `invalid_arguments` for bad input; none changes anything then.
 */
export class Scenarios {
  private nextId = 1;
  private readonly failures = new Map<number, { failure: ActiveFailure; rule: FaultRule }>();
  private crashes = 0;

  constructor(private readonly network: PiNetwork) {}

  /** Makes the next `times` calls to `target` fail as `mode` says. Returns the scenario, with its `id`. */
  failNext(input: FailNextInput): ActiveFailure {
    if (input === null || typeof input !== 'object') throw invalid('The body must be { target, mode, times }.');
    const target = FAILURE_TARGETS[input.target as FailureTarget];
    if (!Object.hasOwn(FAILURE_TARGETS, input.target) || !target)
      throw invalid(`target must be one of ${Object.keys(FAILURE_TARGETS).join(', ')}.`);
    if (!FAILURE_MODES.includes(input.mode)) throw invalid(`mode must be one of ${FAILURE_MODES.join(', ')}.`);
    const times = integerIn(input.times, 1, 100, 'times');
    const status = input.mode === 'error' ? integerIn(input.status ?? 500, 500, 599, 'status') : null;
    const delayMs = input.mode === 'timeout' ? integerIn(input.delayMs ?? 30_000, 0, 300_000, 'delayMs') : undefined;
    const failure: ActiveFailure = {
      id: this.nextId++,
      target: input.target,
      label: target.label,
      mode: input.mode,
      status,
      times,
      used: 0,
    };
    // The predicate runs last, once the call matched: a true answer means the rule takes the call.
    const rule: FaultRule = {
      api: target.api,
      ...(target.route === undefined ? {} : { route: target.route }),
      times,
      predicate: () => {
        failure.used += 1;
        return true;
      },
      ...(input.mode === 'error' ? { status: status ?? 500 } : { drop: true as const }),
      ...(input.mode === 'timeout' ? { delayMs } : {}),
      ...(input.mode === 'lost_answer' ? { after: true as const } : {}),
    };
    this.failures.set(failure.id, { failure, rule });
    this.network.faults.inject(rule);
    this.log('fail_next', { target: input.target, mode: input.mode, times, status });
    return { ...failure };
  }

  /** Stops every failure scenario (and any other fault rule of the network). */
  clearFailures(): void {
    this.network.faults.clear();
    this.failures.clear();
    this.log('clear_failures');
  }

  /** The browser crashes right after the user signs the next `times` payments: the app never hears of them until the user signs in again. */
  crashAfterSigning(times = 1): number {
    this.crashes += integerIn(times, 1, 100, 'times');
    this.log('leave_incomplete', { times });
    return this.crashes;
  }

  /** Takes one pending "crash after signing"; true when the payment just signed is to be left incomplete. */
  takeCrashAfterSigning(): boolean {
    if (this.crashes === 0) return false;
    this.crashes -= 1;
    return true;
  }

  /** Expires an open U2A payment now (`network.expirePayment`). */
  expire(paymentId: unknown): PaymentDTO {
    if (typeof paymentId !== 'string' || paymentId === '') throw invalid('paymentId must be a payment identifier.');
    const payment = this.network.expirePayment(paymentId);
    this.log('expire', { paymentId });
    return payment;
  }

  /** The user cancels the payment in the wallet (`network.cancelByUser`): before its transaction only. */
  userCancels(paymentId: unknown): PaymentDTO {
    if (typeof paymentId !== 'string' || paymentId === '') throw invalid('paymentId must be a payment identifier.');
    const payment = this.network.cancelByUser(paymentId, 'user');
    this.log('user_cancels', { paymentId });
    return payment;
  }

  /** Moves the clock `ms` ahead (at most 30 days at once). Returns the new time. */
  advanceClock(ms: unknown): number {
    return this.network.advanceClock(integerIn(ms, 1, 30 * 24 * 3_600_000, 'ms'));
  }

  /**
   * Sets a wallet's balance (`balance`, in π) or changes it by `add` π (negative drains; the result
   * is at least 0). `who`: a username, uid, wallet address, or `app` for the app wallet. Returns the new balance.
   */
  setBalance(input: { who?: unknown; balance?: unknown; add?: unknown }): number {
    if (input === null || typeof input !== 'object' || typeof input.who !== 'string' || input.who === '')
      throw invalid('The body must be { who, balance } or { who, add }: who is a username, uid, wallet address or "app".');
    if ((input.balance === undefined) === (input.add === undefined)) throw invalid('Give either balance (π) or add (π), not both.');
    if (input.add !== undefined && (typeof input.add !== 'number' || !Number.isFinite(input.add)))
      throw invalid('add must be a number of π.');
    const address = this.addressOf(input.who);
    const balance =
      input.balance !== undefined
        ? (input.balance as number)
        : Math.max(0, Math.round((this.network.balanceOf(address) + (input.add as number)) * 1e7) / 1e7);
    this.network.setBalance(address, balance);
    const after = this.network.balanceOf(address);
    this.log('set_balance', { who: input.who, balance: after });
    return after;
  }

  /** Adds a user with a funded wallet (`balance` in π, default 100). */
  addUser(input: { username?: unknown; balance?: unknown }): SimUser {
    if (input === null || typeof input !== 'object' || typeof input.username !== 'string' || !/^[A-Za-z0-9_.-]{1,40}$/.test(input.username))
      throw invalid('username must be 1–40 letters, digits, ".", "_" or "-".');
    return this.network.addUser({ username: input.username, ...(input.balance === undefined ? {} : { balance: input.balance as number }) });
  }

  /** The scenarios in effect. */
  describe(): ScenarioState {
    const active = new Set(this.network.faults.list());
    for (const [id, { rule }] of this.failures) if (!active.has(rule)) this.failures.delete(id);
    return {
      failures: [...this.failures.values()].map(({ failure }) => ({ ...failure })),
      crashAfterSigning: this.crashes,
      clockOffsetMs: this.network.clockAdvancedMs,
    };
  }

  /** The wallet address of `app`, a user (username or uid) or a known address. Throws `user_not_found`. */
  private addressOf(who: string): string {
    if (who === 'app' || who === this.network.app.walletAddress) return this.network.app.walletAddress;
    const user = this.network.users().find((u) => u.username === who || u.uid === who || u.walletAddress === who);
    if (!user) throw new PiNetworkError('user_not_found', `There is no user or wallet "${who}" on this network.`, { status: 404 });
    return user.walletAddress;
  }

  private log(scenario: string, details: Record<string, unknown> = {}): void {
    this.network.log({ type: 'scenario.applied', scenario, details });
  }
}
