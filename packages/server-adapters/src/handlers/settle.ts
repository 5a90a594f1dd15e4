/**
 * Completion and delivery, shared by the complete and incomplete routes and `reconcile()`:
 * `approved` → `/complete` → `delivering` (Pi answered 200, with the txid, and the delivery
 * claimed, in one write) → `onComplete` → `delivered`; a delivery that failed resumes from
 * `completed`, one whose claim expired (a process that died) from the expired `delivering`.
 * Every step is a conditional store transition, so a retry, a duplicate or another process
 * resumes where a previous attempt stopped, and delivery happens once.
 */
import type { PaymentDTO } from '@pi-kit/core';
import { PiApiError } from '../platform/errors';
import type { PaymentRecord, PaymentState } from '../store/types';
import { report, waitFor, type HandlerContext } from './context';
import { readPayment } from './checks';
import { fromPiError } from './pi-error-answer';
import { RouteError } from './route-error';

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
 * payment: never refused, cancelled or unknown), then, once `/complete` answered 200, one
 * conditional write that records it with the txid and claims the delivery at once
 * (`approved` → `delivering`; of concurrent duplicates exactly one wins, the others wait
 * for its delivery), then `delivered` after `onComplete`. Nothing is written before
 * `/complete`: Pi's `/complete` is idempotent for the same txid, and a process that dies
 * after it leaves the record `approved`, which the next complete or `reconcile()` settles
 * from Pi's `developer_completed`.
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
  const completed = payment.status.developer_completed ? payment : await callComplete(ctx, id, txid);
  // Pi answered 200: record it (with the txid) and claim the delivery in one atomic write.
  const owner = ctx.owner();
  const claimed = await ctx.store.transition(id, {
    from: BEFORE_COMPLETION,
    to: 'delivering',
    claim: { owner, leaseMs: ctx.leaseMs },
    txid,
  });
  if (claimed) return { payment: completed, delivered: await deliverClaimed(ctx, completed, owner) };
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
 * Calls `onComplete` for a payment whose delivery `owner` holds (`delivering`), then records
 * it `delivered`. If `onComplete` throws, the payment goes back to `completed` (a retry delivers it).
 */
async function deliverClaimed(ctx: HandlerContext, payment: PaymentDTO, owner: string): Promise<'now'> {
  const id = payment.identifier;
  try {
    await ctx.options.onComplete(payment);
  } catch (error) {
    await ctx.store.transition(id, { from: ['delivering'], to: 'completed', owner });
    report(ctx, error, 'complete', id);
    throw new RouteError(500, 'delivery_failed', `Payment ${id} is completed on Pi but delivering it failed; it will be retried.`, {
      cause: error,
    });
  }
  const done = await ctx.store.transition(id, { from: ['delivering'], to: 'delivered', owner });
  if (!done) report(ctx, new Error(`delivery lease of payment ${id} expired while onComplete ran; raise leaseMs`), 'complete', id);
  return 'now';
}

/**
 * Claims the delivery of a completed payment and calls `onComplete` once. Only called
 * once the record is `completed`, i.e. after Pi's `/complete` answered 200.
 */
export async function deliver(
  ctx: HandlerContext,
  payment: PaymentDTO,
  mode: 'wait' | 'try',
): Promise<{ payment: PaymentDTO; delivered: 'now' | 'before' | 'pending' }> {
  const id = payment.identifier;
  const attempt = async (): Promise<'now' | 'before' | 'pending' | undefined> => {
    const owner = ctx.owner();
    const claimed = await ctx.store.transition(id, {
      from: ['completed'],
      to: 'delivering',
      claim: { owner, leaseMs: ctx.leaseMs },
      takeOverExpired: true,
    });
    if (claimed) return deliverClaimed(ctx, payment, owner);
    const r = await ctx.store.get(id);
    if (r?.state === 'delivered') return 'before';
    if (r?.state !== 'delivering' && r?.state !== 'completed') {
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
