/**
 * `pnpm chaos [--runs N] [--store memory|pglite|mixed] [--seed S] [--steps K]`: the chaos
 * property over N generated runs (default 10,000, memory store; `mixed` puts every 10th
 * run on PGlite). Prints runs, faults injected, payments, deliveries and violations; on a
 * violation, the shrunk counterexample (paste it into `regressions.test.ts`) and exit 1.
 */
import { parseArgs } from 'node:util';
import { checkChaos, closeStores, type StoreKind } from './model';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    store: { type: 'string', default: 'mixed' },
    seed: { type: 'string' },
    steps: { type: 'string', default: '24' },
  },
});
const runs = Number(values.runs);
const kind = values.store as StoreKind | 'mixed';
if (!(runs > 0) || !['memory', 'pglite', 'mixed'].includes(kind)) {
  console.error('usage: pnpm chaos [--runs N] [--store memory|pglite|mixed] [--seed S] [--steps K]');
  process.exit(2);
}
const store = kind === 'mixed' ? (i: number): StoreKind => (i % 10 === 0 ? 'pglite' : 'memory') : kind;

const started = performance.now();
let lastPrint = started;
const result = await checkChaos({
  numRuns: runs,
  seed: values.seed !== undefined ? Number(values.seed) : undefined,
  store,
  maxSteps: Number(values.steps),
  onRun(t) {
    const now = performance.now();
    if (now - lastPrint > 5_000) {
      lastPrint = now;
      console.log(`  … ${t.runs} runs, ${t.faultSteps} faults injected, ${t.violations} with violations (${((now - started) / 1000).toFixed(0)} s)`);
    }
  },
});
await closeStores();
const t = result.totals;
const seconds = (performance.now() - started) / 1000;
console.log(`chaos: ${t.runs} runs (seed ${result.seed}, store ${kind}) in ${seconds.toFixed(1)} s`);
console.log(`  fault steps injected: ${t.faultSteps} (faults that hit a request: ${t.faultsHit})`);
console.log(`  payments created: ${t.payments}, orders delivered: ${t.delivered}`);
console.log(`  client invariant reports: ${t.clientInvariantViolations}, settles cut at 1.5 s: ${t.stuckSettles}`);
console.log(`  runs with violations: ${t.violations}`);
if (result.counterexample) {
  console.log('\nshrunk counterexample (add it to tests/chaos/regressions.test.ts):');
  console.log(JSON.stringify(result.counterexample));
  console.log('violations:');
  for (const v of result.violations) console.log(`  - ${v}`);
  process.exit(1);
}
process.exit(0);
