/**
 * Answers in the Pi Platform API's error shape (`{ error, error_message }`,
 * docs/PI-PLATFORM.md ("The Platform API")), used by every non-2xx answer of the simulator server.
 */
import { PiKitError, type PaymentDTO, type PiApiErrorBody } from '@pi-kit/core';

/** A JSON response with `status` and Pi's error body. */
export function piErrorResponse(status: number, error: string, message: string, payment?: PaymentDTO): Response {
  const body: PiApiErrorBody = { error, error_message: message };
  if (payment) body.payment = payment;
  return jsonResponse(status, body);
}

/** A JSON response. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

/**
 * The answer to an error thrown by the engine: a `PiKitError` (e.g. `PiNetworkError`) keeps its
 * code, its 4xx status (400 otherwise) and the payment it names; anything else is a 500.
 */
export function engineErrorResponse(error: unknown): Response {
  if (error instanceof PiKitError) {
    const { status, payment } = error as PiKitError & { status?: unknown; payment?: unknown };
    const code = typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
    return piErrorResponse(code, error.code, error.shortMessage, payment as PaymentDTO | undefined);
  }
  return piErrorResponse(500, 'internal_error', error instanceof Error ? error.message : 'The simulator failed.');
}
