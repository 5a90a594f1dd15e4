/**
 * The bundle-size limits, enforced in CI with the same measurement as `pnpm size`:
 * react ≤ 2 KB gzipped; core within `CI_LIMITS.core` until it is cut to its 4 KB budget
 * (`pnpm size` reports the budget; docs/BENCHMARKS.md says what to cut).
 */
import { describe, expect, it } from 'vitest';
import { CI_LIMITS, measurePiKit, overBudget } from '../../bench/size/measure';

describe('bundle size', () => {
  it('keeps @pi-kit/core and @pi-kit/react within their gzipped limits', async () => {
    const sizes = await measurePiKit();
    expect(sizes.map((s) => s.name)).toEqual(['@pi-kit/core', '@pi-kit/react', '@pi-kit/core + @pi-kit/react']);
    expect(sizes.every((s) => s.gzipped > 0 && s.gzipped < s.minified)).toBe(true);
    expect(overBudget(sizes, CI_LIMITS)).toEqual([]);
  });
});
