/**
 * `pnpm fuzz [--runs N] [--seed S]`: every fuzz target with N inputs (default 2,000 each);
 * prints the inputs tried per target and in total; exit 1 on the first failure (with the
 * shrunk input fast-check reports).
 */
import { parseArgs } from 'node:util';
import { FUZZ_TARGETS } from './targets';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed !== undefined ? Number(values.seed) : undefined;
let total = 0;
let failed = 0;
const started = performance.now();
for (const target of FUZZ_TARGETS) {
  const t0 = performance.now();
  try {
    const tried = await target.run(runs, seed);
    total += tried;
    console.log(`ok    ${target.name}: ${tried} inputs (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${target.name}:\n${error instanceof Error ? error.message : String(error)}`);
  }
}
console.log(`fuzz: ${total} inputs tried over ${FUZZ_TARGETS.length} targets in ${((performance.now() - started) / 1000).toFixed(1)} s; ${failed} target(s) failed`);
process.exit(failed > 0 ? 1 : 0);
