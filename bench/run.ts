/**
 * `pnpm bench [--flows N] [--repeat R] [--bare-on-node] [--bare-node-http] [--pglite-main-thread] [--skip-postgres] [--skip-pglite] [--skip-suite] [--skip-scale-out] [--skip-size] [--servers-in-process] [--profile DIR]`:
 * pi-kit's figures (docs/BENCHMARKS.md), each printed beside its goal at the end.
 *
 * 1. Load: N (default 2,000) concurrent U2A payment flows through the example shop's server
 *    (Express on node:http, loopback) against the simulator server (HTTP, its own process),
 *    the store on PGlite and on PostgreSQL; flows/s, p50/p99 of each route; lost and
 *    duplicated deliveries (must be 0). In the same run, the same flows through a bare
 *    server making the same Pi API calls (over fetch, as an app without pi-kit would;
 *    `--bare-node-http`: over node:http, as pi-kit's Platform client on Node) with no verification or storage: the overhead ratio
 *    (pi-kit's approve+complete latency, without the time its handler spent in the shop's own
 *    order writes, / the bare one's) at p50, under full load (median of R rounds, default 5) and
 *    with one flow at a time (R rounds too, median); the ratio with the shop's writes counted is printed beside it. Each
 *    server's CPU per flow is its process's CPU time during its own run (main thread in
 *    brackets; one flow at a time, the shop's order writes taken off as from the ratio, and
 *    counted beside it). The database's CPU per flow is printed beside it, not in it: on
 *    PostgreSQL its server's processes; on PGlite in a worker thread that thread (Linux's
 *    schedstat), taken off the process's figure for the goal and counted beside it (with
 *    `--pglite-main-thread` it cannot be told apart: the whole process counts). `--profile DIR`: a
 *    CPU profile of each server's main thread during each run, written to DIR and broken down by
 *    part (`load/profile-breakdown.ts`; the profiler's sampling adds to the CPU figures).
 * 2. Scale-out (PostgreSQL): all flows at once through 1 and through 2 app server processes over
 *    one database (`load/scale-out.ts`).
 * 3. Simulator speed: in-process complete flows per second.
 * 4. Bundle sizes and app bytes, as `pnpm size` and `pnpm size:app` measure them (`bytes-report.ts`), the
 *    packages built first (`pnpm build`).
 * 5. Wall time of `pnpm test` (measured first, before the load phases).
 * Exits 1 when a goal is missed or a flow failed, after printing every figure.
 */
import { fork, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeBytes, measureBytes, APP_BYTES_CEILING_GZIP, APP_BYTES_GOAL_GZIP } from './bytes-report';
import { createGoals } from './goals';
import { startAppServer } from './load/app-server';
import { runFlows } from './load/flows';
import { describeCpu, type LoadBench, ownCpuMs, ownCpuRatio, ownProcessCpuRatio, type PhaseResult, runPhase } from './load/phase';
import { poolFetchConnections } from './load/pool';
import { describeScaleOut, measureScaleOut, type ScaleOut } from './load/scale-out';
import { PG_URL, type DbKind } from './load/shop';
import { measureSimulatorSpeed } from './simulator-speed';
import { measureTestSuite } from './suite-time';

const { values } = parseArgs({
  options: {
    flows: { type: 'string', default: '2000' },
    repeat: { type: 'string', default: '5' },
    'bare-on-node': { type: 'boolean', default: false },
    'bare-node-http': { type: 'boolean', default: false },
    'pglite-main-thread': { type: 'boolean', default: false },
    'skip-postgres': { type: 'boolean', default: false },
    'skip-pglite': { type: 'boolean', default: false },
    'servers-in-process': { type: 'boolean', default: false },
    'skip-suite': { type: 'boolean', default: false },
    'skip-scale-out': { type: 'boolean', default: false },
    'skip-size': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const flows = Number(values.flows);
// `--bare-on-node`: the bare baseline as a node:http listener without Express (the earlier baseline).
if (values['bare-on-node']) process.env.PIKIT_BARE_ON_NODE = '1';
// `--bare-node-http`: the bare baseline's Pi calls over node:http (as pi-kit's Platform client on Node) instead of fetch.
if (values['bare-node-http']) process.env.PIKIT_BARE_NODE_HTTP = '1';
// `--pglite-main-thread`: the shop's PGlite on its event loop (as the example shop runs it) instead of in a worker thread.
if (values['pglite-main-thread']) process.env.PIKIT_PGLITE_MAIN_THREAD = '1';
/** Rounds of the all-at-once phase per database (`--repeat`); the ratio is their median. */
const repeat = Math.max(1, Math.floor(Number(values.repeat)));
const SEQUENTIAL_FLOWS = 200;
/** Flows through each server before the timed phases (16 at a time), not measured. */
const WARM_UP_FLOWS = Math.min(200, flows);
/** Keep-alive connections per origin for fetch in this process (driver → servers, shop → simulator). */
const CONNECTIONS = 64;
/** The modelled round trip to Pi's API in the third phase, ms (loopback is ~0; Pi's servers are tens of ms away). */
const PI_RTT_MS = 20;
/** Issue 20's goals: pi-kit's own p50 over the bare handler's, all flows at once (median of the rounds), by database. */
const LOAD_RATIO_GOAL: Record<DbKind, number> = { pglite: 1.15, postgres: 1.3 };
/**
 * The same one flow at a time, and the server's CPU per flow over the bare server's one flow at a
 * time, the shop's order writes taken off (as from the ratios) and the database's CPU not in it
 * (PostgreSQL's server, PGlite's worker thread); both the medians of the rounds.
 */
const SEQUENTIAL_RATIO_GOAL = 2.0;
const CPU_RATIO_GOAL = 1.3;
const profileDir = values.profile;
if (profileDir) mkdirSync(profileDir, { recursive: true });
const cores = cpus().length;

const failures: string[] = [];
const goals = createGoals();
// The shop logs every route error with its stack (console.error): count them here instead.
const shopErrors = new Map<string, number>();
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('[shop]')) {
    const code = (args[1] as { code?: string } | undefined)?.code ?? 'unknown';
    shopErrors.set(code, (shopErrors.get(code) ?? 0) + 1);
  } else consoleError(...args);
};

// ── the test suite first, on the machine as a developer finds it: measured after the load
// phases, the same code took 42 s in one run and 69 s in the next (45 s idle a minute later) ──
if (!values['skip-suite']) {
  console.log('test suite');
  const suite = measureTestSuite();
  console.log(`  pnpm test: ${suite.seconds.toFixed(1)} s wall (${suite.ok ? 'passed' : 'FAILED'}; ${suite.summary})\n`);
  if (!suite.ok) failures.push('pnpm test failed');
  goals.add({ name: 'pnpm test: wall time', value: `${suite.seconds.toFixed(1)} s`, goal: '< 60 s', met: suite.seconds < 60 });
}

// ── the simulated Pi network, in its own process ──────────────────────────────
const worker = fork(fileURLToPath(new URL('./load/sim-worker.ts', import.meta.url)), [String(flows)], { execArgv: process.execArgv });
const sim = await new Promise<{ url: string; apiKey: string; network: 'Pi Testnet' | 'Pi Network' }>((resolve, reject) => {
  worker.once('message', (m) => resolve(m as never));
  worker.once('error', reject);
});
await poolFetchConnections(`${sim.url}/v2/me`, CONNECTIONS);
const bench: LoadBench = {
  sim,
  users: Array.from({ length: flows }, (_, i) => `u${i}`),
  data: { amount: 1, memo: 'Cup of coffee', metadata: { productId: 'coffee' } },
  profileDir,
  fail: (message) => failures.push(message),
  shopErrors,
};
const inProcess = values['servers-in-process'];
const bare = await startAppServer('bare', sim, inProcess);
console.log(
  `pi-kit bench: ${flows} concurrent U2A flows per run (fetch pooled to ${CONNECTIONS} connections per origin); simulator server ${sim.url} (own process); app servers ${inProcess ? 'in the bench process' : 'each in its own process'}; bare baseline ${values['bare-on-node'] ? 'on node:http (no Express)' : 'in Express'}, its Pi calls over ${values['bare-node-http'] ? 'node:http' : 'fetch'}; ` +
    `Node ${process.version}, ${cores} cores, load average ${loadavg()[0]!.toFixed(1)} at start`,
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
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
/** The item whose `key` is the median of the items' keys (the lower middle of an even count). */
const medianBy = <T>(items: T[], key: (item: T) => number): T | undefined =>
  [...items].sort((a, b) => key(a) - key(b))[Math.floor((items.length - 1) / 2)];
const median = (values: number[]) => medianBy(values, (v) => v)!;
/** `1.27, 1.34, 1.43`: the rounds' ratios, lowest first. */
const listed = (values: number[]) =>
  sorted(values)
    .map((v) => v.toFixed(2))
    .join(', ');
const dbName = (kind: DbKind) => (kind === 'pglite' ? 'PGlite' : 'PostgreSQL');
let scaleOut: ScaleOut | undefined;

for (const kind of kinds) {
  console.log(
    `\nstore on ${kind === 'pglite' ? `PGlite (${values['pglite-main-thread'] ? "on the shop's event loop" : "in a worker thread of the shop's process"})` : `PostgreSQL (${PG_URL.replace(/:[^:@/]+@/, ':***@')})`}`,
  );
  const shop = await startAppServer(kind, sim, inProcess);
  const servers = { shop, bare };
  try {
    await setLatency(0);
    // Warm-up, not measured: both servers (and the fresh database) get the same JIT and
    // connection warm-up before the first timed phase, which is pi-kit's (it runs first).
    const warmUp = (appUrl: string) =>
      runFlows({ simUrl: sim.url, appUrls: [appUrl], users: bench.users.slice(0, WARM_UP_FLOWS), concurrency: 16, data: bench.data });
    const warm = await warmUp(shop.url);
    await warmUp(bare.url);
    if (warm.failed) failures.push(`${kind}: ${warm.failed} warm-up flows failed: ${warm.errors.join(' | ')}`);
    // REPEAT rounds of a phase, pi-kit and bare taking turns at going first: its figures are the
    // medians of the rounds' (this shared VM's speed drifts between rounds).
    const runRounds = async (name: string, concurrency: number, count: number) => {
      const results: PhaseResult[] = [];
      for (let round = 0; round < repeat; round++) {
        const label = `${name}${repeat > 1 ? ` (round ${round + 1}/${repeat})` : ''}`;
        results.push(await runPhase(bench, kind, servers, { label, concurrency, count, bareFirst: round % 2 === 1 }));
      }
      return results;
    };
    // All flows at once.
    const rounds = await runRounds(`${flows} at once`, flows, flows);
    const own = rounds.map((r) => r.ratio);
    const withApp = rounds.map((r) => r.withApp);
    const loadRatio = median(own);
    if (repeat > 1)
      console.log(
        `    under load, ratios of the ${repeat} rounds: ${listed(own)}; median ${loadRatio.toFixed(2)}` +
          ` (with the shop's writes: ${listed(withApp)}; median ${median(withApp).toFixed(2)})`,
      );
    // One at a time, in as many rounds (a single round of 200 flows read 1.55× and 2.14× CPU in two runs an hour apart).
    const seqRounds = await runRounds('one at a time', 1, SEQUENTIAL_FLOWS);
    const seq = {
      ratio: median(seqRounds.map((r) => r.ratio)),
      withApp: median(seqRounds.map((r) => r.withApp)),
      paidIds: seqRounds.flatMap((r) => r.ours.paidIds),
      // The round whose own CPU ratio is the median's, printed whole.
      cpu:
        medianBy(
          seqRounds.filter((r) => r.cpu !== null),
          (r) => ownCpuRatio(r.cpu!),
        )?.cpu ?? null,
    };
    const cpuRounds = seqRounds.flatMap((r) => (r.cpu ? [r.cpu] : []));
    const threadApart = seq.cpu !== null && seq.cpu.pikit.databaseThreadMs !== null;
    if (repeat > 1)
      console.log(
        `    one at a time, ratios of the ${repeat} rounds: ${listed(seqRounds.map((r) => r.ratio))}; median ${seq.ratio.toFixed(2)}` +
          (seq.cpu
            ? `; own CPU ratios${threadApart ? ' without the PGlite thread' : ''} ${listed(cpuRounds.map(ownCpuRatio))}, median ${ownCpuRatio(seq.cpu).toFixed(2)}` +
              (threadApart ? ` (with it: ${listed(cpuRounds.map(ownProcessCpuRatio))})` : '')
            : ''),
      );
    await setLatency(PI_RTT_MS);
    const seqRtt = await runPhase(bench, kind, servers, {
      label: `one at a time, Pi RTT ${PI_RTT_MS} ms`,
      concurrency: 1,
      count: SEQUENTIAL_FLOWS / 2,
    });
    await setLatency(0);
    if (shopErrors.size) console.log(`  shop route errors logged: ${[...shopErrors].map(([c, n]) => `${c} ×${n}`).join(', ')}`);
    shopErrors.clear();
    const paidIds = [...warm.paidIds, ...rounds.flatMap((r) => r.ours.paidIds), ...seq.paidIds, ...seqRtt.ours.paidIds];
    const check = await shop.deliveries(paidIds);
    console.log(
      `  deliveries: ${check.paid} orders paid, ${check.delivered} payments recorded delivered; lost ${check.lost}, duplicated ${check.duplicated}`,
    );
    if (check.lost || check.duplicated) failures.push(`${kind}: ${check.lost} lost, ${check.duplicated} duplicated deliveries`);
    console.log(
      `  overhead ratio at p50 (pi-kit's handler without the shop's order writes / bare handler, approve+complete): ${loadRatio.toFixed(2)} under load, ` +
        `${seq.ratio.toFixed(2)} one at a time, ${seqRtt.ratio.toFixed(2)} with a ${PI_RTT_MS} ms Pi round trip`,
    );
    console.log(
      `  the same with the shop's order writes counted (the whole handler / bare): ${median(withApp).toFixed(2)} under load, ` +
        `${seq.withApp.toFixed(2)} one at a time, ${seqRtt.withApp.toFixed(2)} with a ${PI_RTT_MS} ms Pi round trip (no goal)`,
    );
    if (seq.cpu) console.log(`  one at a time (the median round), ${describeCpu(seq.cpu, true)}`);

    const db = dbName(kind);
    goals.add({
      name: `${db}: load ratio (${flows} at once, median of ${repeat} rounds)`,
      value: loadRatio.toFixed(2),
      goal: `≤ ${LOAD_RATIO_GOAL[kind]}`,
      met: loadRatio <= LOAD_RATIO_GOAL[kind],
    });
    goals.add({
      name: `${db}: one-at-a-time ratio (median of ${repeat} rounds)`,
      value: seq.ratio.toFixed(2),
      goal: `≤ ${SEQUENTIAL_RATIO_GOAL.toFixed(1)}`,
      met: seq.ratio <= SEQUENTIAL_RATIO_GOAL,
    });
    if (seq.cpu) {
      const cpuRatio = ownCpuRatio(seq.cpu);
      const { pikit, bare: b } = seq.cpu;
      const main =
        pikit.mainThreadMs !== null && b.mainThreadMs !== null ? `; main thread ${(pikit.mainThreadMs / b.mainThreadMs).toFixed(2)}×` : '';
      // PGlite in its worker thread: the database's thread taken off, as PostgreSQL's server (another process) is not in its figure.
      const where =
        kind === 'postgres'
          ? ''
          : values['pglite-main-thread']
            ? ' (PGlite on its event loop)'
            : threadApart
              ? " (without its database thread, as PostgreSQL's server)"
              : ' (with its PGlite thread)';
      const withThread = threadApart
        ? `; with the database thread ${ownProcessCpuRatio(seq.cpu).toFixed(2)}×, and the writes`
        : '; with the writes';
      goals.add({
        name: `${db}: own CPU per flow, one at a time${where}`,
        value:
          `${cpuRatio.toFixed(2)}× (${ownCpuMs(pikit).toFixed(2)} / ${b.processMs.toFixed(2)} ms${main}` +
          `${withThread} ${(pikit.processMs / b.processMs).toFixed(2)}×)`,
        goal: `≤ ${CPU_RATIO_GOAL}×`,
        met: cpuRatio <= CPU_RATIO_GOAL,
      });
    }
    goals.add({
      name: `${db}: deliveries lost / duplicated (of ${paidIds.length})`,
      value: `${check.lost} / ${check.duplicated}`,
      goal: '0 / 0',
      met: !check.lost && !check.duplicated,
    });

    if (kind === 'postgres' && !inProcess && !values['skip-scale-out']) {
      console.log(`\n1 and 2 app server processes over one PostgreSQL (${flows} at once, rounds in the order 1, 2, 2, 1)`);
      scaleOut = await measureScaleOut(bench, shop, () => startAppServer('postgres', sim, false, shop.schema), flows);
      for (const line of describeScaleOut(scaleOut, cores)) console.log(line);
      if (scaleOut.lost || scaleOut.duplicated)
        failures.push(`scale-out: ${scaleOut.lost} lost, ${scaleOut.duplicated} duplicated deliveries`);
    }
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
console.log(`  with the Platform API (Fetch): ${speed.platformApi.toFixed(0)} flows/s ${spread(speed.batches.platformApi)}`);
console.log(`  SDK + core client + app server: ${speed.sdkFlow.toFixed(0)} flows/s ${spread(speed.batches.sdkFlow)}`);
goals.add({
  name: 'simulator: flows through the Platform API',
  value: `${speed.platformApi.toFixed(0)} flows/s`,
  goal: '≥ 2,000',
  met: speed.platformApi >= 2_000,
});

if (!values['skip-size']) {
  console.log('\nbundle sizes (pnpm size: esbuild, ESM, browser, minified, tree-shaken; gzip -9) and app bytes (pnpm size:app)');
  // App bytes are measured on the packages' dist/: built here from the sources under test, never an older build.
  const build = spawnSync('pnpm', ['build'], { encoding: 'utf8' });
  if (build.status !== 0)
    failures.push(`pnpm build failed (exit ${build.status}), app bytes not measured:\n${build.stdout}${build.stderr}`);
  const bytes = await measureBytes({ app: build.status === 0 });
  for (const line of describeBytes(bytes)) console.log(line);
  for (const s of bytes.bundles.filter((b) => b.budget !== null)) {
    goals.add({
      name: `pnpm size: ${s.name}, gzip`,
      value: `${(s.gzipped / 1024).toFixed(2)} KB`,
      goal: `≤ ${(s.budget! / 1024).toFixed(2)} KB (ceiling)`,
      met: s.gzipped <= s.budget!,
    });
  }
  if (bytes.app) {
    const added = `${(bytes.app.gzip / 1024).toFixed(2)} KB`;
    goals.add({
      name: 'pnpm size:app: what pi-kit adds, gzip',
      value: added,
      goal: `≤ ${(APP_BYTES_GOAL_GZIP / 1024).toFixed(2)} KB`,
      met: bytes.app.gzip <= APP_BYTES_GOAL_GZIP,
    });
    goals.add({
      name: 'pnpm size:app: the same, CI ceiling',
      value: added,
      goal: `≤ ${(APP_BYTES_CEILING_GZIP / 1024).toFixed(2)} KB`,
      met: bytes.app.gzip <= APP_BYTES_CEILING_GZIP,
    });
  }
}

if (scaleOut) {
  for (const f of [scaleOut.one, scaleOut.two]) {
    goals.add({
      name: `PostgreSQL: ${f.processes} app server process${f.processes > 1 ? 'es' : ''} (${flows} at once)`,
      value: `${f.flowsPerSecond.toFixed(0)} flows/s, p50 ${f.p50.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms (handlers ${f.handlerP50.toFixed(0)} / ${f.handlerP99.toFixed(0)} ms)`,
      goal: '',
      met: null,
    });
  }
}

console.log(
  `\nfigures beside their goals (${cores} cores, load average ${loadavg()[0]!.toFixed(1)} now; ratios: pi-kit's own handler p50, approve + complete, the shop's order writes taken off, over the bare handler's; CPU: the server process's, pi-kit over bare, the shop's order writes taken off one flow at a time, the database's CPU not in it (PostgreSQL's server${values['pglite-main-thread'] ? '' : ", PGlite's worker thread"}), median of the rounds)`,
);
for (const line of goals.lines()) console.log(line);
const missed = [...goals.missed().map((g) => `${g.name}: ${g.value} (goal ${g.goal})`), ...failures];
console.log(missed.length ? `\nmissed: ${missed.join('; ')}` : '\nall goals met');
process.exit(missed.length ? 1 : 0);
