/**
 * A simulated Pi for the app's tests, in jsdom: no Pi Browser, no network.
 *
 * - `window.Pi` is the simulator's SDK for alice (`PiProvider` uses an existing `window.Pi`).
 * - msw answers Pi's Platform API and Horizon from the simulated network, and the page's own
 *   `/api/pi/*` requests with the app's real payment handlers (`server/payments.ts`), which in
 *   turn call the mocked Pi. msw intercepts their requests (node:http or fetch) from the moment it
 *   listens, so creating them before `msw.listen()` is fine.
 */
import { createPiNetwork, createSimulatedPi, type PiNetwork, type SimulatedPi } from '@pi-kit/simulator';
import { createPiNetworkHandlers } from '@pi-kit/simulator/msw';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createPayments, type Deliveries } from '../server/payments';

export interface PiTestWorld {
  network: PiNetwork;
  pi: SimulatedPi;
  /** What the app delivered, by payment id. */
  deliveries: Deliveries;
  /** The app server's answers to the page, in order: route, status and JSON body. */
  answers: Array<{ route: string; status: number; body: { error?: { code: string; message: string } } }>;
}

const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

let current: SimulatedPi | undefined;
afterEach(() => {
  current?.dispose();
  current = undefined;
  delete (window as { Pi?: unknown }).Pi;
});

/** A fresh network with alice, her `window.Pi` (she decides in the wallet: `pi.wallet`), and the app's routes. */
export function createPiTestWorld(): PiTestWorld {
  const network = createPiNetwork({ users: [{ username: 'alice', balance: 100 }] });
  const deliveries: Deliveries = new Map();
  const payments = createPayments({ apiKey: network.app.apiKey, network: network.app.network }, deliveries);
  const answers: PiTestWorld['answers'] = [];
  msw.use(
    ...createPiNetworkHandlers(network),
    http.post('*/api/pi/:route', async ({ request, params }) => {
      const response = await payments.fetch(request);
      answers.push({ route: String(params.route), status: response.status, body: await response.clone().json() });
      return response;
    }),
  );
  const pi = createSimulatedPi(network, { user: 'alice', wallet: 'manual' });
  current = pi;
  (window as { Pi?: unknown }).Pi = pi;
  return { network, pi, deliveries, answers };
}
