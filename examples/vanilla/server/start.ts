/**
 * Starts the vanilla example in one process: the payment routes, the Vite dev server for
 * the page, and, by default, the simulated Pi network. With `PI_API_KEY` and `PI_SANDBOX`
 * in `env` (`piConfigFromEnv`, docs/REAL-PI.md) it runs against Pi's real servers instead,
 * with no simulator. Used by `pnpm demo` and by the browser tests.
 */
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { piConfigFromEnv } from '@pi-kit/server-adapters';
import { createPiNetwork, type PiNetwork } from '@pi-kit/simulator';
import { startSimulatorServer } from '@pi-kit/simulator/server';
import { startViteAppServer } from '../../dev-server/vite-app-server';
import { createVanillaServer, type VanillaServer } from './app';

export interface StartVanillaOptions {
  /** Port of the page and routes (0: any free port). */
  port?: number;
  /** Port of the simulated Pi network (0: any free port). */
  simulatorPort?: number;
  /** Users of the simulated network, with their balances in π. */
  users?: Array<{ username: string; balance: number }>;
  /** The environment that chooses the mode (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** fetch the server uses for Pi and Horizon (default: pi-kit's, node:http on Node for Pi). */
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

/** @throws {PiConfigError} (`invalid_config`) for an incomplete real-Pi environment (see `piConfigFromEnv`). */
export async function startVanilla(options: StartVanillaOptions = {}): Promise<RunningVanilla> {
  const real = piConfigFromEnv(options.env ?? process.env);
  let network: PiNetwork | null = null;
  let simulator: Awaited<ReturnType<typeof startSimulatorServer>> | null = null;
  let settings: RunningVanilla['pi'] & { apiKey: string; network: PiNetwork['app']['network'] };
  if (real) {
    settings = real;
  } else {
    network = createPiNetwork({ users: options.users ?? DEFAULT_USERS });
    simulator = await startSimulatorServer({ network, port: options.simulatorPort ?? 0 });
    settings = {
      apiKey: network.app.apiKey,
      network: network.app.network,
      sandbox: false,
      sdkUrl: `${simulator.url}/pi-sdk.js`,
      apiBaseUrl: simulator.url,
      horizonUrl: `${simulator.url}/horizon`,
    };
  }

  const db = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  let server: VanillaServer | undefined;
  const app = await startViteAppServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    browserConfig: { sdkUrl: settings.sdkUrl, sandbox: settings.sandbox },
    port: options.port,
    hmr: options.hmr,
    resources: [simulator, db],
    async createHandler() {
      // PGlite boots (WebAssembly, initdb) in the background, busy enough to stall the event loop: finish it before serving.
      await db.waitReady;
      server = createVanillaServer({
        apiKey: settings.apiKey,
        network: settings.network,
        piApiBaseUrl: settings.apiBaseUrl,
        horizonUrl: settings.horizonUrl,
        db,
        fetch: options.fetch,
      });
      return server.handle;
    },
  });
  return {
    url: app.url,
    mode: real ? 'real' : 'simulator',
    pi: { apiBaseUrl: settings.apiBaseUrl, horizonUrl: settings.horizonUrl, sdkUrl: settings.sdkUrl, sandbox: settings.sandbox },
    simulatorUrl: simulator?.url ?? null,
    network,
    server: server as VanillaServer,
    close: app.close,
  };
}
