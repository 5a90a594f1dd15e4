/**
 * What every route checks before it acts: the user (`GET /v2/me`) and the payment as Pi
 * knows it (never as the browser says). Source: docs/PI-PLATFORM.md ("The payment flow (U2A)", security, and "The Platform API").
 */
import type { PaymentDTO, UserDTO } from '@pi-kit/core';
import { PiArgumentError } from '../errors/argument-error';
import { PiApiError } from '../platform/errors';
import type { HandlerContext } from './context';
import { fromPiError } from './pi-error-answer';
import { RouteError } from '@pi-kit/core';

/** `GET /v2/me`: the verified user of an access token. 401 `invalid_token` when Pi rejects it. */
export async function verifyUser(ctx: HandlerContext, accessToken: string): Promise<UserDTO> {
  try {
    return await ctx.platform.me(accessToken);
  } catch (error) {
    // A malformed token (PiArgumentError) is as invalid as one Pi rejects.
    if (error instanceof PiArgumentError || (error instanceof PiApiError && (error.status === 401 || error.status === 403))) {
      throw new RouteError(
        401,
        'invalid_token',
        'The access token is missing, expired or forged: sign in again (Pi.authenticate) and retry.',
        { cause: error },
      );
    }
    return fromPiError(error, 'verifying the access token');
  }
}

/** `GET /v2/payments/{id}`: the payment as Pi knows it (never as the browser says). */
export async function readPayment(ctx: HandlerContext, paymentId: string): Promise<PaymentDTO> {
  try {
    return await ctx.platform.getPayment(paymentId);
  } catch (error) {
    return fromPiError(error, `reading payment ${paymentId}`);
  }
}

/**
 * `GET /v2/payments/{id}` and, with a token, `GET /v2/me`, sent at once (the two reads are
 * independent: one round trip to Pi instead of two). Each result is a settled promise, so the
 * caller checks them in its own order and answers the same error as reading one after the other.
 */
export async function readPaymentAndUser(
  ctx: HandlerContext,
  paymentId: string,
  accessToken: string | undefined,
): Promise<{ payment: () => PaymentDTO; user: () => UserDTO | undefined }> {
  const [payment, user] = await Promise.allSettled([
    readPayment(ctx, paymentId),
    accessToken === undefined ? undefined : verifyUser(ctx, accessToken),
  ]);
  return { payment: () => settled(payment), user: () => settled(user) };
}

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** Refuses an app-to-user payment or one of another network (403). */
export function assertU2A(ctx: HandlerContext, payment: PaymentDTO): void {
  if (payment.direction !== 'user_to_app') {
    throw new RouteError(
      403,
      'wrong_direction',
      `Payment ${payment.identifier} is an app-to-user (A2U) payment; only user-to-app payments go through these routes.`,
    );
  }
  if (payment.network !== ctx.network) {
    throw new RouteError(
      403,
      'wrong_network',
      `Payment ${payment.identifier} is on "${payment.network}", but this app runs on "${ctx.network}".`,
    );
  }
}

/** Refuses a payment of another user than the verified one (403 `payment_user_mismatch`). */
export function assertOwnedBy(payment: PaymentDTO, user: UserDTO): void {
  if (payment.user_uid !== user.uid) {
    throw new RouteError(403, 'payment_user_mismatch', `Payment ${payment.identifier} belongs to another user than the signed-in one.`);
  }
}

export function isCancelled(payment: PaymentDTO): boolean {
  return payment.status.cancelled || payment.status.user_cancelled;
}
