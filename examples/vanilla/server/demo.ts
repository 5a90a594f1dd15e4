/**
 * `pnpm demo` (in this folder): the vanilla example against the simulated Pi network,
 * or against Pi's real servers with `PI_API_KEY` and `PI_SANDBOX` set (docs/REAL-PI.md).
 */
import { DEFAULT_USERS, startVanilla } from './start';

const port = Number(process.env.PORT ?? 5174);
const simulatorPort = Number(process.env.PI_SIM_PORT ?? 4101);

const demo = await startVanilla({ port, simulatorPort, hmr: true });
console.log(
  demo.mode === 'simulator'
    ? `
  pi-kit vanilla example   ${demo.url}
  simulated Pi             ${demo.simulatorUrl}  (Platform API /v2, Horizon /horizon, SDK /pi-sdk.js)
  users                    ${DEFAULT_USERS.map((u) => `${u.username} (${u.balance} π)`).join(', ')}

  Open ${demo.url} , sign in, buy, and approve or reject in the wallet dialog. Ctrl+C stops.
`
    : `
  pi-kit vanilla example   ${demo.url}
  real Pi                  ${demo.pi.apiBaseUrl} (sandbox: ${demo.pi.sandbox}), SDK ${demo.pi.sdkUrl}

  Set your app's development URL in the Pi developer portal to this address (http://localhost:${port})
  and open the app's sandbox URL (docs/REAL-PI.md). Ctrl+C stops.
`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demo.close().finally(() => process.exit(0));
  });
}
