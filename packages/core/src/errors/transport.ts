/**
 * Errors of the browser → app-server transport.
 *
 * Source: pi-kit's route contract (`contract/routes.ts`).
 */
import type { PaymentRoute, RouteErrorBody } from '../contract/routes';
import { PiKitError, type PiKitErrorOptions } from './base';

/**
 * A request to the app server's payment routes failed (`code: "server_request_failed"`).
 *
 * - `status`: the HTTP status of a non-2xx answer, or `null` when no answer came
 *   (network error, CORS, aborted) or the 2xx answer was not the expected JSON;
 * - `body`: the parsed {@link RouteErrorBody} when the server sent one, else the raw
 *   text (or `null`);
 * - `serverCode`: `body.error.code` when present (e.g. `"payment_not_found"`).
 */
export class ServerRequestError extends PiKitError<'server_request_failed'> {
  override name = 'ServerRequestError';
  readonly route: PaymentRoute;
  readonly url: string;
  readonly status: number | null;
  readonly body: RouteErrorBody | string | null;
  readonly serverCode: string | undefined;

  constructor(
    init: { route: PaymentRoute; url: string; status: number | null; body: RouteErrorBody | string | null; problem?: string },
    options: PiKitErrorOptions = {},
  ) {
    const serverMessage = typeof init.body === 'object' && init.body ? init.body.error.message : undefined;
    const what =
      init.problem ??
      (init.status === null
        ? `Could not reach the app server at ${init.url}. Check serverUrl/basePath, CORS and that the server runs.`
        : `The app server answered ${init.status} to ${init.url}.`);
    super('server_request_failed', `${what}${serverMessage ? ` Server says: ${serverMessage}` : ''}`, {
      ...options,
      details: options.details ?? (typeof init.body === 'string' && init.body ? init.body.slice(0, 500) : undefined),
    });
    this.route = init.route;
    this.url = init.url;
    this.status = init.status;
    this.body = init.body;
    this.serverCode = typeof init.body === 'object' && init.body ? init.body.error.code : undefined;
  }
}
