/**
 * Starts the whole demo in one process: the simulated Pi network (Platform API,
 * Horizon, and the `/pi-sdk.js` browser SDK with its wallet dialog), the shop's
 * server, and the Vite dev server for the React app. Used by `pnpm demo` and by
 * the browser tests.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createPiNetwork, type PiNetwork } from '@pi-kit/simulator';
import { startSimulatorServer } from '@pi-kit/simulator/server';
import { createServer as createViteServer } from 'vite';
import { createShopServer, type ShopServer } from './app';

export interface StartDemoOptions {
  /** Port of the shop (0: any free port). */
  port?: number;
  /** Port of the simulated Pi network (0: any free port). */
  simulatorPort?: number;
  /** Where PGlite keeps the shop's database; omit for an in-memory database. */
  dataDir?: string;
  /** Users of the simulated network, with their balances in π. */
  users?: Array<{ username: string; balance: number }>;
  /** Vite hot reload (off in tests). */
  hmr?: boolean;
}

export interface RunningDemo {
  url: string;
  simulatorUrl: string;
  network: PiNetwork;
  shop: ShopServer;
  close(): Promise<void>;
}

export const DEFAULT_USERS = [
  { username: 'pioneer', balance: 100 },
  { username: 'satoshi', balance: 0.5 },
];

export async function startDemo(options: StartDemoOptions = {}): Promise<RunningDemo> {
  const network = createPiNetwork({ users: options.users ?? DEFAULT_USERS });
  const simulator = await startSimulatorServer({ network, port: options.simulatorPort ?? 0 });
  const db = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  // PGlite compiles its WASM Postgres on start; wait for it before serving anything.
  await db.waitReady;
  const shop = await createShopServer({
    apiKey: network.app.apiKey,
    network: network.app.network,
    piApiBaseUrl: simulator.url,
    horizonUrl: `${simulator.url}/horizon`,
    db,
  });

  const httpServer: Server = createHttpServer(shop.app);
  const vite = await createViteServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    server: { middlewareMode: true, hmr: options.hmr ? { server: httpServer } : false },
    appType: 'spa',
    define: { __PI_SDK_URL__: JSON.stringify(`${simulator.url}/pi-sdk.js`), __PI_SANDBOX__: 'false' },
    logLevel: 'warn',
  });
  shop.app.use(vite.middlewares);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    simulatorUrl: simulator.url,
    network,
    shop,
    async close() {
      await vite.close();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await simulator.close();
      await db.close();
    },
  };
}
