/**
 * Errors of the simulated Pi SDK. Where Pi's SDK has a known message, the error's
 * `message` is exactly that text (so app code matching on it behaves the same),
 * and `code` is stable for pi-kit users.
 *
 * Source: docs/PI-PLATFORM.md ("The browser SDK") (init, not-initialized, concurrent payments, expiry).
 */
import { PiKitError, type PiKitErrorOptions } from '@pi-kit/core';

/** The codes of {@link SimulatedPiError}. */
export type SimulatedPiErrorCode =
  | 'sdk_not_initialized'
  | 'unsupported_sdk_version'
  | 'sandbox_mismatch'
  | 'missing_payments_scope'
  | 'invalid_scopes'
  | 'invalid_payment_data'
  | 'invalid_callbacks'
  | 'pending_payment'
  | 'payment_expired'
  | 'payment_creation_failed'
  | 'wallet_payment_not_pending'
  | 'unknown_user'
  | 'invalid_argument'
  | 'open_url_failed';

/** An error of the simulated `window.Pi` (in-process or over the HTTP bridge). */
export class SimulatedPiError extends PiKitError<SimulatedPiErrorCode> {
  override name = 'SimulatedPiError';
  constructor(code: SimulatedPiErrorCode, message: string, options?: PiKitErrorOptions) {
    super(code, message, options);
  }
}

/** Pi's wording of the not-initialized error (unofficial, docs/PI-PLATFORM.md ("The browser SDK")). */
export const NOT_INITIALIZED_MESSAGE = 'Pi Network SDK was not initialized. Call init() before any other method.';

/** Pi's wording when a new payment meets one with a transaction (unofficial, docs/PI-PLATFORM.md ("The browser SDK")). */
export const PENDING_PAYMENT_MESSAGE = 'A pending payment needs to be handled.';

/** Pi's wording when the approval timer ended before the app approved (reported, docs/PI-PLATFORM.md ("The browser SDK")). */
export const PAYMENT_EXPIRED_MESSAGE = 'The payment has expired';
