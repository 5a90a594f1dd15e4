import { PiKitError } from './base';

/**
 * Turns whatever `window.Pi` threw or rejected with into an `Error` with a
 * non-empty message. Pi's SDK rejects with `Error` objects, with plain strings
 * (e.g. `"Failed to open URL"`), with objects carrying a `message`, or with
 * nothing at all; callers wrap the result as the `cause` of a typed error.
 *
 * - a `PiKitError` or any `Error` with a message: returned as is;
 * - a non-empty string: `new Error(string)`;
 * - an object with a string `message` (or `error`): `new Error(message, { cause: value })`;
 * - anything else (`undefined`, `null`, `{}`, an `Error` without message):
 *   `new Error(fallback, { cause: value })`.
 *
 * Never throws.
 */
export function normalizeSdkError(value: unknown, fallback = 'The Pi SDK failed without saying why.'): Error {
  if (value instanceof PiKitError) return value;
  if (value instanceof Error) return value.message ? value : new Error(fallback, { cause: value });
  if (typeof value === 'string') return new Error(value.trim() ? value : fallback);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const message = typeof record.message === 'string' ? record.message : typeof record.error === 'string' ? record.error : '';
    return new Error(message || fallback, { cause: value });
  }
  return new Error(fallback, { cause: value });
}
