/**
 * `POST {basePath}/incomplete`: sent from `onIncompletePaymentFound` (Pi docs
 * "Authentication" and "Payments": an incomplete payment blocks new ones until resolved).
 */
import type { IncompleteOutcome, IncompleteRequestBody, PaymentDTO } from '@pi-kit/core';
import { HorizonError } from '../horizon/errors';
import { verifyPaymentTransaction } from '../horizon/verify-transaction';
import type { HandlerContext } from './context';
import { assertOwnedBy, assertU2A, isCancelled, readPayment, verifyUser } from './checks';
import { cancelOnPi } from './cancel-on-pi';
import { release } from './release';
import { RouteError } from '@pi-kit/core';
import { completeAndDeliver, deliver, type Settlement } from './settle';

/**
 * Resolves an incomplete payment from what Pi and the blockchain say (the browser's txid
 * is ignored): with a transaction, it is verified on Horizon (successful, memo = payment
 * id, to the app wallet, the amount), completed and delivered; without one, it is
 * cancelled on Pi and released — only with the owner's access token (else 401 `missing_token`).
 * Never completes blindly.
 */
export async function incomplete(
  ctx: HandlerContext,
  body: IncompleteRequestBody,
): Promise<{ payment: PaymentDTO; outcome: IncompleteOutcome }> {
  const payment = await readPayment(ctx, body.paymentId);
  assertU2A(ctx, payment);
  const owner = body.accessToken !== undefined ? await verifyUser(ctx, body.accessToken) : undefined;
  if (owner) assertOwnedBy(payment, owner);
  // Cancelling on Pi needs the owner's token: a leaked payment id must not let anyone cancel a payment in progress.
  const result = await settleIncomplete(ctx, payment, 'wait', { withoutTransaction: owner ? 'cancel' : 'refuse' });
  if (result.outcome === 'pending') {
    throw new RouteError(
      409,
      'delivery_in_progress',
      `Payment ${payment.identifier} is being delivered by another request; try again shortly.`,
    );
  }
  const outcome: IncompleteOutcome = result.outcome === 'cancelled' ? 'cancelled' : 'completed';
  await ctx.options.onIncomplete?.(result.payment, outcome);
  return { payment: result.payment, outcome };
}

/**
 * Settles a payment from Pi's view of it. A payment with neither a transaction nor a cancellation
 * is, by `withoutTransaction`: cancelled on Pi (`cancel`), refused with 401 `missing_token`
 * (`refuse`), or left as `awaiting_user` (`wait`, for reconcile: the user may still pay).
 */
export async function settleIncomplete(
  ctx: HandlerContext,
  payment: PaymentDTO,
  mode: 'wait' | 'try',
  options: { withoutTransaction: 'cancel' | 'refuse' | 'wait' },
): Promise<{ payment: PaymentDTO; outcome: 'completed' | 'cancelled' | 'pending' | 'awaiting_user' }> {
  if (payment.status.developer_completed) {
    // Pi completed it: `deliver()` claims the delivery from the record as it is (`approving`,
    // `approved` or `completed`, with the txid; or a claim whose holder died) and waits for a live
    // one. A payment this server has no record of is recorded first.
    const txid = payment.transaction?.txid;
    if (txid && !(await ctx.store.get(payment.identifier))) return toOutcome(await completeAndDeliver(ctx, payment, txid, mode));
    return toOutcome(await deliver(ctx, payment, mode));
  }
  if (isCancelled(payment)) {
    await release(ctx, payment);
    return { payment, outcome: 'cancelled' };
  }
  if (payment.transaction) {
    const txid = payment.transaction.txid;
    try {
      await verifyPaymentTransaction(payment, txid, {
        horizonUrl: ctx.horizonUrl,
        appWalletAddress: ctx.options.appWalletAddress ?? payment.to_address,
        fetch: ctx.options.fetch,
      });
    } catch (error) {
      if (error instanceof HorizonError) {
        const status = error.code === 'horizon_unavailable' ? 502 : 422;
        throw new RouteError(status, error.code, error.shortMessage, { cause: error });
      }
      throw error;
    }
    return toOutcome(await completeAndDeliver(ctx, payment, txid, mode));
  }
  if (options.withoutTransaction === 'wait') return { payment, outcome: 'awaiting_user' };
  if (options.withoutTransaction === 'refuse') {
    throw new RouteError(
      401,
      'missing_token',
      `Payment ${payment.identifier} has no transaction: send the user's accessToken to cancel it.`,
    );
  }
  const cancelled = await cancelOnPi(ctx, payment.identifier);
  await release(ctx, cancelled);
  return { payment: cancelled, outcome: 'cancelled' };
}

function toOutcome(result: Settlement) {
  return { payment: result.payment, outcome: result.delivered === 'pending' ? ('pending' as const) : ('completed' as const) };
}
