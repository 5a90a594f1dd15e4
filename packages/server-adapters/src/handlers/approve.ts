/**
 * `POST {basePath}/approve`: Server-Side Approval (Pi docs "The Payment flow", Phase I;
 * docs/PI-PLATFORM.md, "The payment flow (U2A)" and "The Platform API").
 */
import type { ApproveRequestBody, PaymentDTO } from '@pi-kit/core';
import { PiApiError } from '../platform/errors';
import type { PaymentRecord } from '../store/types';
import { report, waitFor, type HandlerContext } from './context';
import { assertOwnedBy, assertU2A, isCancelled, readPayment, readPaymentAndUser } from './checks';
import { cancelOnPi } from './cancel-on-pi';
import { fromPiError } from './pi-error-answer';
import { PaymentRefusedError } from './payment-refused-error';
import { RouteError } from '@pi-kit/core';

/** States in which Pi has approved the payment through these handlers. */
const APPROVED_OR_LATER: readonly PaymentRecord['state'][] = ['approved', 'completing', 'completed', 'delivering', 'delivered'];

/**
 * Verifies the user (`GET /v2/me`) and the payment as Pi knows it (both read at once), asks
 * `onApprove`, then calls `/approve`. A refusal (`PaymentRefusedError`, or `false`) answers its
 * 4xx and then cancels the payment at Pi (`POST /v2/payments/{id}/cancel`, in the background; a
 * failure goes to `onError`, and Pi's approval timer ends the payment anyway). Of concurrent duplicates, one does the work (a claim in
 * the store) and the others wait for its result; a re-invoked approve of an approved payment
 * answers 200 without calling anything.
 *
 * Store round trips of a first approve: the claim (one `insert`, which is a no-op when a
 * record exists) and `approved` once `onApprove` accepted, written while `/approve` is in
 * flight; a repeated approve reads the record after its insert found one.
 */
export async function approve(ctx: HandlerContext, body: ApproveRequestBody): Promise<{ payment: PaymentDTO }> {
  const read = await readPaymentAndUser(ctx, body.paymentId, body.accessToken);
  // The order of the checks (and so of the error answered) is that of reading one after the other.
  const user = read.user()!;
  const payment = read.payment();
  assertU2A(ctx, payment);
  assertOwnedBy(payment, user);
  if (payment.status.developer_completed) {
    throw new RouteError(
      409,
      'payment_already_completed',
      `Payment ${payment.identifier} is already completed: it cannot pay for another order.`,
    );
  }
  if (isCancelled(payment)) {
    throw new RouteError(409, 'payment_cancelled', `Payment ${payment.identifier} was cancelled; start a new payment.`);
  }

  const owner = ctx.owner();
  const claim = { owner, leaseMs: ctx.leaseMs };
  // The first approve of a payment claims it by writing its record (atomic: of concurrent
  // inserts exactly one writes it). When a record exists, the insert changes nothing and
  // the record decides.
  let claimed = await ctx.store.insert({
    paymentId: payment.identifier,
    uid: payment.user_uid,
    amount: payment.amount,
    memo: payment.memo,
    metadata: payment.metadata,
    state: 'approving',
    claim,
  });
  if (!claimed) {
    const existing = await ctx.store.get(payment.identifier);
    if (existing && APPROVED_OR_LATER.includes(existing.state)) {
      if (payment.status.developer_approved) return { payment };
      if (existing.state === 'approved' || existing.state === 'completing') {
        // The app accepted it and Pi lost (or never got) the approval: approve again, without asking onApprove twice.
        return { payment: await callApprove(ctx, payment.identifier) };
      }
      throw new RouteError(
        409,
        'payment_state_conflict',
        `This server delivered payment ${payment.identifier} but Pi does not report it approved; check the configured network and API key.`,
      );
    }
    // Refused earlier (onApprove is asked again), or a claim whose holder died: take it over.
    claimed =
      existing !== undefined &&
      (await ctx.store.transition(payment.identifier, { from: ['refused'], to: 'approving', claim, takeOverExpired: true })) !== undefined;
  }
  if (!claimed) return { payment: await awaitOtherApproval(ctx, payment) };

  try {
    const decision = await ctx.options.onApprove(payment, user);
    if (decision === false)
      throw new PaymentRefusedError('payment_refused', `The app refused payment ${payment.identifier}: it does not match an order.`);
  } catch (error) {
    // Refused (or the check failed): a re-invoked approve asks onApprove again.
    await ctx.store.transition(payment.identifier, { from: ['approving'], to: 'refused', owner });
    if (error instanceof PaymentRefusedError) {
      // A refusal is final: the browser ends the payment on this answer, and the payment is
      // cancelled at Pi right after it (so that it does not wait for its approval timer). After,
      // not before: Pi's SDK would otherwise report the cancellation (onCancel) ahead of this
      // answer, and the user would see "cancelled" instead of the app's reason.
      setTimeout(() => void cancelRefused(ctx, payment.identifier), 0);
      throw new RouteError(error.status, error.code, error.shortMessage, { cause: error });
    }
    report(ctx, error, 'approve', payment.identifier);
    throw new RouteError(500, 'approve_failed', `Checking payment ${payment.identifier} failed on the app server; it will be retried.`, {
      cause: error,
    });
  }
  // The app accepted it: whether or not Pi answers, it is `approved` for this server, so the record
  // is written while /approve is in flight. If /approve fails, a re-invoked approve calls it again
  // (without onApprove), and complete accepts it once Pi reports a transaction (which Pi allows only
  // after its approval).
  const recorded = ctx.store.transition(payment.identifier, { from: ['approving'], to: 'approved', owner });
  const approved = payment.status.developer_approved ? Promise.resolve(payment) : callApprove(ctx, payment.identifier);
  const [record, answer] = await Promise.allSettled([recorded, approved]);
  if (record.status === 'rejected') throw record.reason;
  if (answer.status === 'rejected') throw answer.reason;
  return { payment: answer.value };
}

/** Cancels a refused payment at Pi; a failure is reported (`onError`), never answered: Pi's timer ends the payment anyway. */
async function cancelRefused(ctx: HandlerContext, paymentId: string): Promise<void> {
  try {
    await cancelOnPi(ctx, paymentId);
  } catch (error) {
    report(ctx, error, 'approve', paymentId);
  }
}

async function callApprove(ctx: HandlerContext, paymentId: string): Promise<PaymentDTO> {
  try {
    return await ctx.platform.approvePayment(paymentId);
  } catch (error) {
    if (error instanceof PiApiError && error.code === 'already_approved') return readPayment(ctx, paymentId);
    return fromPiError(error, `approving payment ${paymentId}`);
  }
}

/** A duplicate request: wait for the one holding the claim, and answer as it did. */
async function awaitOtherApproval(ctx: HandlerContext, payment: PaymentDTO): Promise<PaymentDTO> {
  const settled = await waitFor(ctx, async () => {
    const r = await ctx.store.get(payment.identifier);
    return r && r.state !== 'approving' ? r : undefined;
  });
  if (!settled) {
    throw new RouteError(
      409,
      'approval_in_progress',
      `Payment ${payment.identifier} is being approved by another request; try again shortly.`,
    );
  }
  if (APPROVED_OR_LATER.includes(settled.state)) return readPayment(ctx, payment.identifier);
  if (settled.state === 'cancelled')
    throw new RouteError(409, 'payment_cancelled', `Payment ${payment.identifier} was cancelled; start a new payment.`);
  throw new RouteError(409, 'payment_refused', `The app refused payment ${payment.identifier}.`);
}
