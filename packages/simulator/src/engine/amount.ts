/**
 * Amounts: π as JavaScript numbers outside, integer stroops (bigint) inside.
 * 1 π = 10^7 stroops; the ledger keeps 7 decimal places.
 */

/** Stroops in one π. */
export const STROOPS_PER_PI = 10_000_000n;

/**
 * Converts an amount in π to stroops, or returns `undefined` when it is not a finite number
 * with at most 7 decimal places (negative and zero amounts convert; callers check the sign).
 */
export function toStroops(amount: unknown): bigint | undefined {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || Math.abs(amount) >= 1e15) return undefined;
  const fixed = amount.toFixed(7);
  if (Number(fixed) !== amount) return undefined;
  return BigInt(fixed.replace('.', ''));
}

/** Stroops as a number of π (for PaymentDTO `amount` and `balanceOf`). */
export function toPi(stroops: bigint): number {
  return Number(stroops) / 1e7;
}

/** Stroops as Horizon writes amounts: a decimal string with 7 places, e.g. `"12.3400000"`. */
export function formatAmount(stroops: bigint): string {
  const negative = stroops < 0n;
  const abs = negative ? -stroops : stroops;
  const whole = abs / STROOPS_PER_PI;
  const frac = (abs % STROOPS_PER_PI).toString().padStart(7, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}
