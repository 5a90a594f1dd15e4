import { PiApiError } from '../platform/errors';
import { RouteError } from '@pi-kit/core';

/** Turns a failed Platform API call into the route's answer. */
export function fromPiError(error: unknown, what: string): never {
  if (!(error instanceof PiApiError)) throw error;
  if (error.code === 'timeout')
    throw new RouteError(504, 'pi_timeout', `Pi's API did not answer in time (${what}). Try again.`, { cause: error });
  if (error.code === 'network_error' || error.code === 'http_error' || error.code === 'invalid_response' || (error.status ?? 500) >= 500) {
    throw new RouteError(502, 'pi_unavailable', `Pi's API is unavailable (${what}). Try again.`, { cause: error });
  }
  if (error.status === 404) throw new RouteError(404, 'payment_not_found', `Pi does not know this payment (${what}).`, { cause: error });
  throw new RouteError(502, `pi_${error.code}`, `Pi's API refused ${what}: ${error.errorMessage ?? error.code}.`, { cause: error });
}
