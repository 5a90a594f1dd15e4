/**
 * Starts the whole shop in one process: its server, the Vite dev server for the React app,
 * and, by default, the simulated Pi network (Platform API, Horizon, and the `/pi-sdk.js`
 * browser SDK with its wallet dialog). With `PI_API_KEY` and `PI_SANDBOX` in `env`
 * (`piConfigFromEnv`, docs/REAL-PI.md) it runs against Pi's real servers instead, with no
 * simulator; refunds then need `PI_WALLET_SEED`, and the admin API `SHOP_ADMIN_TOKEN`.
 * Used by `pnpm demo` and by the browser tests.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type AppNetwork, PI_SDK_URL } from '@pi-kit/core';
import { piConfigFromEnv } from '@pi-kit/server-adapters';
import type { PiNetwork } from '@pi-kit/simulator';
import { startSimulatorServer } from '@pi-kit/simulator/server';
import { startViteAppServer } from '../../dev-server/vite-app-server';
import { createShopServer, type ShopServer } from './app';

export interface StartDemoOptions {
  /** Port of the shop (0: any free port). */
  port?: number;
  /** Port of the simulated Pi network (0: any free port). */
  simulatorPort?: number;
  /**
   * Where the shop keeps its data across restarts, per mode; omit for memory only (both start
   * empty). `real`: the folder of the shop's PGlite database. `simulator`: a folder with both the
   * simulated network ({@link SIMULATOR_STATE_FILE}) and the shop's database ({@link SHOP_DB_FOLDER}),
   * kept together so that the orders always name payments, users and an app wallet the network has.
   * A folder without the network's file is started fresh: a database left there (its orders are of
   * a network that is gone) is deleted.
   */
  dataDir?: { simulator?: string; real?: string };
  /** With the simulator and `dataDir.simulator`: start afresh, deleting the network and the database kept there. */
  fresh?: boolean;
  /** Users of the simulated network, with their balances in π. */
  users?: Array<{ username: string; balance: number }>;
  /** The environment that chooses the mode (default `process.env`): `PI_API_KEY` + `PI_SANDBOX` → real Pi. */
  env?: Record<string, string | undefined>;
  /** fetch the shop's server uses for Pi's Platform API and Horizon (default: pi-kit's, node:http on Node for Pi). */
  fetch?: typeof fetch;
  /** Vite hot reload (off in tests). */
  hmr?: boolean;
  /** Where the shop's payment routes log (`createShopServer`'s `logger`): `console` by default, `false` for none (tests). */
  logger?: false;
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
  /** With the simulator and `dataDir.simulator`: the folder, and whether the network and orders were restored from it (`false`: started fresh). */
  kept: { dir: string; restored: boolean } | null;
  network: PiNetwork | null;
  shop: ShopServer;
  close(): Promise<void>;
}

/** The file of the simulated network in `dataDir.simulator`. */
export const SIMULATOR_STATE_FILE = 'pi-network.json';
/** The folder of the shop's database in `dataDir.simulator`. */
export const SHOP_DB_FOLDER = 'shop-db';

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
  let dbDir = real ? options.dataDir?.real : undefined;
  const keptDir = real ? undefined : options.dataDir?.simulator;
  if (real) {
    pi = { apiBaseUrl: real.apiBaseUrl, horizonUrl: real.horizonUrl, sdkUrl: PI_SDK_URL, sandbox: real.sandbox, network: real.network };
    secrets = { apiKey: real.apiKey, walletSeed: real.walletSeed };
  } else {
    const networkOptions = { users: options.users ?? DEFAULT_USERS };
    let stateFile: string | undefined;
    if (keptDir) {
      stateFile = join(keptDir, SIMULATOR_STATE_FILE);
      dbDir = join(keptDir, SHOP_DB_FOLDER);
      if (options.fresh) await rm(stateFile, { force: true });
      // Orders without their network (fresh, or its file deleted) name payments no network has.
      if (!existsSync(stateFile)) await rm(dbDir, { recursive: true, force: true });
      await mkdir(keptDir, { recursive: true });
    }
    simulator = await startSimulatorServer({ networkOptions, port: options.simulatorPort ?? 0, ...(stateFile ? { stateFile } : {}) });
    network = simulator.network;
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

  const db = dbDir ? new PGlite(dbDir) : new PGlite();
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
        ...(options.logger === undefined ? {} : { logger: options.logger }),
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
    kept: keptDir && simulator?.state ? { dir: keptDir, restored: simulator.state.restored } : null,
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
