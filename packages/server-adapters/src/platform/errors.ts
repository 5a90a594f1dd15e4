/**
 * The error every Pi Platform API call throws.
 *
 * Source: docs/PI-PLATFORM.md ("The Platform API") ("Errors come as `{ error, error_message }`").
 */
import { PiKitError } from '@pi-kit/core';
import type { PaymentDTO, PiApiErrorCode } from '@pi-kit/core';

/**
 * Codes of a {@link PiApiError}: Pi's own `error` code when Pi answered with a JSON
 * error body (`payment_not_found`, `already_completed`, …), else one of
 * - `http_error`: a non-2xx answer without Pi's JSON error body (an HTML 5xx page, say);
 * - `invalid_response`: a 2xx answer that is not the JSON Pi documents;
 * - `network_error`: the request never got an answer (DNS, refused connection, reset);
 * - `timeout`: no answer within `timeoutMs`;
 * - `aborted`: the caller's `signal` aborted the request.
 */
export type PiApiErrorKind = PiApiErrorCode | 'http_error' | 'invalid_response' | 'network_error' | 'timeout' | 'aborted';

export interface PiApiErrorInit {
  code: PiApiErrorKind;
  message: string;
  method: string;
  /** The request path, e.g. `/v2/payments/abc/approve` (never a header or the API key). */
  path: string;
  /** HTTP status; `undefined` when no answer came (network error, timeout, abort). */
  status?: number;
  /** The answer's body: parsed JSON when it was JSON, else the text (an HTML page, say). */
  body?: unknown;
  cause?: unknown;
}

/**
 * A failed Pi Platform API call: carries Pi's `error` code as `code`, the HTTP
 * `status`, the answer `body` (JSON or text, HTML 5xx pages included), Pi's
 * `error_message`, and `payment` / `verificationError` when Pi sent them.
 * The server API key is never part of it.
 */
export class PiApiError extends PiKitError<PiApiErrorKind> {
  override name = 'PiApiError';
  readonly status: number | undefined;
  readonly body: unknown;
  readonly method: string;
  readonly path: string;
  /** Pi's `error_message`, when the body had one. */
  readonly errorMessage: string | undefined;
  /** The payment Pi attached to the error (e.g. with `already_completed`). */
  readonly payment: PaymentDTO | undefined;
  /** Pi's `verification_error`, when present. */
  readonly verificationError: string | undefined;

  constructor(init: PiApiErrorInit) {
    super(init.code, init.message, { cause: init.cause });
    this.status = init.status;
    this.body = init.body;
    this.method = init.method;
    this.path = init.path;
    const body = isRecord(init.body) ? init.body : undefined;
    this.errorMessage = typeof body?.error_message === 'string' ? body.error_message : undefined;
    this.payment = isRecord(body?.payment) ? (body.payment as unknown as PaymentDTO) : undefined;
    this.verificationError = typeof body?.verification_error === 'string' ? body.verification_error : undefined;
  }

  /** True for failures worth retrying when the request is safe to repeat: 5xx, 429, network errors, timeouts. */
  get retryable(): boolean {
    if (this.code === 'network_error' || this.code === 'timeout') return true;
    return this.status !== undefined && (this.status >= 500 || this.status === 429);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
