/**
 * `pnpm demo` (in this folder): builds the Next.js example and starts it against the
 * simulated Pi network, or against Pi's real sandbox when `PI_API_KEY` and
 * `PI_SANDBOX=true` are set (docs/REAL-PI.md). `--dev` runs `next dev` (hot reload) instead.
 */
import { ensureNextBuild } from './next-process';
import { DEFAULT_USERS, startNextDemo } from './start';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const simulatorPort = Number(process.env.PI_SIM_PORT ?? 4100);

if (!dev) {
  console.log('Building the Next.js app if its sources changed (about a minute)…');
  await ensureNextBuild({ echo: true });
}
const demo = await startNextDemo({ port, simulatorPort, dev });
console.log(
  demo.mode === 'simulator'
    ? `
  pi-kit Next.js example   ${demo.url}
  simulated Pi             ${demo.simulatorUrl}  (Platform API /v2, Horizon /horizon, SDK /pi-sdk.js)
  users                    ${DEFAULT_USERS.map((u) => `${u.username} (${u.balance} π)`).join(', ')}

  Open ${demo.url} , sign in, buy, and approve in the wallet dialog. Ctrl+C stops.
`
    : `
  pi-kit Next.js example   ${demo.url}  against Pi's real servers (${process.env.PI_NETWORK ?? 'Pi Testnet'}, sandbox: ${process.env.PI_SANDBOX})

  Open it through your app's sandbox URL in the Pi developer portal (docs/REAL-PI.md). Ctrl+C stops.
`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demo.close().finally(() => process.exit(0));
  });
}
