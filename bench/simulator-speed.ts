/**
 * Simulator speed: complete U2A payment flows per second, in process (what our users'
 * test suites run on), three ways: the engine alone; with approve and complete as Fetch
 * requests to the simulated Platform API; and the whole SDK flow (a simulated `window.Pi`
 * and core's `createPiClient` against the simulator's app server).
 */
import { createFetchTransport, createPiClient } from '@pi-kit/core';
import { createPiNetwork, createSimulatedAppServer, createSimulatedPi } from '@pi-kit/simulator';
import { Samples } from './stats';

/** Flows per second of each way: the median batch, and every batch's figure. */
export interface SimulatorSpeed {
  engine: number;
  platformApi: number;
  sdkFlow: number;
  /** Flows per second of each timed batch, in order. */
  batches: { engine: number[]; platformApi: number[]; sdkFlow: number[] };
}

const data = { amount: 1, memo: 'bench', metadata: { order: 1 } };

/**
 * Runs `warmUp` flows, then `batches` timed batches of `size` flows, one after the other;
 * returns each batch's flows per second. The median of them is the figure: on this VM, whose
 * speed drifts by tens of percent within seconds, one batch caught in a slow moment (or in
 * another process's burst) no longer decides it; the batches are printed so the spread shows.
 */
async function perSecond(size: number, batches: number, warmUp: number, flow: () => Promise<void> | void): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await flow();
  const rates: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < size; i++) await flow();
    rates.push(size / ((performance.now() - t0) / 1000));
  }
  return rates;
}

/**
 * Measures the three ways: for each, `warmUp` flows then `batches` batches of `size` flows
 * (the SDK flow, ~10x slower, a third of that), on one network; see {@link perSecond}.
 */
export async function measureSimulatorSpeed(size = 1_000, batches = 7, warmUp = 1_000): Promise<SimulatorSpeed> {
  const network = createPiNetwork({ seed: 1, users: [{ username: 'payer', balance: 1e9 }] });
  const key = { authorization: `Key ${network.app.apiKey}`, 'content-type': 'application/json' };
  const engine = await perSecond(size, batches, warmUp, () => {
    const p = network.createPayment('payer', data);
    network.approvePayment(p.identifier);
    const tx = network.submitTransaction(p.identifier).transaction!;
    network.completePayment(p.identifier, tx.txid);
  });
  const platformApi = await perSecond(size, batches, warmUp, async () => {
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
  const sdkFlow = await perSecond(Math.ceil(size / 3), batches, Math.ceil(warmUp / 3), async () => {
    await client.createPayment(data);
  });
  pi.dispose();
  return {
    engine: Samples.of(engine).percentile(50),
    platformApi: Samples.of(platformApi).percentile(50),
    sdkFlow: Samples.of(sdkFlow).percentile(50),
    batches: { engine, platformApi, sdkFlow },
  };
}
