/**
 * The chaos property in the default suite: a few generated runs on PGlite and on the
 * memory store (`pnpm chaos` runs 10,000). Any failure prints the shrunk steps.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkChaos, closeStores } from './model';

afterAll(closeStores);

describe('chaos: exactly-once payments under faults', () => {
  it.each([
    ['pglite', 5],
    ['memory', 40],
  ] as const)('keeps every promise over generated runs (%s store)', async (store, numRuns) => {
    const result = await checkChaos({ numRuns, store });
    expect(result.totals.runs).toBeGreaterThanOrEqual(numRuns);
    expect(result.totals.faultSteps).toBeGreaterThan(0);
    expect({ counterexample: result.counterexample, violations: result.violations, seed: result.seed }).toEqual({ counterexample: null, violations: [], seed: result.seed });
  }, 120_000);
});
