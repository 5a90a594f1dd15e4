/**
 * The chaos regressions (`scenarios.ts`) on the memory store; `chaos.test.ts` runs one on PGlite.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from './model';
import { SCENARIOS } from './scenarios';

describe('chaos regressions', () => {
  it.each(SCENARIOS)('%s', async (_name, actions) => {
    const result = await runScenario(actions, 'memory');
    expect(result.violations).toEqual([]);
  });
});
