import { PiKitError } from '@pi-kit/core';

/**
 * A method of `@pi-kit/server-adapters` was called with a missing or malformed argument
 * (code `invalid_argument`), e.g. an empty `paymentId`. Async methods reject with it.
 */
export class PiArgumentError extends PiKitError<'invalid_argument'> {
  override name = 'PiArgumentError';
  constructor(message: string) {
    super('invalid_argument', message);
  }
}
