/**
 * The bundle-size limits, enforced in CI with the same measurement as `pnpm size`:
 * core ≤ 7.5 KB and react ≤ 2 KB gzipped (`CI_LIMITS`; `pnpm size` prints the figures). Also checks that
 * the production bundle really is a production build: core's development-only texts
 * (the long "what to do" messages, see docs/ERRORS.md) and every `process` reference are gone.
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

  it('ships no development-only text of core in production (NODE_ENV=production)', async () => {
    const [core] = await measurePiKit();
    const code = core!.code;
    // One text per kind: an error message, a validation problem, a log line, an option problem.
    for (const text of [
      "Check the server's approve route",
      'decimal places',
      'retrying when the Pi SDK calls again',
      'It is never guessed',
    ]) {
      expect(code).not.toContain(text);
    }
    expect(code).not.toMatch(/\bprocess\b/);
    // What production messages say instead, and the codes they carry, are there.
    expect(code).toContain('see "Errors" in the @pi-kit/core README');
    expect(code).toContain('"completion_failed"');
  });
});
