/**
 * `pnpm chaos [--runs N] [--store memory|pglite|postgres|mixed] [--seed S] [--steps K] [--workers W]`:
 * the chaos property over N generated runs (default 10,000), split over W processes (default
 * 4: a run spends much of its time waiting on the event loop, so two per core keep both
 * cores busy), each with its own seed. Store: `pglite` (default: the SQL store on PGlite, a
 * fresh table per run, as issue #7 asks), `postgres` (the SQL store on the PostgreSQL server of
 * `PIKIT_PG_URL`, each app server instance over connections of its own, so their statements
 * really run at once; a table per run, dropped after it), `memory` (about three times as fast
 * as PGlite), or `mixed` (every 10th run on PGlite). Prints runs,
 * faults injected, payments, deliveries and violations; on a violation, the shrunk
 * counterexample (paste it into `regressions.test.ts`) and exit 1.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkChaos, closeStores, emptyTotals, type ChaosTotals, type StoreKind } from './model';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    store: { type: 'string', default: 'pglite' },
    seed: { type: 'string' },
    steps: { type: 'string', default: '24' },
    workers: { type: 'string', default: '4' },
    child: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const workers = Math.max(1, Number(values.workers));
const kind = values.store as StoreKind | 'mixed';
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
if (!(runs > 0) || !['memory', 'pglite', 'postgres', 'mixed'].includes(kind)) {
  console.error('usage: pnpm chaos [--runs N] [--store memory|pglite|postgres|mixed] [--seed S] [--steps K] [--workers W]');
  process.exit(2);
}

interface ChildResult {
  totals: ChaosTotals;
  counterexample: unknown[] | null;
  violations: string[];
  seed: number;
}

async function runHere(): Promise<ChildResult> {
  const store = kind === 'mixed' ? (i: number): StoreKind => (i % 10 === 0 ? 'pglite' : 'memory') : kind;
  let lastPrint = performance.now();
  const result = await checkChaos({
    numRuns: runs,
    seed,
    store,
    maxSteps: Number(values.steps),
    onRun(t) {
      if (performance.now() - lastPrint > 10_000) {
        lastPrint = performance.now();
        console.log(`  [seed ${seed}] ${t.runs} runs, ${t.faultSteps} faults injected, ${t.violations} with violations`);
      }
    },
  });
  await closeStores();
  return result;
}

if (values.child) {
  process.send!(await runHere());
  process.exit(0);
}

const started = performance.now();
let results: ChildResult[];
if (workers === 1) {
  results = [await runHere()];
} else {
  const script = fileURLToPath(import.meta.url);
  results = await Promise.all(
    Array.from({ length: workers }, (_, i) => {
      const share = Math.floor(runs / workers) + (i < runs % workers ? 1 : 0);
      const args = ['--child', '--runs', String(share), '--seed', String(seed + i), '--store', kind, '--steps', String(values.steps)];
      const child = fork(script, args, { execArgv: process.execArgv });
      return new Promise<ChildResult>((resolve, reject) => {
        child.once('message', (m) => resolve(m as ChildResult));
        child.once('exit', (code) => code !== 0 && reject(new Error(`chaos worker ${i} exited with ${code}`)));
      });
    }),
  );
}
const t = emptyTotals();
for (const r of results) for (const k of Object.keys(t) as Array<keyof ChaosTotals>) t[k] += r.totals[k];
const seconds = (performance.now() - started) / 1000;
console.log(
  `chaos: ${t.runs} runs in ${seconds.toFixed(1)} s (${workers} processes, seeds ${results.map((r) => r.seed).join(', ')}, store ${kind})`,
);
console.log(`  fault steps injected: ${t.faultSteps}; injected faults that hit a request: ${t.faultsHit}`);
console.log(`  payments created: ${t.payments}; orders delivered: ${t.delivered}`);
console.log(
  `  late SDK callbacks reported by the client (not promise violations): ${t.clientInvariantViolations}; settles cut at 1.5 s: ${t.stuckSettles}`,
);
console.log(`  runs with violations: ${t.violations}`);
const failed = results.filter((r) => r.counterexample);
for (const r of failed) {
  console.log(`\nshrunk counterexample (seed ${r.seed}; add it to tests/chaos/regressions.test.ts):`);
  console.log(JSON.stringify(r.counterexample));
  console.log('violations:');
  for (const v of r.violations) console.log(`  - ${v}`);
}
process.exit(failed.length ? 1 : 0);
