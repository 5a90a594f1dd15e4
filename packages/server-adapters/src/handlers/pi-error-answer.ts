import { PiApiError } from '../platform/errors';
import { RouteError } from '@pi-kit/core';

/**
 * Turns a failed Platform API call into the route's answer. Its message names the call and what Pi
 * answered (HTTP status and Pi's `error` code), so the browser's error carries the Pi status
 * behind the failure; never the API key or a token.
 */
export function fromPiError(error: unknown, what: string): never {
  if (!(error instanceof PiApiError)) throw error;
  const answered = error.status === undefined ? 'no answer' : `Pi answered ${error.status} ${error.code}`;
  if (error.code === 'timeout')
    throw new RouteError(504, 'pi_timeout', `Pi's API did not answer in time (${what}). Try again.`, { cause: error });
  if (error.code === 'network_error' || error.code === 'http_error' || error.code === 'invalid_response' || (error.status ?? 500) >= 500) {
    throw new RouteError(502, 'pi_unavailable', `Pi's API is unavailable (${what}; ${answered}). Try again.`, { cause: error });
  }
  if (error.status === 404)
    throw new RouteError(404, 'payment_not_found', `Pi does not know this payment (${what}; ${answered}).`, { cause: error });
  const fix = error.status === 401 ? " Check the app server's Pi API key." : '';
  throw new RouteError(502, `pi_${error.code}`, `Pi's API refused ${what} (${answered}): ${error.errorMessage ?? error.code}.${fix}`, {
    cause: error,
  });
}
