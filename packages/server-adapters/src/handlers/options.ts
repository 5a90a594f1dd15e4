import type { AppNetwork, PaymentDTO, UserDTO } from '@pi-kit/core';
import type { PiPlatformClient, PiPlatformClientOptions } from '../platform/client';
import type { PaymentStore } from '../store/types';
import type { PaymentLogger } from './logger';
import type { IncompleteOutcome } from '@pi-kit/core';

/** Options of {@link createPaymentHandlers}. */
export interface PaymentHandlersOptions {
  /** The app's server API key (Pi developer portal). Never logged, never sent to the browser. */
  apiKey: string;
  /** The network the app runs on; payments of the other network are refused (403 `wrong_network`). */
  network: AppNetwork;
  /** Where payments are kept: `createSqlStore(...)` for real apps, `createMemoryStore()` for tests. */
  store: PaymentStore;
  /** Where the routes are mounted; default `/api/pi` (`DEFAULT_ROUTE_BASE_PATH` of `@pi-kit/core`). */
  basePath?: string;
  /**
   * The Pi Platform API: a client from `createPiPlatformClient`, or options for one
   * (`baseUrl` of the simulator, `fetch`, `timeoutMs`, `retries`). Default: `https://api.minepi.com`.
   */
  platform?: PiPlatformClient | Omit<PiPlatformClientOptions, 'apiKey'>;
  /**
   * Checks a payment against the app's own order before it is approved: the amount and
   * metadata come from Pi (never from the browser), `user` from `GET /v2/me`. Refuse by
   * throwing a `PaymentRefusedError` (its status and code are answered) or returning `false`
   * (409 `payment_refused`). Called once per approval; called again only if an earlier attempt
   * failed before Pi approved it.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: an onApprove that returns nothing accepts the payment.
  onApprove(payment: PaymentDTO, user: UserDTO): boolean | void | Promise<boolean | void>;
  /**
   * Delivers: called only after Pi's `/complete` answered 200, exactly once per payment across
   * retries, concurrent duplicates and processes sharing the store. If it throws, the route
   * answers 500 `delivery_failed` and the delivery is retried by the next request or `reconcile()`.
   * Should the process die while it runs (or before the delivery is recorded), it is called again
   * after `leaseMs`: make it idempotent (e.g. keyed by `payment.identifier`).
   */
  onComplete(payment: PaymentDTO): void | Promise<void>;
  /** Releases the order of a cancelled payment that had reached `onApprove`; once per payment. */
  onCancel?(payment: PaymentDTO): void | Promise<void>;
  /** Told how an incomplete payment was resolved (after delivery or release). */
  onIncomplete?(payment: PaymentDTO, outcome: IncompleteOutcome): void | Promise<void>;
  /** Horizon for blockchain checks; default Pi's Horizon of `network`. */
  horizonUrl?: string;
  /** The app wallet that must receive U2A payments; default the payment's `to_address` as Pi reports it. */
  appWalletAddress?: string;
  /** fetch for Horizon; default `globalThis.fetch`, read at each request. */
  fetch?: typeof fetch;
  /**
   * How long a claim (an approval, or a completion and delivery, in progress) holds before another
   * process may take it over, ms; default 60 000. A process that dies holding one delays that
   * payment by up to this long; the next complete or `reconcile()` then finishes it.
   */
  leaseMs?: number;
  /** How long a duplicate request waits for the one doing the work, ms; default 10 000. */
  waitMs?: number;
  /**
   * Where the routes log: one line per call (route, paymentId, HTTP status, error code, duration;
   * `info` for 2xx, `warn` for 4xx, `error` for 5xx), and an `error` with the fix when the server
   * is misconfigured (Pi refused the API key, the payment is of the other network, Pi is
   * unreachable). Never a token, a key, a seed or a request body. Default `console`; `false`
   * logs nothing.
   */
  logger?: PaymentLogger | false;
  /** Called with unexpected errors (a failed `onComplete`, Pi unavailable…), for logging. Secrets are never in them. */
  onError?(error: unknown, context: { route: string; paymentId?: string }): void;
  /** Clock in epoch ms; default `Date.now`. */
  now?: () => number;
}

/** What `reconcile()` did, by payment id. */
export interface ReconcileReport {
  /** Records examined. */
  checked: number;
  /** Completed on Pi and delivered now. */
  delivered: string[];
  /** Found cancelled (or expired) on Pi and released now. */
  cancelled: string[];
  /** Still in progress (waiting for the user, or another process holds them). */
  pending: string[];
  /** Could not be settled now (Pi or Horizon unavailable, verification failed…). */
  failed: Array<{ paymentId: string; code: string; message: string }>;
}

/**
 * A payment route request without the Fetch API (what the Node and Express adapters pass):
 * the method, the path (`/api/pi/approve`; a query string is ignored), and the body as its
 * text, or as a value a framework already parsed from JSON (`express.json()`).
 */
export interface PaymentRouteRequest {
  method: string;
  path: string;
  body: string | object | undefined;
}

/** A route's answer without the Fetch API: the status, headers, and the JSON body as a value. */
export interface PaymentRouteAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What `createPaymentHandlers` returns. */
export interface PaymentHandlers {
  /** The Fetch-API handler of `POST {basePath}/approve|complete|cancel|incomplete`; 404 JSON for other paths. */
  fetch(request: Request): Promise<Response>;
  /**
   * The same routes without building a Fetch `Request` and `Response` (the Node and Express
   * adapters call this; `fetch` wraps it): the same statuses and JSON bodies. Never rejects.
   */
  handle(request: PaymentRouteRequest): Promise<PaymentRouteAnswer>;
  /** Sweeps payments left in progress: reads each from Pi, finishes or releases it. Run it periodically. */
  reconcile(): Promise<ReconcileReport>;
  /** The mounted base path (no trailing slash). */
  readonly basePath: string;
}
