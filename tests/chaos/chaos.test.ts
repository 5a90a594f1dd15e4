/**
 * The chaos property in the default suite: a few generated runs on PGlite, on PostgreSQL (the
 * two app server instances over connections of their own) and on the memory store (`pnpm chaos`
 * runs 10,000), and a regression on PGlite (one PGlite per file: it takes seconds to start).
 * Any failure prints the shrunk steps.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkChaos, closeStores, runScenario } from './model';
import { SCENARIOS } from './scenarios';

afterAll(closeStores);

describe('chaos: exactly-once payments under faults', () => {
  it.each([
    ['pglite', 3],
    ['postgres', 5],
    ['memory', 20],
  ] as const)(
    'keeps every promise over generated runs (%s store)',
    async (store, numRuns) => {
      const result = await checkChaos({ numRuns, store });
      expect(result.totals.runs).toBeGreaterThanOrEqual(numRuns);
      expect(result.totals.faultSteps).toBeGreaterThan(0);
      expect({ counterexample: result.counterexample, violations: result.violations, seed: result.seed }).toEqual({
        counterexample: null,
        violations: [],
        seed: result.seed,
      });
    },
    120_000,
  );

  it('keeps them in a crash-during-completion regression on PGlite', async () => {
    const crash = SCENARIOS.find(([name]) => name.includes('crashes during completion'))!;
    expect((await runScenario(crash[1], 'pglite')).violations).toEqual([]);
  }, 60_000);
});
