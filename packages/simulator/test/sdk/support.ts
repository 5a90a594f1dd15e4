/**
 * Test support for the simulated SDK: a network, an SDK for a user, the
 * simulated app server, and callbacks that record every invocation and
 * (optionally) answer through the app server, as a real app does.
 */
import type { PaymentCallbacks, PaymentDTO } from '@pi-kit/core';
import { afterEach, beforeEach, vi } from 'vitest';
import { createSimulatedAppServer } from '../../src/index';
import { createPiNetwork, type PiNetwork, type PiNetworkOptions } from '../../src/index';
import { createSimulatedPi, type SimulatedPi, type SimulatedPiOptions } from '../../src/index';

export type Call =
  | { name: 'onReadyForServerApproval'; paymentId: string }
  | { name: 'onReadyForServerCompletion'; paymentId: string; txid: string }
  | { name: 'onCancel'; paymentId: string }
  | { name: 'onError'; error: Error; payment: PaymentDTO | undefined };

/** Lets pending promises and zero-delay timers run (fake timers). */
export const flush = () => vi.advanceTimersByTimeAsync(0);

export interface Harness {
  network: PiNetwork;
  pi: SimulatedPi;
  app: ReturnType<typeof createSimulatedAppServer>;
  incomplete: PaymentDTO[];
  accessToken: () => string;
  /** POSTs a contract route of the app server. */
  route: (name: 'approve' | 'complete' | 'cancel' | 'incomplete', body: Record<string, unknown>) => Promise<Response>;
}

/** A network (seeded) with alice (100 π) and bob (5 π), and an initialized SDK for alice. */
export function setup(sdkOptions: Partial<SimulatedPiOptions> = {}, networkOptions: PiNetworkOptions = {}): Harness {
  const network = createPiNetwork({
    seed: 7,
    users: [
      { username: 'alice', balance: 100 },
      { username: 'bob', balance: 5 },
    ],
    ...networkOptions,
  });
  const pi = createSimulatedPi(network, { user: 'alice', ...sdkOptions });
  const app = createSimulatedAppServer(network);
  const incomplete: PaymentDTO[] = [];
  let token = '';
  const harness: Harness = {
    network,
    pi,
    app,
    incomplete,
    accessToken: () => token,
    route: (name, body) => app.fetch(new Request(`http://app.test/api/pi/${name}`, { method: 'POST', body: JSON.stringify(body) })),
  };
  const originalAuthenticate = pi.authenticate.bind(pi);
  pi.authenticate = async (scopes, onIncomplete) => {
    const result = await originalAuthenticate(scopes, onIncomplete);
    token = result.accessToken;
    return result;
  };
  return harness;
}

/** init + authenticate with username and payments; incomplete payments found go to `h.incomplete`. */
export async function signIn(h: Harness, sandbox = false): Promise<void> {
  h.pi.init({ version: '2.0', sandbox });
  await h.pi.authenticate(['username', 'payments'], (payment) => h.incomplete.push(payment));
}

/**
 * Callbacks recording each invocation. With `approve`/`complete` true they call the
 * simulated app server (as a real app's frontend does).
 */
export function recorder(h: Harness, behaviour: { approve?: boolean; complete?: boolean } = {}) {
  const calls: Call[] = [];
  const callbacks: PaymentCallbacks = {
    onReadyForServerApproval: (paymentId) => {
      calls.push({ name: 'onReadyForServerApproval', paymentId });
      if (behaviour.approve) void h.route('approve', { paymentId, accessToken: h.accessToken() });
    },
    onReadyForServerCompletion: (paymentId, txid) => {
      calls.push({ name: 'onReadyForServerCompletion', paymentId, txid });
      if (behaviour.complete) void h.route('complete', { paymentId, txid, accessToken: h.accessToken() });
    },
    onCancel: (paymentId) => {
      calls.push({ name: 'onCancel', paymentId });
    },
    onError: (error, payment) => {
      calls.push({ name: 'onError', error, payment });
    },
  };
  const names = () => calls.map((call) => call.name);
  const count = (name: Call['name']) => calls.filter((call) => call.name === name).length;
  return { calls, callbacks, names, count };
}

/** The id of the payment the last `createPayment` made (the network's newest payment). */
export function lastPayment(network: PiNetwork): PaymentDTO {
  const payments = network.payments();
  const payment = payments[payments.length - 1];
  if (!payment) throw new Error('no payment was created');
  return payment;
}

export const ORDER = { amount: 3.1415, memo: 'Digital kitten #1234', metadata: { orderId: 1234 } };

/** Runs every test of the enclosing `describe` (or file) with fake timers. */
export function useFakeTimersInTests(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
