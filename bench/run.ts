/**
 * `pnpm bench [--flows N] [--repeat R] [--bare-on-node] [--skip-postgres] [--skip-pglite] [--skip-suite] [--servers-in-process] [--profile DIR]`: pi-kit's figures (docs/BENCHMARKS.md).
 *
 * 1. Load: N (default 2,000) concurrent U2A payment flows through the example shop's server
 *    (Express on node:http, loopback) against the simulator server (HTTP, its own thread),
 *    the store on PGlite and on PostgreSQL; flows/s, p50/p99 of each route; lost and
 *    duplicated deliveries (must be 0). In the same run, the same flows through a bare
 *    server making the same Pi API calls with no verification or storage: the overhead ratio
 *    (pi-kit's approve+complete latency, without the time its handler spent in the shop's own
 *    order writes, / the bare one's) at p50, under full load and with one flow at a time; the
 *    ratio with the shop's writes counted is printed beside it. Each server's CPU per flow is its
 *    process's CPU time during its own run (main thread in brackets). `--profile DIR`: a CPU profile
 *    of each server's main thread during each run, written to DIR and broken down by part
 *    (`load/profile-breakdown.ts`; the profiler's sampling adds to the CPU figures).
 * 2. Simulator speed: in-process complete flows per second.
 * 3. Wall time of `pnpm test` (measured first, before the load phases).
 * Exits 1 when a target is missed.
 */
import { fork, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync } from 'node:fs';
import { type ServerTimings, startAppServer } from './load/app-server';
import { cpuSince, type CpuTime } from './load/cpu-time';
import { breakDown, describeBreakdown } from './load/profile-breakdown';
import { poolFetchConnections } from './load/pool';
import { runFlows, type FlowTotals } from './load/flows';
import { PG_URL, type DbKind } from './load/shop';
import { measureSimulatorSpeed } from './simulator-speed';
import { ms, type Samples, without } from './stats';
import { measureTestSuite } from './suite-time';

const { values } = parseArgs({
  options: {
    flows: { type: 'string', default: '2000' },
    repeat: { type: 'string', default: '3' },
    'bare-on-node': { type: 'boolean', default: false },
    'skip-postgres': { type: 'boolean', default: false },
    'skip-pglite': { type: 'boolean', default: false },
    'servers-in-process': { type: 'boolean', default: false },
    'skip-suite': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const flows = Number(values.flows);
/** `--profile DIR`: a CPU profile of each app server's main thread during each of its runs, written to DIR and summarised. */
const profileDir = values.profile;
if (profileDir) mkdirSync(profileDir, { recursive: true });
// `--bare-on-node`: the bare baseline as a node:http listener without Express (the earlier baseline).
if (values['bare-on-node']) process.env.PIKIT_BARE_ON_NODE = '1';
/** Rounds of the all-at-once phase per database (`--repeat`); the ratio is their median. */
const repeat = Math.max(1, Math.floor(Number(values.repeat)));
const SEQUENTIAL_FLOWS = 200;
/** Flows through each server before the timed phases (16 at a time), not measured. */
const WARM_UP_FLOWS = Math.min(200, flows);
/** Keep-alive connections per origin for fetch in this process (driver → servers, shop → simulator). */
const CONNECTIONS = 64;
/** The modelled round trip to Pi's API in the third phase, ms (loopback is ~0; Pi's servers are tens of ms away). */
const PI_RTT_MS = 20;
const failures: string[] = [];
// The shop logs every route error with its stack (console.error): count them here instead.
const shopErrors = new Map<string, number>();
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('[shop]')) {
    const code = (args[1] as { code?: string } | undefined)?.code ?? 'unknown';
    shopErrors.set(code, (shopErrors.get(code) ?? 0) + 1);
  } else consoleError(...args);
};

function describeRun(label: string, t: FlowTotals): void {
  console.log(
    `  ${label.padEnd(44)} ${t.flows} flows in ${t.seconds.toFixed(2)} s = ${(t.flows / t.seconds).toFixed(0)} flows/s; ` +
      `approve p50 ${ms(t.approve.percentile(50))} p99 ${ms(t.approve.percentile(99))}; ` +
      `complete p50 ${ms(t.complete.percentile(50))} p99 ${ms(t.complete.percentile(99))}` +
      (t.failed ? `; FAILED ${t.failed}: ${t.errors.join(' | ')}` : ''),
  );
  if (t.failed) failures.push(`${label}: ${t.failed} flows failed`);
}

// ── the test suite first, on the machine as a developer finds it: measured after the load
// phases, the same code took 42 s in one run and 69 s in the next (45 s idle a minute later) ──
if (!values['skip-suite']) {
  console.log('test suite');
  const suite = measureTestSuite();
  console.log(`  pnpm test: ${suite.seconds.toFixed(1)} s wall (${suite.ok ? 'passed' : 'FAILED'}; ${suite.summary}) (target < 60 s)\n`);
  if (suite.seconds >= 60) failures.push(`pnpm test took ${suite.seconds.toFixed(1)} s`);
}

// ── the simulated Pi network, in its own process ──────────────────────────────
const worker = fork(fileURLToPath(new URL('./load/sim-worker.ts', import.meta.url)), [String(flows)], { execArgv: process.execArgv });
const sim = await new Promise<{ url: string; apiKey: string; network: 'Pi Testnet' | 'Pi Network' }>((resolve, reject) => {
  worker.once('message', (m) => resolve(m as never));
  worker.once('error', reject);
});
await poolFetchConnections(`${sim.url}/v2/me`, CONNECTIONS);
const users = Array.from({ length: flows }, (_, i) => `u${i}`);
const data = { amount: 1, memo: 'Cup of coffee', metadata: { productId: 'coffee' } };
const inProcess = values['servers-in-process'];
const bare = await startAppServer('bare', sim, inProcess);
const os = await import('node:os');
console.log(
  `pi-kit bench: ${flows} concurrent U2A flows per run (fetch pooled to ${CONNECTIONS} connections per origin); simulator server ${sim.url} (own process); app servers ${inProcess ? 'in the bench process' : 'each in its own process'}; bare baseline ${values['bare-on-node'] ? 'on node:http (no Express)' : 'in Express'}; ` +
    `Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at start`,
);

const kinds: DbKind[] = values['skip-pglite'] ? [] : ['pglite'];
if (!values['skip-postgres']) {
  const ensure = spawnSync('bash', ['scripts/ensure-postgres.sh'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  if (ensure.status === 0) kinds.push('postgres');
  else console.log(`  PostgreSQL unavailable (${ensure.stderr.trim().split('\n').at(-1)}): skipped`);
}

const setLatency = (latencyMs: number) =>
  new Promise<void>((resolve) => {
    worker.once('message', () => resolve());
    worker.send({ latencyMs });
  });
const handlerP50 = (t: { approve: Samples; complete: Samples }) => t.approve.percentile(50) + t.complete.percentile(50);
/**
 * pi-kit's own time: each request's time in the handler minus what it spent in the app's own code
 * (the shop's order writes in its callbacks), which a bare handler does not do and any app has
 * with or without pi-kit. The bare server has no app code: its own time is its handler time.
 */
const ownP50 = (t: ServerTimings) =>
  handlerP50({ approve: without(t.approve, t.app.approve), complete: without(t.complete, t.app.complete) });
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor((values.length - 1) / 2)]!;
/** `1.27, 1.34, 1.43`: the rounds' ratios, lowest first. */
const listed = (values: number[]) =>
  sorted(values)
    .map((v) => v.toFixed(2))
    .join(', ');

interface Ratio {
  kind: DbKind;
  /** pi-kit's own handler time (approve p50 + complete p50, the app's order writes excluded) / bare, all N flows at once, loopback. */
  load: number;
  /** The same with the app's order writes counted as pi-kit's (the shop's handler time as a whole). */
  loadWithApp: number;
  /** The same two, one flow at a time, loopback. */
  sequential: number;
  sequentialWithApp: number;
  /** The same two, one flow at a time, with a modelled round trip to Pi's API of PI_RTT_MS per call. */
  sequentialRtt: number;
  sequentialRttWithApp: number;
}
for (const kind of kinds) {
  console.log(
    `\nstore on ${kind === 'pglite' ? `PGlite (in a worker thread of the shop's process)` : `PostgreSQL (${PG_URL.replace(/:[^:@/]+@/, ':***@')})`}`,
  );
  const shop = await startAppServer(kind, sim, inProcess);
  try {
    const phase = async (label: string, concurrency: number, count: number, bareFirst = false) => {
      await shop.resetTimings();
      await bare.resetTimings();
      const cpu: { 'pi-kit (shop)'?: CpuTime | null; bare?: CpuTime | null } = {};
      const run = async (who: 'pi-kit (shop)' | 'bare') => {
        const server = who === 'bare' ? bare : shop;
        const profile =
          profileDir && `${profileDir}/${kind}-${label.replace(/\W+/g, '-')}-${who === 'bare' ? 'bare' : 'pi-kit'}.cpuprofile`;
        const before = await server.cpu();
        if (profile) await server.profile.start();
        const totals = await runFlows({ simUrl: sim.url, appUrl: server.url, users: users.slice(0, count), concurrency, data });
        if (profile) await server.profile.stop(profile);
        const after = await server.cpu();
        cpu[who] = before && after && cpuSince(before, after);
        describeRun(`${who}, ${label}`, totals);
        if (profile) {
          const lines = describeBreakdown(breakDown(JSON.parse(readFileSync(profile, 'utf8')), 6), count);
          console.log(`${lines.join('\n')}\n      (${profile})`);
        }
        return totals;
      };
      let ours: FlowTotals;
      if (bareFirst) {
        await run('bare');
        ours = await run('pi-kit (shop)');
      } else {
        ours = await run('pi-kit (shop)');
        await run('bare');
      }
      const mine = await shop.timings();
      const base = await bare.timings();
      for (const [code, n] of Object.entries(mine.errors)) shopErrors.set(code, (shopErrors.get(code) ?? 0) + n);
      const ratio = ownP50(mine) / handlerP50(base);
      const withApp = handlerP50(mine) / handlerP50(base);
      // CPU per flow of each server's process during its own run (all its threads; its main thread's in brackets).
      const ourCpu = cpu['pi-kit (shop)'];
      const baseCpu = cpu.bare;
      const perFlow = (c: CpuTime) =>
        `${(c.processMs / count).toFixed(2)} ms${c.mainThreadMs === null ? '' : ` (main thread ${(c.mainThreadMs / count).toFixed(2)})`}`;
      const cpuText = ourCpu && baseCpu ? `; server CPU per flow: pi-kit ${perFlow(ourCpu)}, bare ${perFlow(baseCpu)}` : '';
      console.log(
        `    handler p50 approve+complete: pi-kit ${ms(ownP50(mine))} own + the shop's order writes = ${ms(handlerP50(mine))}, bare ${ms(handlerP50(base))}` +
          ` → ratio ${ratio.toFixed(2)} (with the shop's writes ${withApp.toFixed(2)}; approve ${ms(mine.approve.percentile(50))} / ${ms(base.approve.percentile(50))},` +
          ` complete ${ms(mine.complete.percentile(50))} / ${ms(base.complete.percentile(50))}, writes ${ms(mine.app.approve.percentile(50))} + ${ms(mine.app.complete.percentile(50))})${cpuText}`,
      );
      return { ours, ratio, withApp };
    };
    await setLatency(0);
    // Warm-up, not measured: both servers (and the fresh database) get the same JIT and
    // connection warm-up before the first timed phase, which is pi-kit's (it runs first).
    const warm =
      WARM_UP_FLOWS > 0
        ? await runFlows({ simUrl: sim.url, appUrl: shop.url, users: users.slice(0, WARM_UP_FLOWS), concurrency: 16, data })
        : undefined;
    if (warm) await runFlows({ simUrl: sim.url, appUrl: bare.url, users: users.slice(0, WARM_UP_FLOWS), concurrency: 16, data });
    if (warm?.failed) failures.push(`${kind}: ${warm.failed} warm-up flows failed: ${warm.errors.join(' | ')}`);
    // All flows at once, REPEAT times, pi-kit and bare taking turns at going first: the ratio is
    // the median of the rounds' ratios (this shared VM's speed drifts between rounds).
    const rounds: Array<Awaited<ReturnType<typeof phase>>> = [];
    for (let round = 0; round < repeat; round++) {
      rounds.push(await phase(`${flows} at once${repeat > 1 ? ` (round ${round + 1}/${repeat})` : ''}`, flows, flows, round % 2 === 1));
    }
    const own = rounds.map((r) => r.ratio);
    const withApp = rounds.map((r) => r.withApp);
    const loaded = { ratio: median(own), withApp: median(withApp), ours: { paidIds: rounds.flatMap((r) => r.ours.paidIds) } };
    if (repeat > 1)
      console.log(
        `    under load, ratios of the ${repeat} rounds: ${listed(own)}; median ${loaded.ratio.toFixed(2)}` +
          ` (with the shop's writes: ${listed(withApp)}; median ${loaded.withApp.toFixed(2)})`,
      );
    const seq = await phase('one at a time', 1, SEQUENTIAL_FLOWS);
    await setLatency(PI_RTT_MS);
    const seqRtt = await phase(`one at a time, Pi RTT ${PI_RTT_MS} ms`, 1, SEQUENTIAL_FLOWS / 2);
    await setLatency(0);
    if (shopErrors.size) console.log(`  shop route errors logged: ${[...shopErrors].map(([c, n]) => `${c} ×${n}`).join(', ')}`);
    shopErrors.clear();
    const check = await shop.deliveries([...(warm?.paidIds ?? []), ...loaded.ours.paidIds, ...seq.ours.paidIds, ...seqRtt.ours.paidIds]);
    console.log(
      `  deliveries: ${check.paid} orders paid, ${check.delivered} payments recorded delivered; lost ${check.lost}, duplicated ${check.duplicated}`,
    );
    if (check.lost || check.duplicated) failures.push(`${kind}: ${check.lost} lost, ${check.duplicated} duplicated deliveries`);
    const ratio: Ratio = {
      kind,
      load: loaded.ratio,
      loadWithApp: loaded.withApp,
      sequential: seq.ratio,
      sequentialWithApp: seq.withApp,
      sequentialRtt: seqRtt.ratio,
      sequentialRttWithApp: seqRtt.withApp,
    };
    console.log(
      `  overhead ratio at p50 (pi-kit's handler without the shop's order writes / bare handler, approve+complete): ${ratio.load.toFixed(2)} under load, ` +
        `${ratio.sequential.toFixed(2)} one at a time, ${ratio.sequentialRtt.toFixed(2)} with a ${PI_RTT_MS} ms Pi round trip (target < 1.5)`,
    );
    console.log(
      `  the same with the shop's order writes counted (the whole handler / bare): ${ratio.loadWithApp.toFixed(2)} under load, ` +
        `${ratio.sequentialWithApp.toFixed(2)} one at a time, ${ratio.sequentialRttWithApp.toFixed(2)} with a ${PI_RTT_MS} ms Pi round trip (no target)`,
    );
    if (ratio.load >= 1.5) failures.push(`${kind}: overhead ratio ${ratio.load.toFixed(2)} ≥ 1.5 under load (loopback)`);
  } finally {
    await shop.close();
  }
}
await bare.close();
worker.send('close');
await new Promise((resolve) => worker.once('exit', resolve));

console.log('\nsimulator speed (in process, one payer, sequential; median of 7 batches after a warm-up, batches min–max)');
const speed = await measureSimulatorSpeed();
const spread = (rates: number[]): string => `(${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)})`;
console.log(`  engine only:                   ${speed.engine.toFixed(0)} flows/s ${spread(speed.batches.engine)}`);
console.log(
  `  with the Platform API (Fetch): ${speed.platformApi.toFixed(0)} flows/s ${spread(speed.batches.platformApi)} (target ≥ 2,000)`,
);
console.log(`  SDK + core client + app server: ${speed.sdkFlow.toFixed(0)} flows/s ${spread(speed.batches.sdkFlow)}`);
if (speed.platformApi < 2_000) failures.push(`simulator: ${speed.platformApi.toFixed(0)} flows/s < 2,000`);

console.log(failures.length ? `\nmissed: ${failures.join('; ')}` : '\nall targets met');
process.exit(failures.length ? 1 : 0);
