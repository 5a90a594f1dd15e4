/**
 * The server side of the route contract of `@pi-kit/core` as one Fetch-API handler.
 *
 * Source: Pi docs "The Payment flow" (payments.md) and docs/PI-PLATFORM.md (all sections).
 */
import { DEFAULT_ROUTE_BASE_PATH, PAYMENT_ROUTES, routePath, type PaymentRoute } from '@pi-kit/core';
import { PiConfigError } from '../errors/config-error';
import { horizonUrlFor } from '../horizon/urls';
import { createPiPlatformClient, type PiPlatformClient } from '../platform/client';
import { PiApiError } from '../platform/errors';
import type { PaymentState } from '../store/types';
import { tracedStore } from './traced-store';
import { approve } from './approve';
import { cancel } from './cancel';
import { complete } from './complete';
import { newOwner, report, type HandlerContext } from './context';
import { incomplete } from './incomplete';
import type { PaymentHandlers, PaymentHandlersOptions, PaymentRouteAnswer, PaymentRouteRequest } from './options';
import { reconcile } from './reconcile';
import { misconfiguration, resolveLogger } from './logger';
import { RouteError } from '@pi-kit/core';
import { routeSchemas } from './schemas';

const routes = { approve, complete, cancel, incomplete } as const;
const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * Creates the payment routes — `POST {basePath}/approve`, `/complete`, `/cancel`,
 * `/incomplete` — as one Fetch-API handler (`(Request) => Promise<Response>`: a Next.js
 * App Router route, Hono, Bun, Deno, Workers; `@pi-kit/server-adapters/express` and
 * `/node` adapt it), plus `reconcile()`.
 *
 * Answers `200 { payment }` (incomplete: `{ payment, outcome }`) or an error status with
 * `{ error: { code, message } }`: 400 `invalid_json` / `invalid_body` (nothing changes),
 * 401 `invalid_token`, 403 `wrong_direction` / `wrong_network` / `payment_user_mismatch`,
 * 404 `payment_not_found` / `route_not_found`, 405 `method_not_allowed`, 409 `txid_mismatch`,
 * `missing_transaction`, `payment_cancelled`, `payment_already_completed`, `payment_refused`
 * (or `onApprove`'s own code), 422 Horizon check failures, 500 `delivery_failed`,
 * 502 `pi_unavailable`, 504 `pi_timeout`.
 *
 * @throws PiConfigError (`invalid_config`) for a missing `apiKey`, `store`, `onApprove`, `onComplete` or a bad `network`.
 */
export function createPaymentHandlers(options: PaymentHandlersOptions): PaymentHandlers {
  if (!options || typeof options !== 'object') throw new PiConfigError('createPaymentHandlers: options are required.');
  if (options.network !== 'Pi Network' && options.network !== 'Pi Testnet') {
    throw new PiConfigError(
      'createPaymentHandlers: `network` must be "Pi Network" or "Pi Testnet" (the network of your app in the developer portal).',
    );
  }
  if (!options.store || typeof options.store.transition !== 'function')
    throw new PiConfigError('createPaymentHandlers: `store` is required (createSqlStore(...) or createMemoryStore()).');
  if (typeof options.onApprove !== 'function')
    throw new PiConfigError('createPaymentHandlers: `onApprove(payment, user)` is required: check the payment against your order there.');
  if (typeof options.onComplete !== 'function')
    throw new PiConfigError('createPaymentHandlers: `onComplete(payment)` is required: deliver there.');
  const platform: PiPlatformClient = isClient(options.platform)
    ? options.platform
    : createPiPlatformClient({ ...(options.platform ?? {}), apiKey: options.apiKey });
  const basePath = (options.basePath ?? DEFAULT_ROUTE_BASE_PATH).replace(/\/+$/, '');
  const ctx: HandlerContext = {
    options,
    network: options.network,
    platform,
    store: options.store,
    horizonUrl: options.horizonUrl ?? horizonUrlFor(options.network),
    leaseMs: options.leaseMs ?? 60_000,
    waitMs: options.waitMs ?? 10_000,
    now: options.now ?? Date.now,
    owner: newOwner,
  };
  const paths = new Map<string, PaymentRoute>(PAYMENT_ROUTES.map((route) => [routePath(basePath, route), route]));

  const logger = resolveLogger(options.logger);
  /** Whether calls are logged: only then is the store traced for the line's `transition`. */
  const logging = options.logger !== false;

  /** What the log line of a call says of it, filled in as the request is understood. */
  interface Seen {
    route?: PaymentRoute;
    paymentId?: string;
    /** The states this call moved the payment through, in order. */
    states: PaymentState[];
    /** What Pi answered when a Platform API call failed the route. */
    pi?: { status: number | null; code: string };
  }

  async function resolveRoute(request: PaymentRouteRequest, seen: Seen): Promise<unknown> {
    const queryAt = request.path.indexOf('?');
    const path = (queryAt === -1 ? request.path : request.path.slice(0, queryAt)).replace(/\/+$/, '');
    const route = paths.get(path);
    seen.route = route;
    if (!route)
      throw new RouteError(404, 'route_not_found', `No payment route at this path; the routes are ${[...paths.keys()].join(', ')}.`);
    if (request.method !== 'POST') throw new RouteError(405, 'method_not_allowed', `Use POST for ${routePath(basePath, route)}.`);
    let json: unknown = request.body;
    if (typeof json === 'string' || json === undefined) {
      try {
        json = JSON.parse(json ?? '');
      } catch (cause) {
        throw new RouteError(400, 'invalid_json', 'The request body must be JSON.', { cause });
      }
    }
    const parsed = routeSchemas[route].safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
      throw new RouteError(400, 'invalid_body', `Invalid ${route} request: ${issues}.`, { cause: parsed.error });
    }
    seen.paymentId = parsed.data.paymentId;
    const handler = routes[route] as (c: HandlerContext, body: unknown) => Promise<unknown>;
    return handler(logging ? { ...ctx, store: tracedStore(ctx.store, seen.states) } : ctx, parsed.data);
  }

  async function answer(request: PaymentRouteRequest, seen: Seen): Promise<PaymentRouteAnswer> {
    try {
      return { status: 200, headers: NO_STORE, body: await resolveRoute(request, seen) };
    } catch (error) {
      if (error instanceof RouteError) {
        if (error.cause instanceof PiApiError) seen.pi = { status: error.cause.status ?? null, code: error.cause.code };
        if (error.status >= 500) report(ctx, error, seen.route ?? 'route', seen.paymentId);
        return { status: error.status, headers: NO_STORE, body: error.toBody() };
      }
      report(ctx, error, seen.route ?? 'route', seen.paymentId);
      return {
        status: 500,
        headers: NO_STORE,
        body: { error: { code: 'internal_error', message: 'The payment route failed unexpectedly; try again.' } },
      };
    }
  }

  async function handle(request: PaymentRouteRequest): Promise<PaymentRouteAnswer> {
    const started = ctx.now();
    const seen: Seen = { states: [] };
    const result = await answer(request, seen);
    try {
      log(seen, result, ctx.now() - started);
    } catch {
      // a failing logger must not change the answer
    }
    return result;
  }

  /**
   * One line per call: route, paymentId, status, code, the states the payment went through
   * (`transition`), what Pi answered when it failed the call (`piStatus`, `piCode`), duration; an
   * error line with the fix for a misconfiguration.
   */
  function log(seen: Seen, result: PaymentRouteAnswer, durationMs: number): void {
    const code = (result.body as { error?: { code?: string } } | null)?.error?.code;
    const fields = {
      route: seen.route ?? null,
      paymentId: seen.paymentId ?? null,
      status: result.status,
      code,
      transition: seen.states.length > 0 ? seen.states.join(' → ') : undefined,
      piStatus: seen.pi?.status,
      piCode: seen.pi?.code,
      durationMs,
    };
    const what = `${seen.route ?? 'unknown route'}${seen.paymentId ? ` ${seen.paymentId}` : ''}`;
    const fix = misconfiguration(result.status, code);
    if (fix) logger.error(`${what}: ${result.status} ${code}. ${fix}`, { ...fields, fix });
    else if (result.status >= 500) logger.error(`${what}: ${result.status} ${code}`, fields);
    else if (result.status >= 400) logger.warn(`${what}: ${result.status} ${code}`, fields);
    else logger.info(`${what}: ${result.status}`, fields);
  }

  return {
    basePath,
    handle,
    async fetch(request) {
      let answer: PaymentRouteAnswer;
      try {
        answer = await handle({ method: request.method, path: new URL(request.url).pathname, body: await request.text() });
      } catch (error) {
        // Reading the request failed (a body stream that errored): nothing was handled.
        report(ctx, error, 'route');
        answer = {
          status: 400,
          headers: NO_STORE,
          body: { error: { code: 'invalid_json', message: 'The request body could not be read.' } },
        };
      }
      return Response.json(answer.body, { status: answer.status, headers: answer.headers });
    },
    reconcile: () => reconcile(ctx),
  };
}

function isClient(value: PaymentHandlersOptions['platform']): value is PiPlatformClient {
  return typeof (value as PiPlatformClient | undefined)?.getPayment === 'function';
}
