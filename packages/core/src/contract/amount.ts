/**
 * The π amount rule, in one place for the browser, the app server and the simulator: amounts are
 * JavaScript numbers of π outside and integer stroops (1 π = 10^7 stroops) on the ledger, with at
 * most 7 decimal places, and no more than a Stellar-based ledger can hold (int64 stroops).
 *
 * Source: Pi docs, payments.md (`amount`); Stellar's amount precision
 * (https://developers.stellar.org/docs/learn/fundamentals/stellar-data-structures/assets#amount-precision).
 */

/** Decimal places the Pi ledger keeps (1 stroop = 0.0000001 π). */
export const PI_AMOUNT_DECIMALS = 7;

/**
 * The largest amount a Stellar-based ledger can represent, in π (int64 stroops:
 * 922 337 203 685.4775807), as the largest JavaScript number not above it
 * (922 337 203 685.4775390625, which JavaScript prints as 922337203685.4775), so no
 * larger amount passes.
 */
export const MAX_PI_AMOUNT = 922_337_203_685.477_5;

/** Stroops in one π. */
export const STROOPS_PER_PI = 10_000_000n;

/** True for an amount Pi accepts for a payment: a number of π > 0, ≤ {@link MAX_PI_AMOUNT}, with at most 7 decimal places. */
export function isPiAmount(amount: unknown): amount is number {
  // As piToStroops(amount) > 0n, without BigInt (this runs in the browser bundle).
  return typeof amount === 'number' && amount > 0 && amount <= MAX_PI_AMOUNT && Number(amount.toFixed(PI_AMOUNT_DECIMALS)) === amount;
}

/**
 * An amount in π as stroops, exactly (from its 7-decimal form, never through `amount * 1e7`), or
 * `undefined` when it is not a finite number with at most 7 decimal places within ±{@link MAX_PI_AMOUNT}.
 * Zero and negative amounts convert (callers check the sign).
 */
export function piToStroops(amount: unknown): bigint | undefined {
  if (typeof amount !== 'number' || !(Math.abs(amount) <= MAX_PI_AMOUNT)) return undefined;
  const fixed = amount.toFixed(PI_AMOUNT_DECIMALS);
  return Number(fixed) === amount ? BigInt(fixed.replace('.', '')) : undefined;
}

/** Stroops as a number of π (e.g. a PaymentDTO's `amount`): the number nearest to the exact decimal, so `stroopsToPi(piToStroops(x)) === x`. */
export function stroopsToPi(stroops: bigint): number {
  return Number(formatStroops(stroops));
}

/** Stroops as Horizon writes amounts: a decimal string with 7 places, e.g. `"12.3400000"`. */
export function formatStroops(stroops: bigint): string {
  const negative = stroops < 0n;
  const abs = negative ? -stroops : stroops;
  const whole = abs / STROOPS_PER_PI;
  const frac = (abs % STROOPS_PER_PI).toString().padStart(PI_AMOUNT_DECIMALS, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}
