/**
 * Checks of the contract routes' JSON bodies (`PaymentRouteRequestBodies` of
 * `@pi-kit/core`). A bad body is a {@link RouteError} 400 `invalid_body`.
 */
import type { PaymentRoute, PaymentRouteRequestBodies } from '@pi-kit/core';
import { RouteError } from '@pi-kit/core';

type FieldRule = 'string' | 'optional string' | 'string or null';

const RULES: { [Route in PaymentRoute]: Record<keyof PaymentRouteRequestBodies[Route], FieldRule> } = {
  approve: { paymentId: 'string', accessToken: 'string' },
  complete: { paymentId: 'string', txid: 'string', accessToken: 'optional string' },
  cancel: { paymentId: 'string', accessToken: 'optional string' },
  incomplete: { paymentId: 'string', txid: 'string or null', accessToken: 'optional string' },
};

/** Returns `body` typed as the route's request body, or throws `RouteError` 400 `invalid_body`. */
export function parseRouteBody<Route extends PaymentRoute>(route: Route, body: unknown): PaymentRouteRequestBodies[Route] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RouteError(400, 'invalid_body', `The body of ${route} must be a JSON object.`);
  }
  const record = body as Record<string, unknown>;
  for (const [field, rule] of Object.entries(RULES[route]) as Array<[string, FieldRule]>) {
    const value = record[field];
    const ok =
      rule === 'string'
        ? typeof value === 'string' && value !== ''
        : rule === 'optional string'
          ? value === undefined || typeof value === 'string'
          : value === null || (typeof value === 'string' && value !== '');
    if (!ok) {
      throw new RouteError(400, 'invalid_body', `${route}: "${field}" must be ${describe(rule)}.`);
    }
  }
  return body as PaymentRouteRequestBodies[Route];
}

function describe(rule: FieldRule): string {
  if (rule === 'string') return 'a non-empty string';
  if (rule === 'optional string') return 'a string when present';
  return 'a non-empty string or null';
}
