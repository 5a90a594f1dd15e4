import { PiKitError } from '@pi-kit/core';

/**
 * Throw it from `onApprove` to refuse a payment that does not match the app's order
 * (wrong amount, unknown order, sold out…). The approve route then answers `status`
 * (default 409) with `{ error: { code, message } }`, Pi's `/approve` is not called, the
 * payment is cancelled at Pi, and the browser ends it at once with `ApprovalRefusedError`
 * carrying this code and message (show the message to the user). They can pay again.
 *
 * @example `throw new PaymentRefusedError('amount_mismatch', 'This order costs 3 π.')`
 */
export class PaymentRefusedError extends PiKitError<string> {
  override name = 'PaymentRefusedError';
  readonly status: number;
  constructor(code: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(code, message, { cause: options.cause });
    const status = options.status ?? 409;
    this.status = status >= 400 && status < 500 ? status : 409;
  }
}
