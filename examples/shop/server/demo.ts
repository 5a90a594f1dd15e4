/**
 * `pnpm demo`: the example shop against the simulated Pi network, in one command.
 * Open the printed URL in any browser: the simulator's wallet dialog stands in for the Pi Browser.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_USERS, startDemo } from './start';

const port = Number(process.env.PORT ?? 5173);
const simulatorPort = Number(process.env.PI_SIM_PORT ?? 4100);
const dataDir = fileURLToPath(new URL('../.pglite-data', import.meta.url));

const demo = await startDemo({ port, simulatorPort, dataDir, hmr: true });
console.log(`
  pi-kit demo shop    ${demo.url}
  simulated Pi        ${demo.simulatorUrl}  (Platform API /v2, Horizon /horizon, SDK /pi-sdk.js)
  users               ${DEFAULT_USERS.map((u) => `${u.username} (${u.balance} π)`).join(', ')}
  orders and payments are kept in ${dataDir}

  Open ${demo.url} , sign in, buy something, and approve it in the wallet dialog.
  Press Ctrl+C to stop.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demo.close().finally(() => process.exit(0));
  });
}
