/**
 * An error answer of the simulated app server: an HTTP status and a
 * `RouteErrorBody` (`{ error: { code, message } }`, `@pi-kit/core` contract).
 */
import { PiKitError, type PiKitErrorOptions, type RouteErrorBody } from '@pi-kit/core';

/** A refusal of a contract route, answered with `status` and `{ error: { code, message } }`. */
export class RouteError extends PiKitError {
  override name = 'RouteError';
  constructor(
    readonly status: number,
    code: string,
    message: string,
    options?: PiKitErrorOptions,
  ) {
    super(code, message, options);
  }

  /** The JSON body of the answer. */
  body(): RouteErrorBody {
    return { error: { code: this.code, message: this.shortMessage } };
  }
}
