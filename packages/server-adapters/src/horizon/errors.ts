import { PiKitError } from '@pi-kit/core';

/**
 * Codes of a {@link HorizonError}:
 * - `transaction_not_found`: Horizon does not know the txid;
 * - `transaction_failed`: the transaction is on the ledger but not `successful`;
 * - `memo_mismatch`: its memo is not the payment identifier;
 * - `payment_mismatch`: no native payment operation from the payer to the app wallet for the payment's amount;
 * - `horizon_unavailable`: Horizon answered 5xx, timed out or could not be reached (try again).
 */
export type HorizonErrorCode =
  | 'transaction_not_found'
  | 'transaction_failed'
  | 'memo_mismatch'
  | 'payment_mismatch'
  | 'horizon_unavailable';

/** A blockchain check on Horizon failed. `status` is Horizon's HTTP status when it answered. */
export class HorizonError extends PiKitError<HorizonErrorCode> {
  override name = 'HorizonError';
  readonly status: number | undefined;
  constructor(code: HorizonErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(code, message, { cause: options.cause });
    this.status = options.status;
  }
}
