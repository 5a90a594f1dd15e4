/**
 * The fuzz targets in the default suite, with few inputs each (`pnpm fuzz` runs thousands).
 */
import { describe, expect, it } from 'vitest';
import { FUZZ_TARGETS } from './targets';

describe('fuzzing: bad input never crashes, never answers 5xx, never changes state', () => {
  it.each(FUZZ_TARGETS.map((t) => [t.name, t] as const))(
    '%s',
    async (_name, target) => {
      // A fixed seed keeps the suite deterministic, and the open bugs in KNOWN_BUGS are left out
      // (they are reported); `pnpm fuzz` explores with fresh seeds and fails on them.
      expect(await target.run(150, 20_261_122, { skipKnownBugs: true })).toBe(150);
    },
    60_000,
  );
});
