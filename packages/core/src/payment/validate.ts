import { InvalidPaymentDataError } from '../errors/payment';
import type { PaymentData } from '../types/payment';
import type { PaymentDataField } from '../errors/payment';
import { describeValue } from '../util/describe-value';
import { DEV } from '../env/development';
import { isPiAmount, MAX_PI_AMOUNT, PI_AMOUNT_DECIMALS } from '../contract/amount';

/**
 * Checks `PaymentData` before anything is sent to Pi, and returns it typed.
 *
 * - `amount`: a finite number > 0, in π, with at most 7 decimal places (what the
 *   ledger keeps: round with `Math.round(x * 1e7) / 1e7`), at most {@link MAX_PI_AMOUNT};
 * - `memo`: a string with at least one non-space character;
 * - `metadata`: a plain object whose every value survives JSON unchanged (strings,
 *   finite numbers, booleans, `null`, arrays and plain objects; no `undefined`,
 *   functions, symbols, bigints, class instances such as `Date`, or cycles).
 *
 * Source: Pi docs, "Payments", `paymentData` keys (payments.md).
 *
 * @throws {InvalidPaymentDataError} (`code: "invalid_payment_data"`) naming the field.
 */
export function validatePaymentData(data: unknown): PaymentData {
  const fail = (field: PaymentDataField): never => {
    // The texts exist in development only: production gets the field and the code.
    throw new InvalidPaymentDataError(field, DEV ? problemText(field, data as Record<string, unknown>) : '');
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('paymentData');
  const { amount, memo, metadata } = data as Record<string, unknown>;
  if (!isPiAmount(amount)) fail('amount');
  if (typeof memo !== 'string' || memo.trim() === '') fail('memo');
  if (!isPlainObject(metadata) || !survivesJson(metadata)) fail('metadata');
  return { amount, memo, metadata } as PaymentData;
}

/** Development only (production bundles drop it): what is wrong with `field`, and what to do. */
function problemText(field: PaymentDataField, data: Record<string, unknown>): string {
  const { amount, memo, metadata } = data ?? {};
  if (field === 'paymentData') return 'must be an object { amount, memo, metadata }.';
  if (field === 'memo') return `must be a non-empty string shown to the user, got ${describeValue(memo)}.`;
  if (field === 'metadata') {
    return isPlainObject(metadata)
      ? `must be JSON-serialisable: ${jsonProblem(metadata, 'metadata', new Set()) ?? 'JSON would change it'}.`
      : `must be a plain object (e.g. { orderId: 1234 }), got ${describeValue(metadata)}.`;
  }
  if (typeof amount !== 'number') return `must be a number of π, got ${describeValue(amount)}.`;
  if (!Number.isFinite(amount) || amount <= 0) return `must be a finite number greater than 0, got ${amount}.`;
  if (amount > MAX_PI_AMOUNT) return `must be at most ${MAX_PI_AMOUNT} π, got ${amount}.`;
  return `has more than ${PI_AMOUNT_DECIMALS} decimal places (${amount}); the Pi ledger keeps 7. Round it, e.g. Math.round(amount * 1e7) / 1e7.`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** True when `JSON.parse(JSON.stringify(value))` equals `value` (a cycle or a bigint makes JSON.stringify throw: false). */
function survivesJson(value: Record<string, unknown>): boolean {
  try {
    return sameAfterJson(value, JSON.parse(JSON.stringify(value)));
  } catch {
    return false;
  }
}

/**
 * True when `copy` (what `JSON.parse(JSON.stringify(value))` gave) equals `value`:
 * every value is a string, finite number, boolean, `null`, array or plain object
 * (no `undefined`, functions, symbols, `NaN`/`Infinity`, holes, class instances).
 */
function sameAfterJson(value: unknown, copy: unknown): boolean {
  if (value === null || typeof value !== 'object') return value === copy;
  if (copy === null || typeof copy !== 'object') return false;
  const source = value as Record<string, unknown>;
  const target = copy as Record<string, unknown>;
  // Arrays: every index (a hole or an `undefined` becomes null); plain objects: the same keys.
  const keys = Array.isArray(value) ? Array.from(value, (_, i) => i) : isPlainObject(value) ? Object.keys(value) : null;
  return (
    keys !== null &&
    Array.isArray(value) === Array.isArray(copy) &&
    keys.length === Object.keys(copy).length &&
    keys.every((key) => sameAfterJson(source[key], target[key]))
  );
}

/** Development only: names the first value JSON would change, by path. */
function jsonProblem(value: unknown, path: string, ancestors: Set<object>): string | null {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : `${path} is ${value}, which JSON turns into null`;
    case 'object': {
      if (value === null) return null;
      if (ancestors.has(value)) return `${path} refers back to itself (a cycle)`;
      ancestors.add(value);
      try {
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) {
            const p = jsonProblem(value[i], `${path}[${i}]`, ancestors);
            if (p) return p;
          }
          return null;
        }
        if (!isPlainObject(value)) return `${path} is ${describeValue(value)}; use plain objects, arrays and primitives`;
        for (const [key, item] of Object.entries(value)) {
          const p = jsonProblem(item, `${path}.${key}`, ancestors);
          if (p) return p;
        }
        return null;
      } finally {
        ancestors.delete(value);
      }
    }
    default:
      return `${path} is ${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}, which JSON drops or cannot encode`;
  }
}
