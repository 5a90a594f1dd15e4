/**
 * Wires a pi-kit client to the simulator with `@pi-kit/simulator/testing`'s `createPiHarness` (a
 * simulated Pi network, the user's simulated `window.Pi`, the simulated app server behind the real
 * `createFetchTransport`), and records what core's tests assert on: every route request, how many
 * were in flight at once, the client's warnings and invariant violations.
 */
import { createPiNetwork, type SimulatedPi, type SimulatedPiOptions } from '@pi-kit/simulator';
import { createPiHarness, TEST_APP_ORIGIN, type PiHarness } from '@pi-kit/simulator/testing';
import type { InvalidTransitionError, PaymentHandle, PaymentPhase, PaymentRoute, PiClient, PiClientOptions } from '@pi-kit/core';

export const ORIGIN = TEST_APP_ORIGIN;

export type Network = ReturnType<typeof createPiNetwork>;

export interface Harness {
  network: Network;
  pi: SimulatedPi;
  client: PiClient;
  /** Every route request the client sent, in order, with its JSON body and answer status. */
  requests: Array<{ route: PaymentRoute; body: Record<string, unknown>; status: number }>;
  /** The most requests of one route for one payment that were in flight at the same time. */
  maxInFlight: Partial<Record<PaymentRoute, number>>;
  warnings: string[];
  violations: InvalidTransitionError[];
  /** Another tab of the same user: a second SDK and client on the same network. */
  secondTab(options?: Partial<SimulatedPiOptions>, clientOptions?: Partial<PiClientOptions>): { pi: SimulatedPi; client: PiClient };
  dispose(): void;
}

export function harness(
  options: { pi?: Partial<SimulatedPiOptions>; client?: Partial<PiClientOptions>; balance?: number; network?: Network } = {},
): Harness {
  const network = options.network ?? createPiNetwork({ seed: 7, users: [{ username: 'alice', balance: options.balance ?? 100 }] });
  const requests: Harness['requests'] = [];
  const maxInFlight: Harness['maxInFlight'] = {};
  const inFlight = new Map<string, number>();
  const warnings: string[] = [];
  const violations: InvalidTransitionError[] = [];
  const tabs: PiHarness[] = [];

  const intercept = async (request: Request, next: (request: Request) => Promise<Response>): Promise<Response> => {
    const body = (await request.clone().json()) as Record<string, unknown>;
    const route = new URL(request.url).pathname.split('/').pop() as PaymentRoute;
    const key = `${route} ${String(body.paymentId)}`;
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    maxInFlight[route] = Math.max(maxInFlight[route] ?? 0, inFlight.get(key)!);
    try {
      const response = await next(request);
      requests.push({ route, body, status: response.status });
      return response;
    } finally {
      inFlight.set(key, inFlight.get(key)! - 1);
    }
  };
  const tab = (pi: Partial<SimulatedPiOptions> = {}, client: Partial<PiClientOptions> = {}) => {
    const opened = createPiHarness({
      network,
      user: 'alice',
      pi: { wallet: 'approve', ...options.pi, ...pi },
      client: {
        sandbox: false,
        strict: true,
        logger: { warn: (message) => warnings.push(message), error: (message) => warnings.push(`error: ${message}`) },
        onInvariantViolation: (error) => violations.push(error),
        ...options.client,
        ...client,
      },
      intercept,
    });
    tabs.push(opened);
    return opened;
  };

  const main = tab();
  return {
    network,
    pi: main.pi,
    client: main.client,
    requests,
    maxInFlight,
    warnings,
    violations,
    secondTab: (piOptions, clientOptions) => {
      const other = tab(piOptions, clientOptions);
      return { pi: other.pi, client: other.client };
    },
    dispose: () => {
      for (const opened of tabs) opened.dispose();
    },
  };
}

/** Records every phase a handle goes through, starting with the current one. */
export function phasesOf(handle: PaymentHandle): PaymentPhase[] {
  const phases: PaymentPhase[] = [handle.phase];
  handle.on('phase', (phase) => phases.push(phase));
  return phases;
}

/** Resolves when the handle is in `phase` (at once if it is). */
export function reach(handle: PaymentHandle, phase: PaymentPhase): Promise<void> {
  if (handle.phase === phase) return Promise.resolve();
  return new Promise((resolve) => {
    const off = handle.on('phase', (next) => {
      if (next === phase) {
        off();
        resolve();
      }
    });
  });
}

/** The settled outcome of a handle, without throwing. */
export async function outcome(handle: PromiseLike<unknown>): Promise<{ value?: unknown; error?: unknown }> {
  try {
    return { value: await handle };
  } catch (error) {
    return { error };
  }
}

/** Approves a payment at Pi as an app server would (`POST /v2/payments/{id}/approve` with the API key). */
export async function approveAtPi(network: Network, paymentId: string): Promise<void> {
  const response = await network.platformApi(
    new Request(`https://api.minepi.com/v2/payments/${paymentId}/approve`, {
      method: 'POST',
      headers: { Authorization: `Key ${network.app.apiKey}` },
    }),
  );
  if (!response.ok) throw new Error(`approve failed: ${response.status} ${await response.text()}`);
}

/** Makes alice's payment of `amount` incomplete at Pi: created, approved, paid, never completed. */
export async function incompletePayment(network: Network, amount = 2): Promise<string> {
  const payment = network.createPayment('alice', { amount, memo: 'Interrupted order', metadata: { orderId: 'old' } });
  await approveAtPi(network, payment.identifier);
  network.submitTransaction(payment.identifier);
  return payment.identifier;
}

export const KITTEN = { amount: 3.1415, memo: 'Digital kitten #1234', metadata: { orderId: 1234 } };
