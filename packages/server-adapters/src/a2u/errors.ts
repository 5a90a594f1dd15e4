import { PiKitError } from '@pi-kit/core';

/**
 * Codes of an {@link A2UError}:
 * - `invalid_wallet_seed`: the app wallet seed is not a Stellar secret seed (`S…`, 56 characters);
 * - `wrong_direction`: the payment is not app-to-user;
 * - `wrong_network`: the payment is on another network than the client's;
 * - `wrong_source_wallet`: the payment's `from_address` is not the configured wallet;
 * - `payment_has_txid`: the payment already has a transaction: submitting again would pay twice;
 * - `payment_cancelled` / `payment_already_completed`: nothing to submit;
 * - `transaction_failed`: Horizon refused the transaction (`resultCodes` says why; e.g. `tx_insufficient_balance`);
 * - `horizon_unavailable`: Horizon answered 5xx / `tx_too_early` / nothing after every retry, could not list the
 *   wallet's transactions, or its list stayed behind the wallet's sequence number (nothing was submitted then);
 * - `ongoing_payment`: Pi refused a new payment because the app's ongoing A2U payment (`paymentId`) is
 *   not finished, and finishing it failed (`cause` says why); nothing was created.
 */
export type A2UErrorCode =
  | 'invalid_wallet_seed'
  | 'wrong_direction'
  | 'wrong_network'
  | 'wrong_source_wallet'
  | 'payment_has_txid'
  | 'payment_cancelled'
  | 'payment_already_completed'
  | 'transaction_failed'
  | 'horizon_unavailable'
  | 'ongoing_payment';

/** An A2U payment could not be made. Never carries the wallet seed. */
export class A2UError extends PiKitError<A2UErrorCode> {
  override name = 'A2UError';
  /** Horizon's result codes, for `transaction_failed`. */
  readonly resultCodes: { transaction?: string; operations?: string[] } | undefined;
  /** The payment concerned, when known. */
  readonly paymentId: string | undefined;
  constructor(
    code: A2UErrorCode,
    message: string,
    options: { cause?: unknown; paymentId?: string; resultCodes?: A2UError['resultCodes'] } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.paymentId = options.paymentId;
    this.resultCodes = options.resultCodes;
  }
}
