import { PiKitError } from './base';
import type { PiKitErrorCode } from './codes';

/**
 * True when `value` is a pi-kit error, and, given `code`, one with that code:
 * `if (isPiKitError(error, 'payment_cancelled')) …`. Works with any `PiKitError`
 * subclass, also the simulator's and the server adapters' own codes.
 */
export function isPiKitError<Code extends string = PiKitErrorCode>(value: unknown, code?: Code): value is PiKitError<Code> {
  return value instanceof PiKitError && (code === undefined || value.code === code);
}
