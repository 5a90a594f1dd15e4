/**
 * Which answers of the app server's payment routes are final. A 4xx answer says the request will
 * not succeed as it is (the app refused the payment, the token is not valid, the route does not
 * exist): retrying it when Pi's SDK calls again is pointless, so the payment ends at once. A 5xx
 * answer, no answer, or one of the 4xx below is transient and retried within Pi's timers.
 *
 * Source: pi-kit's route contract; Pi's retries, docs/PI-PLATFORM.md "The payment flow (U2A)".
 */

/** 4xx statuses that mean "try again later": timeout, too early, too many requests. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 425, 429]);

/** Route error codes answered with 409 while another request for the same payment is at work. */
export const TRANSIENT_ROUTE_CODES: ReadonlySet<string> = new Set(['approval_in_progress', 'delivery_in_progress']);

/**
 * True when an answer of the app server (`status`, and `code` from its `{ error: { code } }`
 * body) is final: a 4xx that is neither a timeout/rate limit nor a "busy" code. `null` (no
 * answer) and 5xx are not final.
 */
export function isFinalRouteAnswer(status: number | null, code: string | undefined): boolean {
  if (status === null || status < 400 || status >= 500 || TRANSIENT_STATUSES.has(status)) return false;
  return code === undefined || !TRANSIENT_ROUTE_CODES.has(code);
}
