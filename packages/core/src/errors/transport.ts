/**
 * Errors of the browser → app-server transport.
 *
 * Source: pi-kit's route contract (`contract/routes.ts`).
 */
import type { RouteErrorCode } from '../contract/route-error';
import type { PaymentRoute, RouteErrorBody } from '../contract/routes';
import { PiKitError, type PiKitErrorOptions } from './base';
import { DEV } from '../env/development';

/**
 * A request to the app server's payment routes failed (`code: "server_request_failed"`).
 *
 * - `status`: the HTTP status of a non-2xx answer, or `null` when no answer came
 *   (network error, CORS, aborted) or the 2xx answer was not the expected JSON;
 * - `body`: the parsed {@link RouteErrorBody} when the server sent one, else the raw
 *   text (or `null`);
 * - `serverCode`: `body.error.code` when present (e.g. `"payment_not_found"`).
 *
 * In development the message says what went wrong (`problem`, or the status and URL);
 * production builds get the short message with the code. In both, `details` carries the
 * server's answer: `The app server answered <status> <code>: <message>` for a route error
 * body, else the raw text of a non-JSON answer (at most 500 characters).
 */
export class ServerRequestError extends PiKitError<'server_request_failed'> {
  declare readonly route: PaymentRoute;
  declare readonly url: string;
  declare readonly status: number | null;
  declare readonly body: RouteErrorBody | string | null;
  /** The app server's `error.code`: a {@link RouteErrorCode}, or the app's own refusal code. */
  declare readonly serverCode: RouteErrorCode | (string & {}) | undefined;

  constructor(
    init: { route: PaymentRoute; url: string; status: number | null; body: RouteErrorBody | string | null; problem?: string },
    options: PiKitErrorOptions = {},
  ) {
    const { route, url, status, body } = init;
    const error = typeof body === 'object' && body ? body.error : undefined;
    super(
      'server_request_failed',
      DEV
        ? (init.problem ??
            (status === null
              ? `Could not reach the app server at ${url}. Check serverUrl/basePath, CORS and that the server runs.`
              : `The app server answered ${status} to ${url}.`))
        : '',
      {
        ...options,
        // In every build: the server's own code and message (e.g. why Pi refused), else the raw text.
        details:
          options.details ??
          (error?.code
            ? `The app server answered ${status} ${error.code}: ${error.message}`
            : (typeof body === 'string' && body.slice(0, 500)) || undefined),
      },
      { name: 'ServerRequestError', route, url, status, body, serverCode: error?.code },
    );
  }
}
