import { DEFAULT_ROUTE_BASE_PATH, PAYMENT_ROUTES, routePath, type PaymentRoute, type RouteErrorBody } from '../contract/routes';
import type { PaymentTransport } from '../contract/transport';
import { ServerRequestError } from '../errors/transport';
import { checkOption } from '../util/check-option';
import { DEV } from '../env/development';

/** Headers to send with every route request: a record, or a (possibly async) function returning one (e.g. a CSRF token). */
export type TransportHeaders = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

/** Options of {@link createFetchTransport}. */
export interface FetchTransportOptions {
  /** Origin (and optional prefix) of the app server, e.g. `"https://shop.example"`. Default `""`: same origin. */
  baseUrl?: string;
  /** Where the server mounted the routes. Default `DEFAULT_ROUTE_BASE_PATH` (`"/api/pi"`). */
  basePath?: string;
  /** The `fetch` to use. Default: the global `fetch`, read at call time (SSR-safe). */
  fetch?: typeof fetch;
  /** Extra headers for every request. */
  headers?: TransportHeaders;
  /** `fetch`'s `credentials`. Default `"same-origin"`. */
  credentials?: RequestCredentials;
}

/** The options checked by `typeof` when the transport is created. */
const OPTION_TYPES: Array<[keyof FetchTransportOptions, string]> = [
  ['baseUrl', 'string'],
  ['basePath', 'string'],
  ['fetch', 'function'],
  ['headers', 'object function'],
  ['credentials', 'string'],
];

/**
 * The default {@link PaymentTransport}: each route is `POST {baseUrl}{basePath}/{route}`
 * with a JSON body (the contract's request body, including the user's access token
 * for `approve`), resolving with the 2xx JSON body.
 *
 * @throws {InvalidOptionError} (`code: "invalid_option"`) at once for an option of the wrong
 * type (`baseUrl`, `basePath`, `credentials`: strings; `fetch`: a function; `headers`: a
 * record or a function).
 * Each route rejects with {@link ServerRequestError} (`code: "server_request_failed"`) when the server
 * answers non-2xx (`status`, parsed `RouteErrorBody` or raw text as `body`), when no
 * answer comes (`status: null`, network error as `cause`), or when a 2xx answer is
 * not JSON with a `payment` object.
 */
export function createFetchTransport(given: FetchTransportOptions = {}): PaymentTransport {
  const options = Object(given) as FetchTransportOptions;
  for (const [name, types] of OPTION_TYPES) checkOption(name, options[name], types);
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const basePath = options.basePath ?? DEFAULT_ROUTE_BASE_PATH;

  async function send(route: PaymentRoute, body: unknown, signal: AbortSignal | undefined): Promise<never> {
    const url = `${baseUrl}${routePath(basePath.startsWith('/') || basePath === '' ? basePath : `/${basePath}`, route)}`;
    const doFetch = options.fetch ?? globalThis.fetch;
    if (typeof doFetch !== 'function') {
      throw new ServerRequestError({
        route,
        url,
        status: null,
        body: null,
        problem: DEV ? 'No fetch function is available: pass one as the `fetch` option.' : '',
      });
    }
    let response: Response;
    try {
      // In the try: a headers function that throws, or a body JSON cannot encode, fails the request like the network would.
      const extra = typeof options.headers === 'function' ? await options.headers() : options.headers;
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...extra },
        body: JSON.stringify(body),
        credentials: options.credentials ?? 'same-origin',
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      throw new ServerRequestError({ route, url, status: null, body: null }, { cause });
    }
    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (!response.ok) {
      throw new ServerRequestError({ route, url, status: response.status, body: isRouteErrorBody(json) ? json : text || null });
    }
    if (
      !json ||
      typeof json !== 'object' ||
      typeof (json as { payment?: unknown }).payment !== 'object' ||
      !(json as { payment?: unknown }).payment
    ) {
      throw new ServerRequestError({
        route,
        url,
        status: null,
        body: text || null,
        problem: DEV
          ? `The app server answered ${response.status} to ${url} without the expected JSON { payment }. Check that the route is served by @pi-kit/server-adapters (or follows the contract).`
          : '',
      });
    }
    return json as never;
  }

  const transport = {} as Record<PaymentRoute, (body: unknown, opts?: { signal?: AbortSignal }) => Promise<never>>;
  for (const route of PAYMENT_ROUTES) transport[route] = (body, opts) => send(route, body, opts?.signal);
  return transport as unknown as PaymentTransport;
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** True for a body of the shape `{ error: { code: string, message: string } }`. */
export function isRouteErrorBody(value: unknown): value is RouteErrorBody {
  if (!value || typeof value !== 'object') return false;
  const error = (value as { error?: unknown }).error;
  return (
    !!error &&
    typeof error === 'object' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
