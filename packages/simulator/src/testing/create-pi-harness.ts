import { createFetchTransport, createPiClient, type PiClient, type PiClientOptions } from '@pi-kit/core';
import { createSimulatedAppServer, type SimulatedAppServer } from '../app-server/simulated-app-server';
import type { PiNetwork, PiNetworkOptions, SimUser } from '../engine/types';
import { createPiNetwork } from '../network/create-pi-network';
import type { SimulatedPi, SimulatedPiOptions } from '../sdk/create-sdk';
import { createSimulatedPi } from '../sdk/simulated-pi';
import type { SimulatedWallet, WalletMode } from '../sdk/wallet';

/** The origin the test client reaches the simulated app server at (never a real network). */
export const TEST_APP_ORIGIN = 'http://pi-kit.test';

/** Options of {@link createPiHarness} (and of `renderWithPi` / `renderHookWithPi`). */
export interface PiHarnessOptions {
  /** The Pi user the simulated SDK acts for (username or uid). Default `'alice'`; created when the network lacks it. */
  user?: string;
  /** Balance in π of the user when the harness creates it. Default 100. */
  balance?: number;
  /** How the user's wallet decides: `'approve'` (default) signs at once, `'reject'` rejects, `'manual'` waits for `wallet.approve(id)` / `wallet.reject(id)`. */
  wallet?: WalletMode;
  /** A network to use (share one between users), or options for a new one. Default: a new network, `seed: 1`. */
  network?: PiNetwork | PiNetworkOptions;
  /** More options of the simulated `window.Pi`: `outsidePiBrowser`, `sandbox`, `nativeFeatures`, `ads`, `timings`, `expiry`, `openUrl`. */
  pi?: Omit<SimulatedPiOptions, 'user'>;
  /**
   * More options of the core client (`authTimeoutMs`, `onPaymentConcurrency`, `logger`, …).
   * `sdk` defaults to the simulated `window.Pi` (pass a wrapper of `harness.pi` to change one
   * call); `transport` to one reaching the simulated app server; `sandbox` to `pi.sandbox` (set it
   * otherwise to test a mismatch); `logger` to `false`.
   */
  client?: Partial<PiClientOptions>;
  /**
   * Sees every request the client's transport sends to the simulated app server, and answers it
   * (usually `next(request)`): to record, delay or fail requests in a test.
   */
  intercept?: (request: Request, next: (request: Request) => Promise<Response>) => Promise<Response>;
  /** Where the simulated app server mounts its routes. Default `/api/pi` (core's default). */
  basePath?: string;
}

/**
 * A simulated Pi world for one user: the network, that user's `window.Pi`, the
 * app server (the contract routes, backed by the network's Platform API) and a core
 * client wired to them.
 */
export interface PiHarness {
  /** The simulated Pi network: balances, payments, `events` (the log to assert on), `faults`. */
  network: PiNetwork;
  /** The user. */
  user: SimUser;
  /** The user's simulated `window.Pi`. */
  pi: SimulatedPi;
  /** The user's wallet: `pending()`, `next()`, `approve(id)`, `reject(id)`, `setMode(mode)`. */
  wallet: SimulatedWallet;
  /** The simulated app server the client's transport calls. */
  appServer: SimulatedAppServer;
  /** The core client given to `<PiProvider client={…}>`. */
  client: PiClient;
  /** The options `client` was made with: pass them to `<PiProvider options={…}>` to let a provider create its own client on this world. */
  options: PiClientOptions;
  /** Stops the simulated SDK's timers. Called by `cleanupPi()` (automatically after each test when `afterEach` is global). */
  dispose(): void;
}

const live = new Set<PiHarness>();

/**
 * Creates a {@link PiHarness}: no React, no DOM; for tests of code built on `@pi-kit/core` in
 * any framework. `@pi-kit/react/testing` (`renderWithPi`, `renderHookWithPi`) builds on it.
 *
 * @throws `PiNetworkError` / `SimulatedPiError` from the simulator for invalid options.
 */
export function createPiHarness(options: PiHarnessOptions = {}): PiHarness {
  const username = options.user ?? 'alice';
  const network = isNetwork(options.network) ? options.network : createPiNetwork({ seed: 1, users: [], ...options.network });
  const user =
    findUser(network, username) ?? network.addUser({ username, ...(options.balance !== undefined ? { balance: options.balance } : {}) });
  const pi = createSimulatedPi(network, { ...options.pi, user: username, wallet: options.wallet ?? options.pi?.wallet ?? 'approve' });
  const appServer = createSimulatedAppServer(network, options.basePath !== undefined ? { basePath: options.basePath } : {});
  const next = (request: Request) => appServer.fetch(request);
  const { intercept } = options;
  const transport = createFetchTransport({
    baseUrl: TEST_APP_ORIGIN,
    ...(options.basePath !== undefined ? { basePath: options.basePath } : {}),
    fetch: (input, init) => (intercept ? intercept(new Request(input, init), next) : next(new Request(input, init))),
  });
  const clientOptions: PiClientOptions = {
    logger: false,
    sandbox: options.pi?.sandbox ?? false,
    transport,
    sdk: pi,
    ...options.client,
  };
  const client = createPiClient(clientOptions);
  const harness: PiHarness = {
    network,
    user,
    pi,
    wallet: pi.wallet,
    appServer,
    client,
    options: clientOptions,
    dispose() {
      pi.dispose();
      live.delete(harness);
    },
  };
  live.add(harness);
  return harness;
}

/** Disposes every harness still alive (their simulated SDK timers). */
export function disposeHarnesses(): void {
  for (const harness of [...live]) harness.dispose();
}

function isNetwork(value: PiNetwork | PiNetworkOptions | undefined): value is PiNetwork {
  return !!value && typeof (value as PiNetwork).platformApi === 'function';
}

function findUser(network: PiNetwork, username: string): SimUser | undefined {
  return network.users().find((candidate) => candidate.username === username || candidate.uid === username);
}
