/**
 * The same payment scenarios through the in-process SDK (`createSimulatedPi`) and
 * through the HTTP bridge of the simulator server (`createHttpBackend`, what the
 * browser script uses): both must give the same results, and the expected ones.
 * Real timers with short flow timings; outcomes are awaited, never timed.
 */
import type { PaymentCallbacks, PaymentDTO } from '@pi-kit/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createSimulatedAppServer } from '../../src/index';
import { createPiNetwork, type PiNetwork } from '../../src/index';
import { createSimulatedPi, type SimulatedPi, type SimulatedPiOptions } from '../../src/index';
import { createSdk } from '../../src/sdk/create-sdk';
import { createHttpBackend, startSimulatorServer, type SimulatorServer } from '../../src/server';

type Transport = 'in-process' | 'http';

interface World {
  network: PiNetwork;
  pi(options: SimulatedPiOptions): SimulatedPi;
}

const servers: SimulatorServer[] = [];
const sdks: SimulatedPi[] = [];
afterAll(async () => {
  for (const sdk of sdks) sdk.dispose();
  await Promise.all(servers.map((server) => server.close()));
});

async function world(transport: Transport, timings: { approvalTimeoutMs?: number } = {}): Promise<World> {
  const network = createPiNetwork({
    seed: 42,
    users: [
      { username: 'alice', balance: 100 },
      { username: 'bob', balance: 5 },
    ],
    timings: { callbackRetryMs: 100, completionTimeoutMs: 60_000, ...timings },
  });
  let make: (options: SimulatedPiOptions) => SimulatedPi;
  if (transport === 'in-process') {
    make = (options) => createSimulatedPi(network, options);
  } else {
    const server = await startSimulatorServer({ network });
    servers.push(server);
    make = (options) => createSdk(createHttpBackend(server.url, { pollMs: 20 }), options);
  }
  return {
    network,
    pi(options) {
      const sdk = make(options);
      sdks.push(sdk);
      return sdk;
    },
  };
}

/** Callbacks that record what happens and answer through the simulated app server. */
function app(w: World, token: () => string, answer: { approve?: boolean; complete?: boolean } = {}) {
  const server = createSimulatedAppServer(w.network);
  const post = (route: string, body: unknown) =>
    server.fetch(new Request(`http://app.test/api/pi/${route}`, { method: 'POST', body: JSON.stringify(body) }));
  const names: string[] = [];
  let error: string | undefined;
  let errorPayment: string | undefined;
  const callbacks: PaymentCallbacks = {
    onReadyForServerApproval: (paymentId) => {
      names.push('approval');
      if (answer.approve) void post('approve', { paymentId, accessToken: token() });
    },
    onReadyForServerCompletion: (paymentId, txid) => {
      names.push('completion');
      if (answer.complete) void post('complete', { paymentId, txid });
    },
    onCancel: () => names.push('cancel'),
    onError: (e, payment) => {
      names.push('error');
      error = e.message;
      errorPayment = payment?.identifier;
    },
  };
  /** The callback names with repeated re-invocations collapsed (their count depends on timing). */
  const outcome = () => names.filter((name, i) => name !== names[i - 1]);
  return { callbacks, outcome, error: () => error, errorPayment: () => errorPayment, post };
}

async function signedIn(w: World, options: SimulatedPiOptions) {
  const pi = w.pi(options);
  const incomplete: PaymentDTO[] = [];
  pi.init({ version: '2.0' });
  const auth = await pi.authenticate(['username', 'payments'], (payment) => incomplete.push(payment));
  return { pi, incomplete, token: () => auth.accessToken };
}

const status = (payment: PaymentDTO | undefined) => payment && { ...payment.status, hasTransaction: payment.transaction !== null };

const scenarios: Record<string, (transport: Transport) => Promise<unknown>> = {
  async 'approve, sign, complete'(transport) {
    const w = await world(transport);
    const { pi, token } = await signedIn(w, { user: 'alice' });
    const a = app(w, token, { approve: true, complete: true });
    pi.createPayment({ amount: 2.5, memo: 'tea', metadata: { order: 1 } }, a.callbacks);
    await vi.waitFor(() => expect(w.network.payments()[0]?.status.developer_completed).toBe(true));
    const payment = w.network.payments()[0];
    return {
      outcome: a.outcome(),
      status: status(payment),
      amount: payment?.amount,
      alice: w.network.balanceOf(w.network.user('alice').walletAddress),
    };
  },

  async 'wallet rejects'(transport) {
    const w = await world(transport);
    const { pi, token } = await signedIn(w, { user: 'alice', wallet: 'reject' });
    const a = app(w, token, { approve: true });
    pi.createPayment({ amount: 1, memo: 'm', metadata: {} }, a.callbacks);
    await vi.waitFor(() => expect(a.outcome()).toContain('cancel'));
    return { outcome: a.outcome(), status: status(w.network.payments()[0]) };
  },

  async 'insufficient funds'(transport) {
    const w = await world(transport);
    const { pi, token } = await signedIn(w, { user: 'bob' });
    const a = app(w, token, { approve: true });
    pi.createPayment({ amount: 50, memo: 'm', metadata: {} }, a.callbacks);
    await vi.waitFor(() => expect(a.outcome()).toContain('cancel'));
    return { outcome: a.outcome(), status: status(w.network.payments()[0]), bob: w.network.balanceOf(w.network.user('bob').walletAddress) };
  },

  async 'manual wallet: approve(id)'(transport) {
    const w = await world(transport);
    const { pi, token } = await signedIn(w, { user: 'alice', wallet: 'manual' });
    const a = app(w, token, { approve: true, complete: true });
    pi.createPayment({ amount: 1, memo: 'manual', metadata: {} }, a.callbacks);
    const awaiting = await pi.wallet.next();
    pi.wallet.approve(awaiting.identifier);
    await vi.waitFor(() => expect(w.network.payments()[0]?.status.developer_completed).toBe(true));
    return { outcome: a.outcome(), memo: awaiting.memo, status: status(w.network.payments()[0]) };
  },

  async 'concurrent payments, rule 1: the open payment is cancelled'(transport) {
    const w = await world(transport);
    const { pi, token } = await signedIn(w, { user: 'alice' });
    const first = app(w, token);
    pi.createPayment({ amount: 1, memo: 'first', metadata: {} }, first.callbacks);
    await vi.waitFor(() => expect(first.outcome()).toEqual(['approval']));
    const second = app(w, token);
    pi.createPayment({ amount: 1, memo: 'second', metadata: {} }, second.callbacks);
    await vi.waitFor(() => expect(first.outcome()).toEqual(['approval', 'cancel']));
    await vi.waitFor(() => expect(second.outcome()).toEqual(['approval']));
    return { first: first.outcome(), second: second.outcome(), statuses: w.network.payments().map(status) };
  },

  async 'concurrent payments, rule 2: a paid payment blocks the new one'(transport) {
    const w = await world(transport);
    const { pi, token, incomplete } = await signedIn(w, { user: 'alice' });
    const first = app(w, token, { approve: true });
    pi.createPayment({ amount: 1, memo: 'first', metadata: {} }, first.callbacks);
    await vi.waitFor(() => expect(first.outcome()).toEqual(['approval', 'completion']));
    const second = app(w, token);
    pi.createPayment({ amount: 1, memo: 'second', metadata: {} }, second.callbacks);
    await vi.waitFor(() => expect(second.outcome()).toEqual(['error']));
    const existing = w.network.payments()[0]?.identifier;
    return {
      second: second.outcome(),
      error: second.error(),
      errorPaymentIsExisting: second.errorPayment() === existing,
      incompleteFound: incomplete.map((p) => p.identifier === existing),
      payments: w.network.payments().length,
    };
  },

  async 'unapproved payment expires'(transport) {
    const w = await world(transport, { approvalTimeoutMs: 400 });
    const { pi, token } = await signedIn(w, { user: 'alice' });
    const a = app(w, token);
    pi.createPayment({ amount: 1, memo: 'slow', metadata: {} }, a.callbacks);
    await vi.waitFor(() => expect(a.outcome()).toContain('error'));
    return { outcome: a.outcome(), error: a.error(), status: status(w.network.payments()[0]) };
  },

  async 'the app cancels'(transport) {
    const w = await world(transport);
    const { pi, token } = await signedIn(w, { user: 'alice' });
    const a = app(w, token);
    pi.createPayment({ amount: 1, memo: 'm', metadata: {} }, a.callbacks);
    await vi.waitFor(() => expect(w.network.payments()).toHaveLength(1));
    const paymentId = w.network.payments()[0]?.identifier;
    expect((await a.post('cancel', { paymentId })).status).toBe(200);
    await vi.waitFor(() => expect(a.outcome()).toContain('cancel'));
    return { outcome: a.outcome(), status: status(w.network.payments()[0]) };
  },

  async 'incomplete payment found at the next authenticate'(transport) {
    const w = await world(transport);
    const { pi, token } = await signedIn(w, { user: 'alice' });
    const a = app(w, token, { approve: true });
    pi.createPayment({ amount: 1, memo: 'm', metadata: {} }, a.callbacks);
    await vi.waitFor(() => expect(a.outcome()).toEqual(['approval', 'completion']));
    pi.dispose();
    const again = await signedIn(w, { user: 'alice' });
    return { found: again.incomplete.map((p) => ({ memo: p.memo, status: status(p) })) };
  },

  async 'invalid payment data'(transport) {
    const w = await world(transport);
    const { pi, token } = await signedIn(w, { user: 'alice' });
    const a = app(w, token);
    pi.createPayment({ amount: 0, memo: 'm', metadata: {} }, a.callbacks);
    await vi.waitFor(() => expect(a.outcome()).toEqual(['error']));
    return { outcome: a.outcome(), error: a.error(), payments: w.network.payments().length };
  },
};

const expected: Record<string, unknown> = {
  'approve, sign, complete': {
    outcome: ['approval', 'completion'],
    status: {
      developer_approved: true,
      transaction_verified: true,
      developer_completed: true,
      cancelled: false,
      user_cancelled: false,
      hasTransaction: true,
    },
    amount: 2.5,
    alice: expect.closeTo(97.49, 5),
  },
  'wallet rejects': { outcome: ['approval', 'cancel'], status: expect.objectContaining({ user_cancelled: true, hasTransaction: false }) },
  'insufficient funds': {
    outcome: ['approval', 'cancel'],
    status: expect.objectContaining({ user_cancelled: true, hasTransaction: false }),
    bob: 5,
  },
  'manual wallet: approve(id)': {
    outcome: ['approval', 'completion'],
    memo: 'manual',
    status: expect.objectContaining({ developer_completed: true }),
  },
  'concurrent payments, rule 1: the open payment is cancelled': {
    first: ['approval', 'cancel'],
    second: ['approval'],
    statuses: [expect.objectContaining({ cancelled: true }), expect.objectContaining({ cancelled: false, developer_approved: false })],
  },
  'concurrent payments, rule 2: a paid payment blocks the new one': {
    second: ['error'],
    error: 'A pending payment needs to be handled.',
    errorPaymentIsExisting: true,
    incompleteFound: [true],
    payments: 1,
  },
  'unapproved payment expires': {
    outcome: ['approval', 'error'],
    error: 'The payment has expired',
    status: expect.objectContaining({ cancelled: true, developer_approved: false }),
  },
  'the app cancels': { outcome: ['approval', 'cancel'], status: expect.objectContaining({ cancelled: true, user_cancelled: false }) },
  'incomplete payment found at the next authenticate': {
    found: [{ memo: 'm', status: expect.objectContaining({ hasTransaction: true, developer_completed: false }) }],
  },
  'invalid payment data': { outcome: ['error'], error: expect.stringMatching(/amount must be a finite number/), payments: 0 },
};

describe('conformance: in-process and over HTTP give the same results', () => {
  for (const [name, scenario] of Object.entries(scenarios)) {
    it(name, async () => {
      const inProcess = await scenario('in-process');
      const overHttp = await scenario('http');
      expect(inProcess).toEqual(expected[name]);
      expect(overHttp).toEqual(inProcess);
    });
  }
});
