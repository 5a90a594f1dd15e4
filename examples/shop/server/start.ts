/**
 * Starts the whole shop in one process: its server, the Vite dev server for the React app,
 * and, by default, the simulated Pi network (Platform API, Horizon, and the `/pi-sdk.js`
 * browser SDK with its wallet dialog). With `PI_API_KEY` and `PI_SANDBOX` in `env`
 * (`piConfigFromEnv`, docs/REAL-PI.md) it runs against Pi's real servers instead, with no
 * simulator; refunds then need `PI_WALLET_SEED`, and the admin API `SHOP_ADMIN_TOKEN`.
 * Used by `pnpm demo` and by the browser tests.
 */
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type AppNetwork, PI_SDK_URL } from '@pi-kit/core';
import { piConfigFromEnv } from '@pi-kit/server-adapters';
import { createPiNetwork, type PiNetwork } from '@pi-kit/simulator';
import { startSimulatorServer } from '@pi-kit/simulator/server';
import { startViteAppServer } from '../../dev-server/vite-app-server';
import { createShopServer, type ShopServer } from './app';

export interface StartDemoOptions {
  /** Port of the shop (0: any free port). */
  port?: number;
  /** Port of the simulated Pi network (0: any free port). */
  simulatorPort?: number;
  /**
   * Where PGlite keeps the shop's database, per mode; omit for an in-memory database. With the
   * simulator (in memory itself), keep it only for a network that is kept too: orders of another
   * network name payments and users it does not have.
   */
  dataDir?: { simulator?: string; real?: string };
  /** Users of the simulated network, with their balances in π. */
  users?: Array<{ username: string; balance: number }>;
  /** The environment that chooses the mode (default `process.env`): `PI_API_KEY` + `PI_SANDBOX` → real Pi. */
  env?: Record<string, string | undefined>;
  /** fetch the shop's server uses for Pi's Platform API and Horizon (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Vite hot reload (off in tests). */
  hmr?: boolean;
}

export interface RunningDemo {
  url: string;
  mode: 'simulator' | 'real';
  /** Where the server reaches Pi, and what the page loads. */
  pi: { apiBaseUrl: string; horizonUrl: string; sdkUrl: string; sandbox: boolean; network: AppNetwork };
  /** The admin page's token (`SHOP_ADMIN_TOKEN`; {@link DEMO_ADMIN_TOKEN} with the simulator); `null`: admin API off. */
  adminToken: string | null;
  /** Whether refunds can be paid (the app wallet seed is known to the server). */
  refunds: boolean;
  /** The simulator (simulator mode only). */
  simulatorUrl: string | null;
  network: PiNetwork | null;
  shop: ShopServer;
  close(): Promise<void>;
}

export const DEFAULT_USERS = [
  { username: 'pioneer', balance: 100 },
  { username: 'satoshi', balance: 0.5 },
];

/** How often the shop finishes refunds that stopped halfway (`refunds.resumeUnfinished()`; also once when it starts). */
export const REFUND_RESUME_INTERVAL_MS = 60_000;

/** The admin token with the simulator when `SHOP_ADMIN_TOKEN` is unset. Against real Pi there is no default. */
export const DEMO_ADMIN_TOKEN = 'pi-kit-demo-admin';

/**
 * @throws PiConfigError (`invalid_config`) for an incomplete real-Pi environment (see `piConfigFromEnv`)
 * or a `SHOP_ADMIN_TOKEN` shorter than 8 characters, before anything is started.
 */
export async function startDemo(options: StartDemoOptions = {}): Promise<RunningDemo> {
  const env = options.env ?? process.env;
  const real = piConfigFromEnv(env);
  const adminToken = env.SHOP_ADMIN_TOKEN || (real ? null : DEMO_ADMIN_TOKEN);

  let network: PiNetwork | null = null;
  let simulator: Awaited<ReturnType<typeof startSimulatorServer>> | null = null;
  let pi: RunningDemo['pi'];
  let secrets: { apiKey: string; walletSeed: string | undefined };
  if (real) {
    pi = { apiBaseUrl: real.apiBaseUrl, horizonUrl: real.horizonUrl, sdkUrl: PI_SDK_URL, sandbox: real.sandbox, network: real.network };
    secrets = { apiKey: real.apiKey, walletSeed: real.walletSeed };
  } else {
    network = createPiNetwork({ users: options.users ?? DEFAULT_USERS });
    simulator = await startSimulatorServer({ network, port: options.simulatorPort ?? 0 });
    pi = {
      apiBaseUrl: simulator.url,
      horizonUrl: `${simulator.url}/horizon`,
      sdkUrl: `${simulator.url}/pi-sdk.js`,
      sandbox: false,
      network: network.app.network,
    };
    // The simulated app's key and wallet: refunds are paid from the simulator's app wallet.
    secrets = { apiKey: network.app.apiKey, walletSeed: network.app.walletSecret };
  }

  const dataDir = real ? options.dataDir?.real : options.dataDir?.simulator;
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  let shop: ShopServer | undefined;
  let resumeTimer: ReturnType<typeof setInterval> | undefined;
  const server = await startViteAppServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    browserConfig: { sdkUrl: pi.sdkUrl, sandbox: pi.sandbox, consoleUrl: simulator ? `${simulator.url}/console` : null },
    port: options.port,
    hmr: options.hmr,
    resources: [simulator, db],
    async createHandler() {
      // PGlite compiles its WASM Postgres on start; wait for it before serving anything.
      await db.waitReady;
      shop = await createShopServer({
        apiKey: secrets.apiKey,
        walletSeed: secrets.walletSeed,
        adminToken: adminToken ?? undefined,
        network: pi.network,
        piApiBaseUrl: pi.apiBaseUrl,
        horizonUrl: pi.horizonUrl,
        db,
        maxConcurrentStatements: 1, // PGlite runs one statement at a time
        fetch: options.fetch,
      });
      resumeTimer = resumeRefundsRegularly(shop);
      return shop.app;
    },
  }).catch((error: unknown) => {
    clearInterval(resumeTimer); // the shop was created, then the server failed to start
    throw error;
  });
  return {
    url: server.url,
    mode: real ? 'real' : 'simulator',
    pi,
    adminToken,
    refunds: secrets.walletSeed !== undefined,
    simulatorUrl: simulator?.url ?? null,
    network,
    shop: shop as ShopServer,
    async close() {
      clearInterval(resumeTimer);
      await server.close();
    },
  };
}

/**
 * Finishes refunds that stopped halfway now and every {@link REFUND_RESUME_INTERVAL_MS} (one run
 * at a time), logging what it finished and what failed (it stays `refunding` for the next run).
 */
function resumeRefundsRegularly(shop: ShopServer): ReturnType<typeof setInterval> {
  let running = false;
  const resume = async () => {
    if (running) return;
    running = true;
    try {
      const { refunded, failed } = await shop.refunds.resumeUnfinished();
      for (const paymentId of refunded) console.log(`[shop] finished the refund of order ${paymentId}`);
      for (const { paymentId, code } of failed) console.error(`[shop] the refund of order ${paymentId} is still unfinished: ${code}`);
    } catch (error) {
      console.error('[shop] could not look for unfinished refunds:', error);
    } finally {
      running = false;
    }
  };
  void resume();
  const timer = setInterval(() => void resume(), REFUND_RESUME_INTERVAL_MS);
  timer.unref();
  return timer;
}
