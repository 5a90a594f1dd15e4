/**
 * Simulator speed: complete U2A payment flows per second, in process (what our users'
 * test suites run on), three ways: the engine alone; with approve and complete as Fetch
 * requests to the simulated Platform API; and the whole SDK flow (a simulated `window.Pi`
 * and core's `createPiClient` against the simulator's app server).
 */
import { createFetchTransport, createPiClient } from '@pi-kit/core';
import { createPiNetwork, createSimulatedAppServer, createSimulatedPi } from '@pi-kit/simulator';

export interface SimulatorSpeed {
  engine: number;
  platformApi: number;
  sdkFlow: number;
}

const data = { amount: 1, memo: 'bench', metadata: { order: 1 } };

async function perSecond(count: number, flow: () => Promise<void> | void): Promise<number> {
  for (let i = 0; i < Math.min(200, count); i++) await flow(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await flow();
  return count / ((performance.now() - t0) / 1000);
}

export async function measureSimulatorSpeed(count = 3_000): Promise<SimulatorSpeed> {
  const network = createPiNetwork({ seed: 1, users: [{ username: 'payer', balance: 1e9 }] });
  const key = { authorization: `Key ${network.app.apiKey}`, 'content-type': 'application/json' };
  const engine = await perSecond(count, () => {
    const p = network.createPayment('payer', data);
    network.approvePayment(p.identifier);
    const tx = network.submitTransaction(p.identifier).transaction!;
    network.completePayment(p.identifier, tx.txid);
  });
  const platformApi = await perSecond(count, async () => {
    const p = network.createPayment('payer', data);
    await (
      await network.platformApi(new Request(`https://api.minepi.com/v2/payments/${p.identifier}/approve`, { method: 'POST', headers: key }))
    ).arrayBuffer();
    const tx = network.submitTransaction(p.identifier).transaction!;
    await (
      await network.platformApi(
        new Request(`https://api.minepi.com/v2/payments/${p.identifier}/complete`, {
          method: 'POST',
          headers: key,
          body: JSON.stringify({ txid: tx.txid }),
        }),
      )
    ).arrayBuffer();
  });
  const app = createSimulatedAppServer(network);
  const pi = createSimulatedPi(network, { user: 'payer', wallet: 'approve' });
  const client = createPiClient({
    sandbox: false,
    sdk: pi,
    logger: false,
    transport: createFetchTransport({
      baseUrl: 'http://app.test',
      fetch: ((input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init))) as typeof fetch,
    }),
  });
  await client.authenticate(['username', 'payments']);
  const sdkFlow = await perSecond(Math.floor(count / 3), async () => {
    await client.createPayment(data);
  });
  pi.dispose();
  return { engine, platformApi, sdkFlow };
}
