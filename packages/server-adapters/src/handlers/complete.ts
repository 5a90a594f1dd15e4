/**
 * `POST {basePath}/complete`: Server-Side Completion (Pi docs "The Payment flow", Phase III).
 */
import type { CompleteRequestBody, PaymentDTO } from '@pi-kit/core';
import { report, type HandlerContext } from './context';
import { assertOwnedBy, assertU2A, isCancelled, readPaymentAndUser } from './checks';
import { RouteError } from '@pi-kit/core';
import type { PaymentRecord } from '../store/types';
import { completeAfterClaimMiss, completeClaimed, releaseCompletionClaim } from './settle';

/**
 * Reads the payment from Pi (and, with an access token, the user: both at once), requires the
 * txid to be the payment's own transaction, calls `/complete`, and only after it answered 200
 * delivers (`onComplete`) — once, however many times the route is called. A replay of a delivered payment answers 200 and delivers nothing.
 *
 * The store is asked to claim the delivery (one conditional write, `approved` → `completing`)
 * while Pi is read, so that its round trip overlaps Pi's instead of following it. The claim
 * records no txid, as none is checked yet, and is given back (`approved`) when a check fails or
 * Pi cannot be read; nothing else happens under it before the checks passed. It is taken only
 * from `approved` (or a `completing` claim whose lease expired): a record still `approving`
 * (`onApprove` running) is left to its approve. The record is read only when the claim misses.
 */
export async function complete(ctx: HandlerContext, body: CompleteRequestBody): Promise<{ payment: PaymentDTO }> {
  const owner = ctx.owner();
  const claim = ctx.store.transition(body.paymentId, {
    from: ['approved'],
    to: 'completing',
    claim: { owner, leaseMs: ctx.leaseMs },
    takeOverExpired: true,
  });
  // Awaited below, after Pi's answers: a failure meanwhile is not an unhandled rejection.
  claim.catch(() => undefined);
  let payment: PaymentDTO;
  try {
    payment = await verified(ctx, body);
  } catch (error) {
    await giveBack(ctx, claim, body.paymentId, owner);
    throw error;
  }
  const claimed = await claim;
  const result = claimed
    ? await completeClaimed(ctx, payment, body.txid, owner)
    : await completeAfterClaimMiss(ctx, payment, body.txid, 'wait');
  return { payment: result.payment };
}

/** The payment as Pi knows it, once every check of the route passed: its txid is `body.txid`. */
async function verified(ctx: HandlerContext, body: CompleteRequestBody): Promise<PaymentDTO> {
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
  return payment;
}

/** A check failed: the claim taken meanwhile, if any, is given back; a store failure goes to `onError`. */
async function giveBack(ctx: HandlerContext, claim: Promise<PaymentRecord | undefined>, paymentId: string, owner: string): Promise<void> {
  let claimed: PaymentRecord | undefined;
  try {
    claimed = await claim;
  } catch (failure) {
    report(ctx, failure, 'complete', paymentId);
    return;
  }
  if (claimed) await releaseCompletionClaim(ctx, paymentId, owner);
}
