/**
 * Starts the vanilla example in one process: the simulated Pi network (unless
 * `PI_API_KEY` chooses real Pi, see ./pi-mode.ts), the payment routes, and the
 * Vite dev server for the page. Used by `pnpm demo` and by the browser tests.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createPiNetwork, type PiNetwork } from '@pi-kit/simulator';
import { startSimulatorServer } from '@pi-kit/simulator/server';
import { createServer as createViteServer } from 'vite';
import { createVanillaServer, type VanillaServer } from './app';
import { piModeFromEnv, type RealPi } from './pi-mode';

export interface StartVanillaOptions {
  /** Port of the page and routes (0: any free port). */
  port?: number;
  /** Port of the simulated Pi network (0: any free port). */
  simulatorPort?: number;
  /** Users of the simulated network, with their balances in π. */
  users?: Array<{ username: string; balance: number }>;
  /** The environment that chooses the mode (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** fetch the server uses for Pi and Horizon (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Where PGlite keeps the payments; omit for an in-memory database. */
  dataDir?: string;
  /** Vite hot reload (off in tests). */
  hmr?: boolean;
}

export interface RunningVanilla {
  url: string;
  mode: 'simulator' | 'real';
  /** Where the server reaches Pi: the Platform API and Horizon. */
  pi: { apiBaseUrl: string; horizonUrl: string; sdkUrl: string; sandbox: boolean };
  /** The simulator (simulator mode only). */
  simulatorUrl: string | null;
  network: PiNetwork | null;
  server: VanillaServer;
  close(): Promise<void>;
}

export const DEFAULT_USERS = [
  { username: 'pioneer', balance: 100 },
  { username: 'satoshi', balance: 100 },
];

/** @throws {PiConfigError} (`invalid_config`) for an incomplete real-Pi environment (see `piModeFromEnv`). */
export async function startVanilla(options: StartVanillaOptions = {}): Promise<RunningVanilla> {
  const piMode = piModeFromEnv(options.env ?? process.env);
  let network: PiNetwork | null = null;
  let simulator: Awaited<ReturnType<typeof startSimulatorServer>> | null = null;
  let real: Omit<RealPi, 'mode'>;
  if (piMode.mode === 'real') {
    real = piMode;
  } else {
    network = createPiNetwork({ users: options.users ?? DEFAULT_USERS });
    simulator = await startSimulatorServer({ network, port: options.simulatorPort ?? 0 });
    real = {
      apiKey: network.app.apiKey,
      network: network.app.network,
      sandbox: false,
      sdkUrl: `${simulator.url}/pi-sdk.js`,
      apiBaseUrl: simulator.url,
      horizonUrl: `${simulator.url}/horizon`,
    };
  }

  const db = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  // PGlite boots (WebAssembly, initdb) in the background, busy enough to stall the event loop: finish it before serving.
  await db.waitReady;
  const server = createVanillaServer({ apiKey: real.apiKey, network: real.network, piApiBaseUrl: real.apiBaseUrl, horizonUrl: real.horizonUrl, db, fetch: options.fetch });
  const httpServer: Server = createHttpServer();
  const vite = await createViteServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    server: { middlewareMode: true, hmr: options.hmr ? { server: httpServer } : false },
    appType: 'spa',
    // Only what the page needs to load window.Pi: never the API key.
    define: { __PI_SDK_URL__: JSON.stringify(real.sdkUrl), __PI_SANDBOX__: JSON.stringify(real.sandbox) },
    logLevel: 'warn',
  });
  httpServer.on('request', (req, res) => server.handle(req, res, () => vite.middlewares(req, res)));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    mode: piMode.mode,
    pi: { apiBaseUrl: real.apiBaseUrl, horizonUrl: real.horizonUrl, sdkUrl: real.sdkUrl, sandbox: real.sandbox },
    simulatorUrl: simulator?.url ?? null,
    network,
    server,
    async close() {
      await vite.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await simulator?.close();
      await db.close();
    },
  };
}
