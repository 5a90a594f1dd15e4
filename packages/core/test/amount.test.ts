/** The π amount rule (contract/amount.ts), the one the browser, the app server and the simulator share. */
import fc from 'fast-check';
import { formatStroops, isPiAmount, MAX_PI_AMOUNT, piToStroops, stroopsToPi } from '@pi-kit/core';
import { describe, expect, it } from 'vitest';

describe('the π amount rule', () => {
  it('accepts positive amounts with at most 7 decimals up to the ledger maximum', () => {
    for (const ok of [0.0000001, 1, 3.1415, 1234567.1234567, MAX_PI_AMOUNT]) expect(isPiAmount(ok)).toBe(true);
    for (const bad of [0, -1, 0.00000001, 1.23456789, Number.NaN, Number.POSITIVE_INFINITY, MAX_PI_AMOUNT * 2, '1', null])
      expect(isPiAmount(bad)).toBe(false);
  });

  it('converts to stroops exactly, and agrees with isPiAmount (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double(),
          fc.integer({ min: -(10 ** 15), max: 10 ** 15 }).map((n) => n / 1e7),
        ),
        (amount) => {
          const stroops = piToStroops(amount);
          expect(isPiAmount(amount)).toBe(stroops !== undefined && stroops > 0n);
          if (stroops !== undefined) expect(stroopsToPi(stroops) === amount).toBe(true); // -0 reads back as 0
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('formats stroops as Horizon does', () => {
    expect(formatStroops(123_400_000n)).toBe('12.3400000');
    expect(formatStroops(-5n)).toBe('-0.0000005');
    expect(piToStroops(1.0000005)).toBe(10_000_005n);
  });
});
