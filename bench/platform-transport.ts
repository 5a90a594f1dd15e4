/**
 * `pnpm bench:transport [--calls N] [--rounds R]`: what one Pi Platform API call costs the app
 * server's process, by how it is sent: Node's `fetch` and `node:http` bare (`GET /v2/payments/{id}`,
 * the answer's JSON parsed), and pi-kit's Platform client (`getPayment`) over each (`fetch: fetch`,
 * and its default on Node, node:http). The server is a plain node:http server in its own process
 * answering a payment's JSON; one call at a time over a kept-alive connection, N calls (default
 * 2,000) per way per round after a warm-up, the ways taking turns over R rounds (default 5).
 * Per call: this process's CPU time (all threads) and the wall time; medians of the rounds, and each
 * way's CPU over bare fetch's, measured in the same run.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPiPlatformClient } from '@pi-kit/server-adapters';
import { requestJson } from './load/node-http-json';
import { Samples } from './stats';

const PAYMENT = JSON.stringify({
  identifier: 'bench-payment-0001',
  user_uid: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
  amount: 3.14,
  memo: 'Cup of coffee',
  metadata: { productId: 'coffee', orderId: 'order-0001' },
  from_address: `G${'A'.repeat(55)}`,
  to_address: `G${'B'.repeat(55)}`,
  direction: 'user_to_app',
  created_at: '2026-12-04T12:00:00.000Z',
  network: 'Pi Testnet',
  status: { developer_approved: true, transaction_verified: true, developer_completed: false, cancelled: false, user_cancelled: false },
  transaction: { txid: 'f'.repeat(64), verified: true, _link: 'https://api.testnet.minepi.com/transactions/ffff' },
});

if (process.argv[2] === 'serve') {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(PAYMENT));
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
  process.on('disconnect', () => process.exit(0));
} else {
  const { values } = parseArgs({ options: { calls: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '5' } } });
  const calls = Number(values.calls);
  const rounds = Number(values.rounds);
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { execArgv: process.execArgv });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(m as number)));
  const base = `http://127.0.0.1:${port}`;
  const headers = { Authorization: 'Key bench-key', Accept: 'application/json' };

  const ways: Array<[string, () => Promise<unknown>]> = [
    ['fetch, bare', async () => (await fetch(`${base}/v2/payments/bench-payment-0001`, { headers })).json()],
    ['node:http, bare', () => requestJson(`${base}/v2/payments/bench-payment-0001`, 'GET', headers)],
    ['pi-kit client over fetch', bind(createPiPlatformClient({ apiKey: 'bench-key', baseUrl: base, fetch }))],
    ['pi-kit client, default (node:http)', bind(createPiPlatformClient({ apiKey: 'bench-key', baseUrl: base }))],
  ];

  const cpu: number[][] = ways.map(() => []);
  const wall: number[][] = ways.map(() => []);
  for (let round = 0; round < rounds; round++) {
    // Each round starts with another way, so that none is always measured first.
    for (let k = 0; k < ways.length; k++) {
      const i = (k + round) % ways.length;
      const call = ways[i]![1];
      for (let n = 0; n < 200; n++) await call();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let n = 0; n < calls; n++) await call();
      const used = process.cpuUsage(c0);
      wall[i]!.push((performance.now() - t0) / calls);
      cpu[i]!.push((used.user + used.system) / 1000 / calls);
    }
  }
  child.disconnect();

  const median = (xs: number[]) => Samples.of(xs).percentile(50);
  const baseline = median(cpu[0]!);
  console.log(`one Pi call at a time, ${calls} per way per round, ${rounds} rounds; medians (this process's CPU, all threads)`);
  ways.forEach(([name], i) => {
    const c = median(cpu[i]!);
    console.log(
      `  ${name.padEnd(36)} CPU ${(c * 1000).toFixed(0).padStart(4)} µs/call (${(c / baseline).toFixed(2)}× bare fetch)  wall ${(median(wall[i]!) * 1000).toFixed(0).padStart(4)} µs/call`,
    );
  });
}

function bind(client: ReturnType<typeof createPiPlatformClient>): () => Promise<unknown> {
  return () => client.getPayment('bench-payment-0001');
}
