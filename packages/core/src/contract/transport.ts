/**
 * How the browser client reaches the app's server: one async function per route
 * of the contract. The default (`createFetchTransport` in `@pi-kit/core`) POSTs
 * JSON to `{baseUrl}{basePath}/{route}`; tests and unusual set-ups pass their own.
 *
 * Each function resolves with the route's 200 body, or rejects (the default
 * transport rejects with a typed error carrying the HTTP status and body).
 */
import type { PaymentRouteRequestBodies, PaymentRouteResponseBodies } from './routes';

/** One async function per route of the contract; see the file's description. */
export type PaymentTransport = {
  [Route in keyof PaymentRouteRequestBodies]: (
    body: PaymentRouteRequestBodies[Route],
    options?: { signal?: AbortSignal },
  ) => Promise<PaymentRouteResponseBodies[Route]>;
};
