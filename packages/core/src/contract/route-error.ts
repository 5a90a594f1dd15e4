/**
 * The error answers of the payment routes, as both sides of the wire know them: the codes the app
 * server answers (`@pi-kit/server-adapters`, and the simulator's app server) with their HTTP
 * status, and the error that carries one.
 *
 * Source: pi-kit's route contract (`routes.ts`); Pi's flow, docs/PI-PLATFORM.md "The payment flow (U2A)".
 */
import { PiKitError, type PiKitErrorOptions } from '../errors/base';
import type { RouteErrorBody } from './routes';

/**
 * Every error code of the payment routes and its HTTP status. The app's own refusal codes (thrown
 * from `onApprove` with `PaymentRefusedError`) come on top of these.
 */
export const ROUTE_ERROR_STATUS = {
  // the request
  invalid_json: 400,
  invalid_body: 400,
  missing_token: 401,
  invalid_token: 401,
  route_not_found: 404,
  method_not_allowed: 405,
  // the payment, as Pi reports it
  payment_not_found: 404,
  payment_user_mismatch: 403,
  wrong_network: 403,
  wrong_direction: 403,
  payment_refused: 409,
  payment_cancelled: 409,
  cancelled: 409,
  payment_already_completed: 409,
  payment_not_approved: 409,
  payment_has_transaction: 409,
  payment_not_cancelled: 409,
  payment_not_completed: 409,
  payment_state_conflict: 409,
  missing_transaction: 409,
  txid_mismatch: 409,
  approval_in_progress: 409,
  delivery_in_progress: 409,
  // the app server or Pi failed
  approve_failed: 500,
  delivery_failed: 500,
  release_failed: 500,
  internal_error: 500,
  pi_unavailable: 502,
  pi_unauthorized: 502,
  pi_timeout: 504,
} as const;

/** A code of {@link ROUTE_ERROR_STATUS}. */
export type RouteErrorCode = keyof typeof ROUTE_ERROR_STATUS;

/**
 * An answer of the payment routes other than 200: HTTP `status` plus the stable `code` and
 * message of its {@link RouteErrorBody}. The app server throws it inside its handlers and answers
 * `toBody()`; `code` is a {@link RouteErrorCode} or an app's own refusal code.
 */
export class RouteError extends PiKitError<RouteErrorCode | (string & {})> {
  declare readonly status: number;
  constructor(status: number, code: RouteErrorCode | (string & {}), message: string, options: PiKitErrorOptions = {}) {
    super(code, message, { cause: options.cause }, { name: 'RouteError', status });
  }

  /** The JSON body of the answer: `{ error: { code, message } }`. */
  toBody(): RouteErrorBody {
    return { error: { code: this.code, message: this.shortMessage } };
  }
}
