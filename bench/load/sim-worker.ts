/**
 * The simulated Pi network in its own process (so it has its own core, as Pi's servers
 * would): `startSimulatorServer` over HTTP on loopback, with `argv[2]` funded users `u0…`.
 * Sends `{ url, apiKey, network }` over IPC once listening. Messages: `{ latencyMs }` adds that
 * delay to every Platform API call (a modelled round trip to Pi's servers; 0 removes it),
 * answered `'ok'`; `'close'` stops it.
 */
import { createPiNetwork } from '@pi-kit/simulator';
import { startSimulatorServer } from '@pi-kit/simulator/server';

const users = Number(process.argv[2]);
// The bench's end (or crash) closes the IPC channel: exit with it, not left holding a port and the bench's stdout.
process.on('disconnect', () => process.exit(0));
const network = createPiNetwork({
  seed: 3,
  app: { balance: 1e9 },
  // thousands of flows queue behind each other: Pi's 60 s approval window must not expire them
  timings: { approvalTimeoutMs: 3_600_000 },
  users: Array.from({ length: users }, (_, i) => ({ username: `u${i}`, balance: 1e6 })),
});
const server = await startSimulatorServer({ network, port: 0 });
process.send!({ url: server.url, apiKey: network.app.apiKey, network: network.app.network });
process.on('message', async (message: 'close' | { latencyMs: number }) => {
  if (message === 'close') {
    await server.close();
    process.exit(0);
  }
  network.faults.clear();
  if (message.latencyMs > 0) network.faults.inject({ api: 'platform', delayMs: message.latencyMs });
  process.send!('ok');
});
