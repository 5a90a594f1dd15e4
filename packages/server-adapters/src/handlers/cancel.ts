/**
 * `POST {basePath}/cancel`: sent from `onCancel` (Pi docs "Payments", `onCancel`), so the app releases the order.
 */
import type { CancelRequestBody, PaymentDTO } from '@pi-kit/core';
import type { HandlerContext } from './context';
import { assertOwnedBy, assertU2A, isCancelled, readPayment, verifyUser } from './checks';
import { cancelOnPi } from './cancel-on-pi';
import { release } from './release';
import { RouteError } from '@pi-kit/core';

/**
 * Releases the order of a payment Pi reports cancelled. A payment Pi does not report
 * cancelled is cancelled on Pi first (`/cancel`) only when it has no transaction and the
 * request carries the owner's access token; otherwise 409 (`payment_has_transaction`,
 * `payment_not_cancelled`) and nothing changes.
 */
export async function cancel(ctx: HandlerContext, body: CancelRequestBody): Promise<{ payment: PaymentDTO }> {
  let payment = await readPayment(ctx, body.paymentId);
  assertU2A(ctx, payment);
  const user = body.accessToken !== undefined ? await verifyUser(ctx, body.accessToken) : undefined;
  if (user) assertOwnedBy(payment, user);
  if (payment.status.developer_completed) {
    throw new RouteError(409, 'payment_already_completed', `Payment ${payment.identifier} is completed; it cannot be cancelled.`);
  }
  if (!isCancelled(payment)) {
    if (payment.transaction) {
      throw new RouteError(
        409,
        'payment_has_transaction',
        `Payment ${payment.identifier} has a blockchain transaction: it must be completed, not cancelled.`,
      );
    }
    if (!user) {
      throw new RouteError(
        409,
        'payment_not_cancelled',
        `Pi does not report payment ${payment.identifier} cancelled; send the user's accessToken to cancel it.`,
      );
    }
    payment = await cancelOnPi(ctx, payment.identifier);
  }
  await release(ctx, payment);
  return { payment };
}
