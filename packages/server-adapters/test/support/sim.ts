/**
 * The simulated Pi network behind msw, plus helpers to drive a U2A payment from the
 * user's side (the engine's `createPayment` / `submitTransaction`) and to call the routes.
 */
import { createPiNetwork, type PiNetwork, type PiNetworkOptions } from '@pi-kit/simulator';
import type { RequestHandler } from 'msw';
import { createPiNetworkHandlers } from '@pi-kit/simulator/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeEach } from 'vitest';
import type { PaymentDTO } from '@pi-kit/core';
import type { PaymentHandlers } from '../../src/handlers/options';

export const PI_API = 'https://api.minepi.com';

/** msw handlers serving the network's Platform API and Horizon (the simulator's own). */
export function simHandlers(network: PiNetwork): RequestHandler[] {
  return createPiNetworkHandlers(network);
}

/** One msw server per test file; requests to 127.0.0.1 (adapter tests) pass through. */
export function startMsw(): ReturnType<typeof setupServer> {
  const server = setupServer();
  server.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  });
  return server;
}

/** A network with alice and bob, deterministic. */
export function newNetwork(options: PiNetworkOptions = {}): PiNetwork {
  return createPiNetwork({
    seed: 42,
    users: [
      { username: 'alice', balance: 100 },
      { username: 'bob', balance: 100 },
    ],
    ...options,
  });
}

/** POSTs a JSON body to a route of the handlers; resolves status and parsed body. */
export async function post(
  handlers: Pick<PaymentHandlers, 'fetch'>,
  route: string,
  body: unknown,
  basePath = '/api/pi',
): Promise<{ status: number; body: any }> {
  const response = await handlers.fetch(
    new Request(`http://app.test${basePath}/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
  return { status: response.status, body: await response.json() };
}

/** Alice (or `user`) creates a U2A payment; resolves it and her access token. */
export function userPays(
  network: PiNetwork,
  user = 'alice',
  data: { amount: number; memo: string; metadata: Record<string, unknown> } = {
    amount: 3.14,
    memo: 'Kitten #1',
    metadata: { orderId: 'o-1' },
  },
): { payment: PaymentDTO; accessToken: string } {
  const { accessToken } = network.authenticate(user, ['username', 'payments']);
  const payment = network.createPayment(user, data);
  return { payment, accessToken };
}

/**
 * Registers the hooks of a test file: one msw server for the file, a fresh network for
 * each test (`options()` per test), its handlers installed. Read `sim.network` in tests.
 */
export function useSimulatedNetwork(options: () => PiNetworkOptions = () => ({})): {
  readonly network: PiNetwork;
  readonly msw: ReturnType<typeof setupServer>;
} {
  const msw = startMsw();
  let network: PiNetwork | undefined;
  beforeEach(() => {
    network = newNetwork(options());
    msw.use(...simHandlers(network));
  });
  afterEach(() => msw.resetHandlers());
  afterAll(() => msw.close());
  return {
    msw,
    get network() {
      if (!network) throw new Error('useSimulatedNetwork: the network exists inside tests only.');
      return network;
    },
  };
}
