import { InvalidScopesError } from '../errors/sdk';
import { DOCUMENTED_SCOPES, type Scope } from '../types/auth';
import { describeValue } from '../util/describe-value';
import { DEV } from '../env/development';

/**
 * Checks the scopes for `Pi.authenticate`: a non-empty array of non-empty strings.
 * Duplicates are dropped. Scopes Pi does not document (apps use `roles`,
 * `in_app_notifications`) are kept and reported to `warn`.
 *
 * Source: Pi SDK reference, "Scopes"; docs/PI-PLATFORM.md ("The browser SDK").
 *
 * @throws {InvalidScopesError} (`code: "invalid_scopes"`).
 */
export function validateScopes(scopes: unknown, warn: (message: string) => void): Scope[] {
  if (!Array.isArray(scopes)) throw new InvalidScopesError(DEV ? `expected an array, got ${describeValue(scopes)}` : '');
  if (scopes.length === 0) throw new InvalidScopesError(DEV ? 'the array is empty' : '');
  const result: Scope[] = [];
  for (const scope of scopes) {
    if (typeof scope !== 'string' || scope.trim() === '')
      throw new InvalidScopesError(DEV ? `${describeValue(scope)} is not a scope name` : '');
    if (!result.includes(scope)) result.push(scope);
  }
  const unknown = result.filter((scope) => !(DOCUMENTED_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) {
    warn(
      DEV
        ? `Scope(s) ${unknown.map((s) => `"${s}"`).join(', ')} are not documented by Pi (documented: ${DOCUMENTED_SCOPES.join(', ')}); passing them through.`
        : `undocumented scopes ${unknown}`,
    );
  }
  return result;
}
