/**
 * `pnpm demo`: the example shop against the simulated Pi network, in one command.
 * Open the printed URL in any browser: the simulator's wallet dialog stands in for the Pi Browser.
 *
 * Real Pi (docs/REAL-PI.md): with `PI_API_KEY` and `PI_SANDBOX=true|false` (and optionally
 * `PI_NETWORK`), the same shop runs against Pi's servers (`https://api.minepi.com`, Pi's SDK
 * script), with no simulator. The key stays in this process: the page only gets the SDK URL
 * and the sandbox flag.
 */
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type AppNetwork, PI_SDK_URL } from '@pi-kit/core';
import { PI_API_BASE_URL, PiConfigError } from '@pi-kit/server-adapters';
import { createServer as createViteServer } from 'vite';
import { createShopServer } from './app';
import { DEFAULT_USERS, startDemo } from './start';

const port = Number(process.env.PORT ?? 5173);
const simulatorPort = Number(process.env.PI_SIM_PORT ?? 4100);
const dataDir = fileURLToPath(new URL('../.pglite-data', import.meta.url));
const realDataDir = process.env.PI_SHOP_DATA_DIR ?? join(tmpdir(), 'pi-kit-shop-real-pi');

/** Real Pi: the shop's server and page without the simulator. */
async function startAgainstRealPi(apiKey: string): Promise<{ url: string; close(): Promise<void> }> {
  const sandbox = process.env.PI_SANDBOX;
  const network = (process.env.PI_NETWORK ?? 'Pi Testnet') as AppNetwork;
  if (sandbox !== 'true' && sandbox !== 'false') throw new PiConfigError('PI_API_KEY is set: also set PI_SANDBOX=true (Pi sandbox) or PI_SANDBOX=false (Pi Browser).');
  if (network !== 'Pi Testnet' && network !== 'Pi Network') throw new PiConfigError('PI_NETWORK must be "Pi Testnet" or "Pi Network".');
  const db = new PGlite(realDataDir); // apart from the simulator's data: other payment ids, another app
  const shop = await createShopServer({ apiKey, network, piApiBaseUrl: PI_API_BASE_URL, db });
  const httpServer = createHttpServer(shop.app);
  const vite = await createViteServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    server: { middlewareMode: true, hmr: { server: httpServer } },
    appType: 'spa',
    define: { __PI_SDK_URL__: JSON.stringify(PI_SDK_URL), __PI_SANDBOX__: JSON.stringify(sandbox === 'true') },
  });
  shop.app.use(vite.middlewares);
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await vite.close();
      httpServer.close();
      await db.close();
    },
  };
}

const apiKey = process.env.PI_API_KEY?.trim();
const demo = apiKey ? await startAgainstRealPi(apiKey) : await startDemo({ port, simulatorPort, dataDir, hmr: true });
console.log(
  'simulatorUrl' in demo
    ? `
  pi-kit demo shop    ${demo.url}
  simulated Pi        ${demo.simulatorUrl}  (Platform API /v2, Horizon /horizon, SDK /pi-sdk.js)
  users               ${DEFAULT_USERS.map((u) => `${u.username} (${u.balance} π)`).join(', ')}
  orders and payments are kept in ${dataDir}

  Open ${demo.url} , sign in, buy something, and approve it in the wallet dialog.
  Press Ctrl+C to stop.
`
    : `
  pi-kit demo shop    ${demo.url}  against real Pi (${PI_API_BASE_URL}, sandbox: ${process.env.PI_SANDBOX})
  orders and payments are kept in ${realDataDir} (PI_SHOP_DATA_DIR)
  Open it through your app's sandbox URL in the Pi developer portal (docs/REAL-PI.md).
  Press Ctrl+C to stop.
`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demo.close().finally(() => process.exit(0));
  });
}
