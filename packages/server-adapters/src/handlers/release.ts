/**
 * Releasing a cancelled payment's order, once: shared by the cancel and incomplete routes and `reconcile()`.
 */
import type { PaymentDTO } from '@pi-kit/core';
import type { PaymentState } from '../store/types';
import { report, type HandlerContext } from './context';
import { RouteError } from '@pi-kit/core';

const RELEASABLE: readonly PaymentState[] = ['approving', 'approved', 'completing', 'refused'];

/** How many times `release` reads the record again when it changed between its read and its write. */
const ATTEMPTS = 3;

/**
 * Marks the payment `cancelled` and calls `onCancel` once, if the app had seen it
 * (`onApprove` ran). `payment` must be cancelled on Pi. If `onCancel` throws, the record
 * goes back to its previous state and the error is answered (500 `release_failed`), so a
 * retry releases it. A record that changed state between the read and the write (a complete
 * claiming the delivery while it checks Pi, and giving it back) is read again, up to 3 times.
 * Resolves `true` when this call released it.
 */
export async function release(ctx: HandlerContext, payment: PaymentDTO): Promise<boolean> {
  const id = payment.identifier;
  const owner = ctx.owner();
  for (let attempt = 1; ; attempt++) {
    const record = await ctx.store.get(id);
    if (!record) {
      await ctx.store.insert({
        paymentId: id,
        uid: payment.user_uid,
        amount: payment.amount,
        memo: payment.memo,
        metadata: payment.metadata,
        state: 'cancelled',
      });
      return false;
    }
    if (!RELEASABLE.includes(record.state)) return false;
    const claimed = await ctx.store.transition(id, { from: [record.state], to: 'cancelled', claim: { owner, leaseMs: ctx.leaseMs } });
    if (claimed) return releaseClaimed(ctx, payment, record.state, owner);
    if (attempt === ATTEMPTS) return false;
  }
}

/** `onCancel`, for the request that moved the record from `previous` to `cancelled` (claimed by `owner`). */
async function releaseClaimed(ctx: HandlerContext, payment: PaymentDTO, previous: PaymentState, owner: string): Promise<true> {
  const id = payment.identifier;
  try {
    await ctx.options.onCancel?.(payment);
  } catch (error) {
    await ctx.store.transition(id, { from: ['cancelled'], to: previous, owner });
    report(ctx, error, 'cancel', id);
    throw new RouteError(500, 'release_failed', `Releasing the order of cancelled payment ${id} failed; it will be retried.`, {
      cause: error,
    });
  }
  await ctx.store.transition(id, { from: ['cancelled'], to: 'cancelled', owner });
  return true;
}
