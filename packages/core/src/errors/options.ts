import { PiKitError, type PiKitErrorOptions } from './base';
import { DEV } from '../env/development';

/**
 * An option of a pi-kit function has an invalid value (`code: "invalid_option"`),
 * e.g. `createPiClient` without an explicit `sandbox`, or a negative timeout.
 * `option` names it; the message says what is expected (in development; see docs/ERRORS.md).
 */
export class InvalidOptionError extends PiKitError<'invalid_option'> {
  declare readonly option: string;
  constructor(option: string, expected: string, options?: PiKitErrorOptions) {
    super('invalid_option', DEV ? `Invalid option \`${option}\`: ${expected}` : '', options, { name: 'InvalidOptionError', option });
  }
}
