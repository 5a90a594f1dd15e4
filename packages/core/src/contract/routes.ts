/**
 * The contract between pi-kit's browser client (`@pi-kit/core`) and the app's
 * server (`@pi-kit/server-adapters`): route names, paths and JSON bodies,
 * defined once and imported by both sides.
 *
 * Every route is `POST {basePath}/{route}` with a JSON body, answered by
 * `200 { payment: PaymentDTO }` (plus route-specific fields) or by an error
 * status with a {@link RouteErrorBody}.
 *
 * Source: Pi docs, "The Payment flow" (payments.md): Server-Side Approval,
 * Server-Side Completion, `onCancel`, and `onIncompletePaymentFound`.
 */
import type { PaymentDTO } from '../types/payment';

/** The base path the server mounts the routes under unless configured otherwise. */
export const DEFAULT_ROUTE_BASE_PATH = '/api/pi';

/** The route names of the contract. */
export const PAYMENT_ROUTES = ['approve', 'complete', 'cancel', 'incomplete'] as const;

/** One route of the contract. */
export type PaymentRoute = (typeof PAYMENT_ROUTES)[number];

/**
 * `POST {basePath}/approve`: sent from `onReadyForServerApproval`.
 * `accessToken` is the user's Pi access token, so the server can verify the user with `GET /v2/me`.
 */
export interface ApproveRequestBody {
  paymentId: string;
  accessToken: string;
}

/** `POST {basePath}/complete`: sent from `onReadyForServerCompletion`. */
export interface CompleteRequestBody {
  paymentId: string;
  txid: string;
  accessToken?: string;
}

/** `POST {basePath}/cancel`: sent from `onCancel`, so the server releases the order. */
export interface CancelRequestBody {
  paymentId: string;
  accessToken?: string;
}

/**
 * `POST {basePath}/incomplete`: sent from `onIncompletePaymentFound`. The server
 * must read the payment from Pi itself; `txid` is a hint, never trusted.
 */
export interface IncompleteRequestBody {
  paymentId: string;
  txid: string | null;
  accessToken?: string;
}

/** The request body of each route. */
export interface PaymentRouteRequestBodies {
  approve: ApproveRequestBody;
  complete: CompleteRequestBody;
  cancel: CancelRequestBody;
  incomplete: IncompleteRequestBody;
}

/** How the server resolved an incomplete payment. */
export type IncompleteOutcome = 'completed' | 'cancelled';

/** The 200 answer of each route: always the payment as Pi last described it. */
export interface PaymentRouteResponseBodies {
  approve: { payment: PaymentDTO };
  complete: { payment: PaymentDTO };
  cancel: { payment: PaymentDTO };
  incomplete: { payment: PaymentDTO; outcome: IncompleteOutcome };
}

/** The body of every non-2xx answer of the routes. `code` is stable; `message` says what to do. */
export interface RouteErrorBody {
  error: { code: string; message: string };
}

/**
 * The URL path of a route: `routePath('/api/pi', 'approve')` is `/api/pi/approve`.
 * A trailing slash on `basePath` is ignored.
 */
export function routePath(basePath: string, route: PaymentRoute): string {
  return `${basePath.replace(/\/+$/, '')}/${route}`;
}
