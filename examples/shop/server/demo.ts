/**
 * `pnpm demo`: the example shop against the simulated Pi network, in one command.
 * Open the printed URL in any browser: the simulator's wallet dialog stands in for the Pi Browser.
 *
 * Real Pi (docs/REAL-PI.md): with `PI_API_KEY` and `PI_SANDBOX=true|false` (and optionally
 * `PI_NETWORK`, `PI_WALLET_SEED` for refunds, `SHOP_ADMIN_TOKEN` for the admin page), the same
 * shop runs against Pi's servers (`https://api.minepi.com`, Pi's SDK script), with no simulator.
 * The key and the seed stay in this process: the page only gets the SDK URL and the sandbox flag.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_USERS, startDemo } from './start';

const port = Number(process.env.PORT ?? 5173);
const simulatorPort = Number(process.env.PI_SIM_PORT ?? 4100);
// Against real Pi, orders and payment records are kept across restarts. With the simulator they
// live in memory, as the simulated network does: kept, they would name payments, users and an app
// wallet that the next start's network does not have.
const dataDir = { real: process.env.PI_SHOP_DATA_DIR ?? join(tmpdir(), 'pi-kit-shop-real-pi') };

const demo = await startDemo({ port, simulatorPort, dataDir, hmr: true });
const admin = demo.adminToken
  ? `${demo.url}/admin  (admin token: ${demo.mode === 'simulator' && !process.env.SHOP_ADMIN_TOKEN ? demo.adminToken : 'SHOP_ADMIN_TOKEN'}${demo.refunds ? '' : '; refunds need PI_WALLET_SEED'})`
  : 'off (set SHOP_ADMIN_TOKEN, and PI_WALLET_SEED for refunds)';
console.log(
  demo.mode === 'simulator'
    ? `
  pi-kit demo shop    ${demo.url}
  admin (refunds)     ${admin}
  simulated Pi        ${demo.simulatorUrl}  (Platform API /v2, Horizon /horizon, SDK /pi-sdk.js)
  Pi console          ${demo.simulatorUrl}/console  (every payment's timeline; scenarios on demand)
  users               ${DEFAULT_USERS.map((u) => `${u.username} (${u.balance} π)`).join(', ')}
  the simulated network and the shop's orders live in memory: both start empty at each start

  Open ${demo.url} , sign in, buy something, and approve it in the wallet dialog.
  Press Ctrl+C to stop.
`
    : `
  pi-kit demo shop    ${demo.url}  against real Pi (${demo.pi.apiBaseUrl}, ${demo.pi.network}, sandbox: ${demo.pi.sandbox})
  admin (refunds)     ${admin}
  orders and payments are kept in ${dataDir.real} (PI_SHOP_DATA_DIR)
  Open it through your app's sandbox URL in the Pi developer portal (docs/REAL-PI.md).
  Press Ctrl+C to stop.
`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demo.close().finally(() => process.exit(0));
  });
}
