/**
 * `pnpm bench [--flows N] [--skip-postgres] [--skip-suite]`: pi-kit's figures (docs/BENCHMARKS.md).
 *
 * 1. Load: N (default 2,000) concurrent U2A payment flows through the example shop's server
 *    (Express on node:http, loopback) against the simulator server (HTTP, its own thread),
 *    the store on PGlite and on PostgreSQL; flows/s, p50/p99 of each route; lost and
 *    duplicated deliveries (must be 0). In the same run, the same flows through a bare
 *    server making the same Pi API calls with no verification or storage: the overhead ratio
 *    (pi-kit's approve+complete latency / the bare one's) at p50, under full load and with
 *    one flow at a time.
 * 2. Simulator speed: in-process complete flows per second.
 * 3. Wall time of `pnpm test`.
 * Exits 1 when a target is missed.
 */
import { fork, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startBareServer } from './load/bare-server';
import { runFlows, type FlowTotals } from './load/flows';
import { PG_URL, startShop, type DbKind } from './load/shop';
import { measureSimulatorSpeed } from './simulator-speed';
import { ms } from './stats';
import { measureTestSuite } from './suite-time';

const { values } = parseArgs({
  options: {
    flows: { type: 'string', default: '2000' },
    'skip-postgres': { type: 'boolean', default: false },
    'skip-suite': { type: 'boolean', default: false },
  },
});
const flows = Number(values.flows);
const SEQUENTIAL_FLOWS = 200;
const failures: string[] = [];

function describeRun(label: string, t: FlowTotals): void {
  console.log(
    `  ${label.padEnd(28)} ${t.flows} flows in ${t.seconds.toFixed(2)} s = ${(t.flows / t.seconds).toFixed(0)} flows/s; ` +
      `approve p50 ${ms(t.approve.percentile(50))} p99 ${ms(t.approve.percentile(99))}; ` +
      `complete p50 ${ms(t.complete.percentile(50))} p99 ${ms(t.complete.percentile(99))}` +
      (t.failed ? `; FAILED ${t.failed}: ${t.errors.join(' | ')}` : ''),
  );
  if (t.failed) failures.push(`${label}: ${t.failed} flows failed`);
}

// ── the simulated Pi network, in its own process ──────────────────────────────
const worker = fork(fileURLToPath(new URL('./load/sim-worker.ts', import.meta.url)), [String(flows)], { execArgv: process.execArgv });
const sim = await new Promise<{ url: string; apiKey: string; network: 'Pi Testnet' | 'Pi Network' }>((resolve, reject) => {
  worker.once('message', (m) => resolve(m as never));
  worker.once('error', reject);
});
const users = Array.from({ length: flows }, (_, i) => `u${i}`);
const data = { amount: 1, memo: 'Cup of coffee', metadata: { productId: 'coffee' } };
const bare = await startBareServer({ piApiBaseUrl: sim.url, apiKey: sim.apiKey });
console.log(`pi-kit bench: ${flows} concurrent U2A flows per run; simulator server ${sim.url} (own process); Node ${process.version}, ${(await import('node:os')).cpus().length} cores`);

const kinds: DbKind[] = ['pglite'];
if (!values['skip-postgres']) {
  const ensure = spawnSync('bash', ['scripts/ensure-postgres.sh'], { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' });
  if (ensure.status === 0) kinds.push('postgres');
  else console.log(`  PostgreSQL unavailable (${ensure.stderr.trim().split('\n').at(-1)}): skipped`);
}

const ratios: Array<{ kind: DbKind; load: number; sequential: number }> = [];
for (const kind of kinds) {
  console.log(`\nstore on ${kind === 'pglite' ? 'PGlite (in process)' : `PostgreSQL (${PG_URL.replace(/:[^:@/]+@/, ':***@')})`}`);
  const shop = await startShop({ kind, simUrl: sim.url, apiKey: sim.apiKey, network: sim.network });
  try {
    const loaded = await runFlows({ simUrl: sim.url, appUrl: shop.url, users, concurrency: flows, data });
    describeRun('pi-kit (shop server)', loaded);
    const bareLoaded = await runFlows({ simUrl: sim.url, appUrl: bare.url, users, concurrency: flows, data });
    describeRun('bare server (baseline)', bareLoaded);
    const seq = await runFlows({ simUrl: sim.url, appUrl: shop.url, users: users.slice(0, SEQUENTIAL_FLOWS), concurrency: 1, data });
    describeRun('pi-kit, one at a time', seq);
    const bareSeq = await runFlows({ simUrl: sim.url, appUrl: bare.url, users: users.slice(0, SEQUENTIAL_FLOWS), concurrency: 1, data });
    describeRun('bare, one at a time', bareSeq);
    const check = await shop.deliveries([...loaded.paidIds, ...seq.paidIds]);
    console.log(`  deliveries: ${check.paid} orders paid, ${check.delivered} payments recorded delivered; lost ${check.lost}, duplicated ${check.duplicated}`);
    if (check.lost || check.duplicated) failures.push(`${kind}: ${check.lost} lost, ${check.duplicated} duplicated deliveries`);
    const ratio = { kind, load: loaded.server.percentile(50) / bareLoaded.server.percentile(50), sequential: seq.server.percentile(50) / bareSeq.server.percentile(50) };
    ratios.push(ratio);
    console.log(`  overhead ratio at p50 (approve+complete, pi-kit / bare): ${ratio.load.toFixed(2)} under load, ${ratio.sequential.toFixed(2)} one flow at a time (target < 1.5)`);
    if (ratio.load >= 1.5) failures.push(`${kind}: overhead ratio ${ratio.load.toFixed(2)} ≥ 1.5 under load`);
  } finally {
    await shop.close();
  }
}
await bare.close();
worker.send('close');
await new Promise((resolve) => worker.once('exit', resolve));

console.log('\nsimulator speed (in process, one payer, sequential)');
const speed = await measureSimulatorSpeed();
console.log(`  engine only:                   ${speed.engine.toFixed(0)} flows/s`);
console.log(`  with the Platform API (Fetch): ${speed.platformApi.toFixed(0)} flows/s (target ≥ 2,000)`);
console.log(`  SDK + core client + app server: ${speed.sdkFlow.toFixed(0)} flows/s`);
if (speed.platformApi < 2_000) failures.push(`simulator: ${speed.platformApi.toFixed(0)} flows/s < 2,000`);

if (!values['skip-suite']) {
  console.log('\ntest suite');
  const suite = measureTestSuite();
  console.log(`  pnpm test: ${suite.seconds.toFixed(1)} s wall (${suite.ok ? 'passed' : 'FAILED'}; ${suite.summary}) (target < 60 s)`);
  if (suite.seconds >= 60) failures.push(`pnpm test took ${suite.seconds.toFixed(1)} s`);
}

console.log(failures.length ? `\nmissed: ${failures.join('; ')}` : '\nall targets met');
process.exit(failures.length ? 1 : 0);
