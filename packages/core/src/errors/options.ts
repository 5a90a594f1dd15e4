import { PiKitError, type PiKitErrorOptions } from './base';

/**
 * An option of a pi-kit function has an invalid value (`code: "invalid_option"`),
 * e.g. `createPiClient` without an explicit `sandbox`, or a negative timeout.
 * `option` names it; the message says what is expected.
 */
export class InvalidOptionError extends PiKitError<'invalid_option'> {
  override name = 'InvalidOptionError';
  readonly option: string;
  constructor(option: string, expected: string, options: PiKitErrorOptions = {}) {
    super('invalid_option', `Invalid option \`${option}\`: ${expected}`, options);
    this.option = option;
  }
}
