import { InvalidOptionError } from '../errors/options';
import { describeValue } from './describe-value';
import { DEV } from '../env/development';

/**
 * Checks an optional option: not given (`undefined`), or of one of the space-separated
 * `typeof` names in `types` (e.g. `"string"`, `"object function"`). Internal.
 * @throws {InvalidOptionError} (`code: "invalid_option"`, `option: name`) otherwise.
 */
export function checkOption(name: string, value: unknown, types: string): void {
  if (value !== undefined && !types.split(' ').includes(typeof value)) {
    throw new InvalidOptionError(name, DEV ? `expected ${types.replace(' ', ' or ')}, got ${describeValue(value)}.` : '');
  }
}
