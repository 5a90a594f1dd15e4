/**
 * Completion and delivery, shared by the complete and incomplete routes and `reconcile()`:
 * `approved` → `completing` (the delivery claimed, with the txid, while `/complete` is in
 * flight) → Pi answered 200 → `onComplete` → `delivered`. A `/complete` that failed releases
 * the claim (back to `approved`); a delivery that failed resumes from `completed`; a claim
 * whose holder died (its lease expired) is taken over, from `completing` by the next complete
 * (which asks Pi's idempotent `/complete` again) or by a delivery once Pi reports the payment
 * completed, from `delivering` likewise. Every step is a conditional store transition, so a
 * retry, a duplicate or another process resumes where a previous attempt stopped, and
 * delivery happens once, and only after Pi's `/complete` answered 200.
 */
import type { PaymentDTO } from '@pi-kit/core';
import { PiApiError } from '../platform/errors';
import type { PaymentRecord, PaymentState } from '../store/types';
import { report, waitFor, type HandlerContext } from './context';
import { readPayment } from './checks';
import { fromPiError } from './pi-error-answer';
import { RouteError } from '@pi-kit/core';

const BEFORE_COMPLETION: readonly PaymentState[] = ['approving', 'approved', 'completing'];

/** Makes sure a record exists for a payment Pi reports approved (e.g. approved before the store was set up). */
async function ensureRecord(ctx: HandlerContext, payment: PaymentDTO, known?: Promise<PaymentRecord | undefined>): Promise<PaymentRecord> {
  const existing = await (known ?? ctx.store.get(payment.identifier));
  if (existing) return existing;
  if (!payment.status.developer_approved) {
    throw new RouteError(
      409,
      'payment_not_approved',
      `Payment ${payment.identifier} was never approved by this app; it cannot be completed.`,
    );
  }
  await ctx.store.insert({
    paymentId: payment.identifier,
    uid: payment.user_uid,
    amount: payment.amount,
    memo: payment.memo,
    metadata: payment.metadata,
    state: 'approved',
  });
  return (await ctx.store.get(payment.identifier))!;
}

/**
 * Completes `payment` with `txid` on Pi (unless Pi already has) and delivers it once.
 * `txid` must already be checked against `payment.transaction`.
 *
 * Store round trips of a first complete: one read (the record must be this app's approved
 * payment: never refused, cancelled or unknown), then the claim of the delivery with the txid
 * (`approved` → `completing`; of concurrent duplicates exactly one wins, the others wait for
 * its delivery), written while `/complete` is in flight, then `delivered` after `onComplete`.
 * `onComplete` runs only once `/complete` answered 200 and the claim is held. If `/complete`
 * fails, the claim is released (`approved`, for the SDK's retry); a process that dies while
 * holding it leaves `completing`, taken over once its lease expired by the next complete or
 * `reconcile()` (Pi's `/complete` is idempotent for the same txid).
 *
 * @param mode `wait`: a duplicate waits for the delivery in progress (routes);
 *             `try`: it reports `pending` instead (reconcile).
 * @param known the record, when the caller already asked the store for it (read at the same
 *              time as Pi's answers); otherwise it is read here.
 */
export async function completeAndDeliver(
  ctx: HandlerContext,
  payment: PaymentDTO,
  txid: string,
  mode: 'wait' | 'try',
  known?: Promise<PaymentRecord | undefined>,
): Promise<{ payment: PaymentDTO; delivered: 'now' | 'before' | 'pending' }> {
  const id = payment.identifier;
  const record = await ensureRecord(ctx, payment, known);
  if (record.state === 'cancelled' || record.state === 'refused') {
    throw new RouteError(
      409,
      record.state === 'cancelled' ? 'payment_cancelled' : 'payment_refused',
      `Payment ${id} was ${record.state} by this app; it cannot be completed.`,
    );
  }
  if (!BEFORE_COMPLETION.includes(record.state)) return deliver(ctx, payment, mode);
  // Claim the delivery (with the txid) while /complete is in flight: from `approved` (or an
  // `approving` whose approval Pi evidently got), or from a `completing` claim that expired. A live
  // `completing` claim is another request's: this one then waits for its delivery.
  const owner = ctx.owner();
  const claiming = ctx.store.transition(id, {
    from: ['approving', 'approved'],
    to: 'completing',
    claim: { owner, leaseMs: ctx.leaseMs },
    txid,
    takeOverExpired: true,
  });
  const answering = payment.status.developer_completed ? Promise.resolve(payment) : callComplete(ctx, id, txid);
  const [claim, answer] = await Promise.allSettled([claiming, answering]);
  if (answer.status === 'rejected') {
    // Not completed on Pi: give the claim back, so that the SDK's retry (or another request) completes it.
    if (claim.status === 'fulfilled' && claim.value) {
      await ctx.store
        .transition(id, { from: ['completing'], to: 'approved', owner })
        .catch((error: unknown) => report(ctx, error, 'complete', id)); // its lease expires instead
    }
    throw answer.reason;
  }
  const completed = answer.value;
  if (claim.status === 'rejected') throw claim.reason; // Pi completed; the record is unchanged, a retry resumes
  if (claim.value) return { payment: completed, delivered: await deliverClaimed(ctx, completed, owner, 'completing') };
  return deliver(ctx, completed, mode);
}

async function callComplete(ctx: HandlerContext, paymentId: string, txid: string): Promise<PaymentDTO> {
  try {
    return await ctx.platform.completePayment(paymentId, txid);
  } catch (error) {
    if (error instanceof PiApiError && error.code === 'already_completed') {
      const payment = await readPayment(ctx, paymentId);
      if (payment.status.developer_completed && payment.transaction?.txid === txid) return payment;
    }
    if (error instanceof PiApiError && error.status !== undefined && error.status < 500 && error.status !== 404 && error.status !== 429) {
      throw new RouteError(
        409,
        `pi_${error.code}`,
        `Pi refused to complete payment ${paymentId}: ${error.errorMessage ?? error.code}. Nothing was delivered.`,
        { cause: error },
      );
    }
    return fromPiError(error, `completing payment ${paymentId}`);
  }
}

/**
 * Calls `onComplete` for a completed payment whose delivery `owner` holds (in state `held`:
 * `completing` or `delivering`), then records it `delivered`. If `onComplete` throws, the
 * payment goes back to `completed` (a retry delivers it).
 */
async function deliverClaimed(ctx: HandlerContext, payment: PaymentDTO, owner: string, held: 'completing' | 'delivering'): Promise<'now'> {
  const id = payment.identifier;
  try {
    await ctx.options.onComplete(payment);
  } catch (error) {
    await ctx.store.transition(id, { from: [held], to: 'completed', owner });
    report(ctx, error, 'complete', id);
    throw new RouteError(500, 'delivery_failed', `Payment ${id} is completed on Pi but delivering it failed; it will be retried.`, {
      cause: error,
    });
  }
  const done = await ctx.store.transition(id, { from: [held], to: 'delivered', owner });
  if (!done) report(ctx, new Error(`delivery lease of payment ${id} expired while onComplete ran; raise leaseMs`), 'complete', id);
  return 'now';
}

/**
 * Claims the delivery of a completed payment and calls `onComplete` once. Only called once
 * Pi's `/complete` answered 200 (or Pi reports the payment completed): from `completed` (or a
 * record still `approving`/`approved`), or from a `delivering` or `completing` claim whose
 * holder died (its lease expired); a live claim is another request's delivery, waited for
 * (`wait`) or reported `pending` (`try`).
 */
export async function deliver(
  ctx: HandlerContext,
  payment: PaymentDTO,
  mode: 'wait' | 'try',
): Promise<{ payment: PaymentDTO; delivered: 'now' | 'before' | 'pending' }> {
  const id = payment.identifier;
  const attempt = async (): Promise<'now' | 'before' | 'pending' | undefined> => {
    const owner = ctx.owner();
    const claim = { owner, leaseMs: ctx.leaseMs };
    // Pi has completed it: a record still `approving`/`approved` is delivered from there too (an
    // incomplete payment or reconcile() finding it completed on Pi; or a duplicate complete whose
    // /complete succeeded while the claim holder's failed and gave the claim back).
    const txid = payment.transaction?.txid;
    const claimed = await ctx.store.transition(id, {
      from: ['completed', 'approving', 'approved'],
      to: 'delivering',
      claim,
      takeOverExpired: true,
      ...(txid ? { txid } : {}),
    });
    if (claimed) return deliverClaimed(ctx, payment, owner, 'delivering');
    const r = await ctx.store.get(id);
    if (r?.state === 'delivered') return 'before';
    if (r?.state === 'completing') {
      // A complete holds (or held) the claim. Pi has completed the payment: if its holder died, take over.
      const taken = await ctx.store.transition(id, { from: [], to: 'completing', claim, takeOverExpired: true });
      if (taken) return deliverClaimed(ctx, payment, owner, 'completing');
    } else if (r?.state !== 'delivering' && r?.state !== 'completed') {
      throw new RouteError(409, 'payment_not_completed', `Payment ${id} is ${r?.state ?? 'unknown'} on this server, not completed.`);
    }
    return mode === 'try' ? 'pending' : undefined;
  };
  const outcome = await waitFor(ctx, attempt);
  if (outcome === undefined) {
    throw new RouteError(409, 'delivery_in_progress', `Payment ${id} is being delivered by another request; try again shortly.`);
  }
  return { payment, delivered: outcome };
}
