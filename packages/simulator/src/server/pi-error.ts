/**
 * Answers in the Pi Platform API's error shape (`{ error, error_message }`,
 * docs/PI-PLATFORM.md ("The Platform API")), used by every non-2xx answer of the simulator server.
 */
import type { PaymentDTO, PiApiErrorBody } from '@pi-kit/core';

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
