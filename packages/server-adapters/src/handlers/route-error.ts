import { PiKitError } from '@pi-kit/core';
import type { RouteErrorBody } from '@pi-kit/core';

/**
 * An answer of the payment routes other than 200: HTTP `status` plus the stable `code`
 * and message of the {@link RouteErrorBody}. Thrown inside the handlers, turned into the
 * JSON answer by `fetch`; `reconcile()` reports it.
 */
export class RouteError extends PiKitError<string> {
  override name = 'RouteError';
  readonly status: number;
  constructor(status: number, code: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { cause: options.cause });
    this.status = status;
  }

  /** The JSON body of the answer. */
  toBody(): RouteErrorBody {
    return { error: { code: this.code, message: this.shortMessage } };
  }
}
