import { PiKitError } from '@pi-kit/core';

/**
 * Thrown synchronously by a factory of `@pi-kit/server-adapters` when an option is
 * missing or malformed (code `invalid_config`). The message names the option and
 * never repeats a secret's value.
 */
export class PiConfigError extends PiKitError<'invalid_config'> {
  override name = 'PiConfigError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('invalid_config', message, options);
  }
}
