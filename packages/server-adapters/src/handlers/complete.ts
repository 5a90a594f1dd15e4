/**
 * `POST {basePath}/complete`: Server-Side Completion (Pi docs "The Payment flow", Phase III).
 */
import type { CompleteRequestBody, PaymentDTO } from '@pi-kit/core';
import type { HandlerContext } from './context';
import { assertOwnedBy, assertU2A, isCancelled, readPaymentAndUser } from './checks';
import { RouteError } from '@pi-kit/core';
import { completeAndDeliver } from './settle';

/**
 * Reads the payment from Pi (and, with an access token, the user: both at once), requires the
 * txid to be the payment's own transaction, calls `/complete`, and only after it answered 200
 * delivers (`onComplete`) — once, however many times the route is called. A replay of a delivered payment answers 200 and delivers nothing.
 * The store is first asked to claim the delivery (one conditional write); its record is read only when the claim misses.
 */
export async function complete(ctx: HandlerContext, body: CompleteRequestBody): Promise<{ payment: PaymentDTO }> {
  const read = await readPaymentAndUser(ctx, body.paymentId, body.accessToken);
  // The order of the checks (and so of the error answered) is that of reading one after the other.
  const payment = read.payment();
  assertU2A(ctx, payment);
  const user = read.user();
  if (user) assertOwnedBy(payment, user);
  if (isCancelled(payment))
    throw new RouteError(409, 'payment_cancelled', `Payment ${payment.identifier} was cancelled; nothing to complete.`);
  if (!payment.transaction) {
    throw new RouteError(
      409,
      'missing_transaction',
      `Payment ${payment.identifier} has no blockchain transaction yet; the user has not paid.`,
    );
  }
  if (payment.transaction.txid !== body.txid) {
    throw new RouteError(
      409,
      'txid_mismatch',
      `The txid sent is not the transaction of payment ${payment.identifier}. Nothing was completed.`,
    );
  }
  const result = await completeAndDeliver(ctx, payment, payment.transaction.txid, 'wait');
  return { payment: result.payment };
}
