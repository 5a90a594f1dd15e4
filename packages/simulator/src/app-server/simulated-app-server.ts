/**
 * A small, correct app server for the contract routes of `@pi-kit/core`
 * (`POST {basePath}/approve|complete|cancel|incomplete`), backed by the simulated
 * Platform API: for testing browser code without `@pi-kit/server-adapters`.
 *
 * It does what payments.md and the community guide's payment flow ask of an app server: verifies the user's
 * access token with `GET /v2/me`, reads the payment from Pi (never trusts the
 * browser's amount, user or txid), approves, completes only with the txid Pi
 * recorded, and answers retried calls idempotently.
 */
import { DEFAULT_ROUTE_BASE_PATH, PAYMENT_ROUTES, type PaymentDTO, type PaymentRoute, type PaymentRouteResponseBodies } from '@pi-kit/core';
import type { PiNetwork } from '../engine/types';
import { createAppPlatformClient, type AppPlatformClient } from './platform-client';
import { parseRouteBody } from './route-bodies';
import { RouteError } from '@pi-kit/core';

/** Options of {@link createSimulatedAppServer}. */
export interface SimulatedAppServerOptions {
  /** Where the routes are mounted. Default `DEFAULT_ROUTE_BASE_PATH` (`/api/pi`). */
  basePath?: string;
}

/** A Fetch handler for the contract routes. */
export interface SimulatedAppServer {
  /**
   * Answers `POST {basePath}/{route}`: 200 with the route's response body, or 4xx/502 with a
   * `RouteErrorBody` (`invalid_json`, `invalid_body`, `invalid_token`, `payment_user_mismatch`,
   * `payment_not_found`, `missing_transaction`, `txid_mismatch`, `payment_cancelled`,
   * `payment_already_completed`, `payment_has_transaction`, `wrong_direction`, `pi_…`, `pi_unavailable`): the codes of
   * `@pi-kit/server-adapters` (`ROUTE_ERROR_STATUS` of `@pi-kit/core`). Never rejects.
   */
  fetch(request: Request): Promise<Response>;
}

/**
 * Creates the simulated app server for `network`, using the app's API key.
 * Every call is logged as an `app.<route>` event of the network.
 */
export function createSimulatedAppServer(network: PiNetwork, options: SimulatedAppServerOptions = {}): SimulatedAppServer {
  const basePath = (options.basePath ?? DEFAULT_ROUTE_BASE_PATH).replace(/\/+$/, '');
  const pi = createAppPlatformClient(network);
  const handlers: { [Route in PaymentRoute]: (body: unknown) => Promise<PaymentRouteResponseBodies[Route]> } = {
    approve: (raw) => approve(pi, parseRouteBody('approve', raw)),
    complete: (raw) => complete(pi, parseRouteBody('complete', raw)),
    cancel: (raw) => cancel(pi, parseRouteBody('cancel', raw)),
    incomplete: (raw) => incomplete(pi, parseRouteBody('incomplete', raw)),
  };

  return {
    async fetch(request) {
      const route = routeOf(new URL(request.url).pathname, basePath);
      try {
        if (!route)
          throw new RouteError(404, 'route_not_found', `No route here: the routes are POST ${basePath}/{${PAYMENT_ROUTES.join('|')}}.`);
        if (request.method !== 'POST') throw new RouteError(405, 'method_not_allowed', `Use POST ${basePath}/${route}.`);
        const body = await readJson(request);
        const result = await handlers[route](body);
        network.log({ type: `app.${route}`, paymentId: result.payment.identifier, status: 200 });
        return json(200, result);
      } catch (error) {
        const routeError =
          error instanceof RouteError ? error : new RouteError(500, 'internal_error', 'The simulated app server failed.', { cause: error });
        network.log({ type: `app.${route ?? 'unknown'}`, status: routeError.status, error: routeError.code });
        return json(routeError.status, routeError.toBody());
      }
    },
  };
}

async function approve(pi: AppPlatformClient, body: { paymentId: string; accessToken: string }) {
  const payment = await ownedPayment(pi, body.paymentId, body.accessToken);
  if (payment.direction !== 'user_to_app') {
    throw new RouteError(403, 'wrong_direction', 'Only user-to-app payments are approved by the app.');
  }
  if (payment.status.cancelled || payment.status.user_cancelled) {
    throw new RouteError(409, 'payment_cancelled', 'This payment was cancelled; start a new one.');
  }
  if (payment.status.developer_approved) return { payment };
  return { payment: await pi.approve(payment.identifier) };
}

async function complete(pi: AppPlatformClient, body: { paymentId: string; txid: string; accessToken?: string }) {
  const payment = await ownedPayment(pi, body.paymentId, body.accessToken);
  if (!payment.transaction) {
    throw new RouteError(409, 'missing_transaction', 'Pi has no blockchain transaction for this payment yet.');
  }
  if (payment.transaction.txid !== body.txid) {
    throw new RouteError(409, 'txid_mismatch', 'The txid does not match the transaction Pi recorded for this payment.');
  }
  if (payment.status.developer_completed) return { payment };
  return { payment: await pi.complete(payment.identifier, payment.transaction.txid) };
}

async function cancel(pi: AppPlatformClient, body: { paymentId: string; accessToken?: string }) {
  const payment = await ownedPayment(pi, body.paymentId, body.accessToken);
  if (payment.status.cancelled || payment.status.user_cancelled) return { payment };
  if (payment.status.developer_completed) {
    throw new RouteError(409, 'payment_already_completed', 'This payment is completed and cannot be cancelled.');
  }
  if (payment.transaction) {
    throw new RouteError(409, 'payment_has_transaction', 'The user already paid: complete this payment instead of cancelling it.');
  }
  return { payment: await pi.cancel(payment.identifier) };
}

async function incomplete(pi: AppPlatformClient, body: { paymentId: string; txid: string | null; accessToken?: string }) {
  const payment = await ownedPayment(pi, body.paymentId, body.accessToken);
  if (payment.status.developer_completed) return { payment, outcome: 'completed' as const };
  if (payment.status.cancelled || payment.status.user_cancelled) return { payment, outcome: 'cancelled' as const };
  // The txid sent by the browser is only a hint: the payment is completed with the txid Pi recorded.
  if (payment.transaction)
    return { payment: await pi.complete(payment.identifier, payment.transaction.txid), outcome: 'completed' as const };
  return { payment: await pi.cancel(payment.identifier), outcome: 'cancelled' as const };
}

/** The payment as Pi describes it; with an access token, also checks it belongs to that user. */
async function ownedPayment(pi: AppPlatformClient, paymentId: string, accessToken: string | undefined): Promise<PaymentDTO> {
  let uid: string | undefined;
  if (accessToken !== undefined) {
    try {
      uid = (await pi.me(accessToken)).uid;
    } catch (error) {
      if (error instanceof RouteError && error.status === 401) {
        throw new RouteError(401, 'invalid_token', 'The Pi access token is invalid or expired: authenticate again.');
      }
      throw error;
    }
  }
  const payment = await pi.getPayment(paymentId);
  if (uid !== undefined && payment.user_uid !== uid) {
    throw new RouteError(403, 'payment_user_mismatch', 'This payment belongs to another user.');
  }
  return payment;
}

function routeOf(pathname: string, basePath: string): PaymentRoute | undefined {
  if (!pathname.startsWith(`${basePath}/`)) return undefined;
  const name = pathname.slice(basePath.length + 1);
  return (PAYMENT_ROUTES as readonly string[]).includes(name) ? (name as PaymentRoute) : undefined;
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new RouteError(400, 'invalid_json', 'The request body must be JSON.');
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
