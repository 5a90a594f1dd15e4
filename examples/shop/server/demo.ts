/**
 * `pnpm demo`: the example shop against the simulated Pi network, in one command.
 * Open the printed URL in any browser: the simulator's wallet dialog stands in for the Pi Browser.
 * The simulated network and the shop's orders are kept together across restarts, in
 * `PI_SHOP_SIM_DATA_DIR` (default: a folder in the OS temp dir); `pnpm demo --fresh` starts afresh.
 *
 * Real Pi (docs/REAL-PI.md): with `PI_API_KEY` and `PI_SANDBOX=true|false` (and optionally
 * `PI_NETWORK`, `PI_WALLET_SEED` for refunds, `SHOP_ADMIN_TOKEN` for the admin page), the same
 * shop runs against Pi's servers (`https://api.minepi.com`, Pi's SDK script), with no simulator.
 * The key and the seed stay in this process: the page only gets the SDK URL and the sandbox flag.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from './start';

const port = Number(process.env.PORT ?? 5173);
const simulatorPort = Number(process.env.PI_SIM_PORT ?? 4100);
const fresh = process.argv.slice(2).includes('--fresh');
// Orders and payment records are kept across restarts. With the simulator, the simulated network
// is kept in the same folder: the orders always name payments, users and an app wallet it has.
const dataDir = {
  real: process.env.PI_SHOP_DATA_DIR ?? join(tmpdir(), 'pi-kit-shop-real-pi'),
  simulator: process.env.PI_SHOP_SIM_DATA_DIR ?? join(tmpdir(), 'pi-kit-shop-simulator'),
};

const demo = await startDemo({ port, simulatorPort, dataDir, fresh, hmr: true });
const users = (demo.network?.users() ?? []).map((u) => `${u.username} (${demo.network?.balanceOf(u.walletAddress)} π)`).join(', ');
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
  users               ${users}
  kept in             ${dataDir.simulator}  (PI_SHOP_SIM_DATA_DIR; ${demo.kept?.restored ? 'restored: the network and the orders of the last run' : 'new'})
                      the simulated network and the shop's orders, together; \`pnpm demo --fresh\` starts afresh

  Open ${demo.url} , sign in, buy something, and approve it in the wallet dialog.
  Press Ctrl+C to stop.
`
    : `
  pi-kit demo shop    ${demo.url}  against real Pi (${demo.pi.apiBaseUrl}, ${demo.pi.network}, sandbox: ${demo.pi.sandbox})
  admin (refunds)     ${admin}
  orders and payments are kept in ${dataDir.real} (PI_SHOP_DATA_DIR)${fresh ? '\n  --fresh resets only the simulator: delete that folder to start this shop afresh' : ''}
  Open it through your app's sandbox URL in the Pi developer portal (docs/REAL-PI.md).
  Press Ctrl+C to stop.
`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    demo
      .close()
      .catch((error: unknown) => {
        console.error('[shop] could not stop cleanly:', error);
        process.exitCode = 1;
      })
      .finally(() => process.exit());
  });
}
