/**
 * Completion and delivery, shared by the complete and incomplete routes and `reconcile()`:
 * `approved` → `completing` (the delivery claimed before `/complete` is called, and held while
 * it is in flight; the txid recorded with it, or with the outcome when the claim was taken before
 * the txid was checked) → Pi answered 200 → `onComplete` → `delivered`. A `/complete`
 * that failed releases the claim (back to `approved`); a delivery that failed resumes from
 * `completed`; a claim whose holder died (its lease expired) is taken over, from `completing`
 * by the next complete (which asks Pi's idempotent `/complete` again) or by a delivery once Pi
 * reports the payment completed, from `delivering` likewise. Every step is a conditional store
 * transition, so a retry, a duplicate or another process resumes where a previous attempt
 * stopped, and delivery happens once, and only after Pi's `/complete` answered 200.
 */
import type { PaymentDTO } from '@pi-kit/core';
import { PiApiError } from '../platform/errors';
import { completionClaimMiss } from './claim-miss';
import { report, waitFor, type HandlerContext } from './context';
import { readPayment } from './checks';
import { fromPiError } from './pi-error-answer';
import { RouteError } from '@pi-kit/core';

/**
 * What completing and delivering a payment came to: Pi's payment, and whether this call delivered
 * it (`now`), it was delivered before (`before`), or another request's delivery is under way (`pending`).
 */
export interface Settlement {
  payment: PaymentDTO;
  delivered: 'now' | 'before' | 'pending';
}

/**
 * Completes `payment` with `txid` on Pi (unless Pi already has) and delivers it once.
 * `txid` must already be checked against `payment.transaction`.
 *
 * Store round trips of a first complete: the claim of the delivery with the txid (`approved` →
 * `completing`: one conditional write; of concurrent duplicates exactly one wins, the others wait
 * for its delivery), written before `/complete` is called, then `delivered` after `onComplete`.
 * The record is read only when the claim misses, for the reason (`claim-miss.ts`): unknown to
 * this store (recorded then, if Pi reports it approved), refused or cancelled (409, `/complete`
 * never called), delivered before (200, nothing delivered), completed (its delivery is resumed),
 * or held by another request (its delivery is waited for).
 * `onComplete` runs only once `/complete` answered 200 and the claim is held. If `/complete`
 * fails, the claim is released (`approved`, for the SDK's retry); a process that dies while
 * holding it leaves `completing`, taken over once its lease expired by the next complete or
 * `reconcile()` (Pi's `/complete` is idempotent for the same txid).
 *
 * @param mode `wait`: a duplicate waits for the delivery in progress (routes);
 *             `try`: it reports `pending` instead (reconcile).
 */
export async function completeAndDeliver(
  ctx: HandlerContext,
  payment: PaymentDTO,
  txid: string,
  mode: 'wait' | 'try',
): Promise<Settlement> {
  const id = payment.identifier;
  const owner = ctx.owner();
  const claim = { owner, leaseMs: ctx.leaseMs };
  // Claim the delivery (with the txid) before /complete: from `approved` (or an `approving` whose
  // approval Pi evidently got), or from a `completing` claim that expired.
  const claimed = await ctx.store.transition(id, { from: ['approving', 'approved'], to: 'completing', claim, txid, takeOverExpired: true });
  if (claimed) return completeClaimed(ctx, payment, txid, owner);
  return completeAfterClaimMiss(ctx, payment, txid, mode);
}

/**
 * The rest of `completeAndDeliver` once its claim of the delivery missed (here, or the claim the
 * complete route sends while it reads Pi): the record says why (`claim-miss.ts`). `txid` must
 * already be checked against `payment.transaction`.
 */
export async function completeAfterClaimMiss(
  ctx: HandlerContext,
  payment: PaymentDTO,
  txid: string,
  mode: 'wait' | 'try',
): Promise<Settlement> {
  const id = payment.identifier;
  let record = await ctx.store.get(id);
  if (!record) {
    // Approved on Pi before this store had it (or by another server): recorded, claimed, if Pi reports it approved.
    if (!payment.status.developer_approved) {
      throw new RouteError(409, 'payment_not_approved', `Payment ${id} was never approved by this app; it cannot be completed.`);
    }
    const owner = ctx.owner();
    const inserted = await ctx.store.insert({
      paymentId: id,
      uid: payment.user_uid,
      amount: payment.amount,
      memo: payment.memo,
      metadata: payment.metadata,
      state: 'completing',
      claim: { owner, leaseMs: ctx.leaseMs },
      txid,
    });
    if (inserted) return completeClaimed(ctx, payment, txid, owner);
    // A concurrent request wrote it first: a record exists (the store's contract).
    record = (await ctx.store.get(id))!;
  }
  const miss = completionClaimMiss(record);
  switch (miss) {
    case 'refused':
    case 'cancelled':
      throw new RouteError(409, `payment_${miss}`, `Payment ${id} was ${miss} by this app; it cannot be completed.`);
    case 'delivered':
      return { payment, delivered: 'before' };
    case 'completed':
      return deliver(ctx, payment, mode);
    default: {
      // `held`: another request holds the claim: complete on Pi too (idempotent), then wait for its delivery
      // (or deliver, if its /complete failed and gave the claim back).
      const completed = payment.status.developer_completed ? payment : await callComplete(ctx, id, txid);
      return deliver(ctx, completed, mode);
    }
  }
}

/**
 * Gives back the delivery claim `owner` holds (`completing` → `approved`), so that a retry (or
 * another request) completes the payment. A failure goes to `onError`: the claim's lease expires instead.
 */
export async function releaseCompletionClaim(ctx: HandlerContext, paymentId: string, owner: string): Promise<void> {
  await ctx.store.transition(paymentId, { from: ['completing'], to: 'approved', owner }).then(
    () => undefined,
    (failure: unknown) => report(ctx, failure, 'complete', paymentId),
  );
}

/**
 * `/complete` (unless Pi already completed it) and the delivery, for the request holding the claim
 * (`completing`); the txid is recorded with the outcome (`delivered`, or `completed` when the delivery failed).
 */
export async function completeClaimed(
  ctx: HandlerContext,
  payment: PaymentDTO,
  txid: string,
  owner: string,
): Promise<{ payment: PaymentDTO; delivered: 'now' }> {
  const id = payment.identifier;
  let completed: PaymentDTO;
  try {
    completed = payment.status.developer_completed ? payment : await callComplete(ctx, id, txid);
  } catch (error) {
    // Not completed on Pi: give the claim back, so that the SDK's retry (or another request) completes it.
    await releaseCompletionClaim(ctx, id, owner);
    throw error;
  }
  return { payment: completed, delivered: await deliverClaimed(ctx, completed, owner, 'completing') };
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
  // The txid Pi completed the payment with (a claim taken before it was checked carries none).
  const txid = payment.transaction ? { txid: payment.transaction.txid } : {};
  try {
    await ctx.options.onComplete(payment);
  } catch (error) {
    await ctx.store.transition(id, { from: [held], to: 'completed', owner, ...txid });
    report(ctx, error, 'complete', id);
    throw new RouteError(500, 'delivery_failed', `Payment ${id} is completed on Pi but delivering it failed; it will be retried.`, {
      cause: error,
    });
  }
  const done = await ctx.store.transition(id, { from: [held], to: 'delivered', owner, ...txid });
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
export async function deliver(ctx: HandlerContext, payment: PaymentDTO, mode: 'wait' | 'try'): Promise<Settlement> {
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
