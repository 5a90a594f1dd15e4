/**
 * `pnpm fuzz [--runs N] [--seed S]`: every fuzz target with N inputs (default 10,000 each);
 * prints the inputs tried per target and in total. A target that fails is run again for each
 * open bug in `KNOWN_BUGS` alone (is it found?) and without any of their inputs (does
 * anything else fail?). Exit 1
 * when any target failed (known bugs included: they are bugs).
 */
import { parseArgs } from 'node:util';
import { FUZZ_TARGETS, KNOWN_BUGS } from './targets';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed !== undefined ? Number(values.seed) : undefined;
let total = 0;
let failed = 0;
const started = performance.now();
const firstLines = (error: unknown) =>
  (error instanceof Error ? error.message : String(error))
    .split('\n')
    .filter((l) => !l.startsWith('Hint'))
    .slice(0, 4)
    .join('\n      ');
for (const target of FUZZ_TARGETS) {
  const t0 = performance.now();
  try {
    const tried = await target.run(runs, seed);
    total += tried;
    console.log(`ok    ${target.name}: ${tried} inputs (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${target.name}:\n      ${firstLines(error)}`);
    // Each known bug on its own (the others' inputs left out): does the fuzzer find it?
    for (const bug of KNOWN_BUGS) {
      const others = KNOWN_BUGS.filter((b) => b !== bug).map((b) => b.id);
      const found = await target.run(runs, seed, { skipBugs: others }).then(
        () => false,
        () => true,
      );
      console.log(`      known bug "${bug.id}": ${found ? 'found' : 'not hit'}`);
    }
    try {
      const tried = await target.run(runs, seed, { skipKnownBugs: true });
      total += tried;
      console.log(`      without the known bugs' inputs: ok, ${tried} inputs`);
    } catch (again) {
      console.log(`      without the known bugs' inputs, still FAILS:\n      ${firstLines(again)}`);
    }
  }
}
console.log(
  `fuzz: ${total} inputs tried over ${FUZZ_TARGETS.length} targets in ${((performance.now() - started) / 1000).toFixed(1)} s; ${failed} target(s) failed`,
);
if (failed) console.log(`open bugs the fuzzers know (docs/BENCHMARKS.md): ${KNOWN_BUGS.map((b) => b.id).join('; ')}`);
process.exit(failed > 0 ? 1 : 0);
