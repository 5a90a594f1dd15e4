/**
 * `POST /v2/payments/{id}/cancel` for the cancel and incomplete routes (docs/PI-PLATFORM.md ("The Platform API")).
 */
import type { PaymentDTO } from '@pi-kit/core';
import { PiApiError } from '../platform/errors';
import type { HandlerContext } from './context';
import { isCancelled, readPayment } from './checks';
import { fromPiError } from './pi-error-answer';
import { RouteError } from '@pi-kit/core';

/**
 * Cancels a payment on Pi and resolves it as Pi reports it cancelled. When Pi refuses (4xx)
 * but reports the payment cancelled anyway (e.g. cancelled meanwhile), that is success;
 * otherwise 409 `payment_not_cancelled`. A 5xx or network failure is answered as
 * `fromPiError` does (502 `pi_unavailable`).
 */
export async function cancelOnPi(ctx: HandlerContext, paymentId: string): Promise<PaymentDTO> {
  try {
    return await ctx.platform.cancelPayment(paymentId);
  } catch (error) {
    if (!(error instanceof PiApiError) || error.status === undefined || error.status >= 500)
      return fromPiError(error, `cancelling payment ${paymentId}`);
    const again = await readPayment(ctx, paymentId);
    if (!isCancelled(again))
      throw new RouteError(
        409,
        'payment_not_cancelled',
        `Pi refused to cancel payment ${paymentId}: ${error.errorMessage ?? error.code}.`,
        {
          cause: error,
        },
      );
    return again;
  }
}
