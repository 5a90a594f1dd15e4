/**
 * Refunds: an admin pays a paid order's amount back to its buyer as an A2U (app-to-user)
 * payment through `createA2UClient` (create → submit on the blockchain → complete;
 * docs/PI-PLATFORM.md ("A2U payments")). The app wallet seed stays in this process.
 *
 * Never twice: the order is claimed atomically in the database (`OrderRepository.claimRefund`),
 * the A2U payment id is recorded before it is paid, and the A2U client refuses to submit a
 * payment that already has a transaction. A refund interrupted at any step is resumed with the
 * same A2U payment by the next click, or by `resumeUnfinished()` (which the shop runs when it
 * starts and every minute), and the order reads `refunded` only after Pi's `/complete` of the
 * A2U payment answered 200.
 */
import { PiKitError } from '@pi-kit/core';
import type { A2UClient, PiPlatformClient } from '@pi-kit/server-adapters';
import type { Order } from '../shared/catalog';
import type { OrderRepository } from './orders';

/**
 * Codes of a {@link RefundError}, with the HTTP status the admin API answers:
 * `order_not_found` 404; `not_refundable` 409 (not paid); `already_refunded` 409;
 * `refund_in_progress` 409 (another request is refunding it); `refunds_unavailable` 503 (no app wallet seed).
 */
export type RefundErrorCode = 'order_not_found' | 'not_refundable' | 'already_refunded' | 'refund_in_progress' | 'refunds_unavailable';

/** A refund the shop refuses to start. Failures of Pi or Horizon come through as `A2UError` / `PiApiError`. */
export class RefundError extends PiKitError<RefundErrorCode> {
  override name = 'RefundError';
  readonly status: number;
  constructor(code: RefundErrorCode, message: string) {
    super(code, message);
    this.status = code === 'order_not_found' ? 404 : code === 'refunds_unavailable' ? 503 : 409;
  }
}

export interface Refunds {
  /**
   * Pays order `paymentId`'s amount (π) back to its buyer and resolves the `refunded` order.
   *
   * @throws RefundError (see its codes); A2UError / PiApiError when Pi or Horizon fail (the order
   * stays `refunding` and a later call resumes the same A2U payment).
   */
  refund(paymentId: string): Promise<Order>;
  /**
   * Finishes the refunds that stopped halfway (Pi or Horizon failed, or the server stopped):
   * each `refunding` order that no request holds is refunded as a click would, with the A2U
   * payment it already has. What failed is reported and stays `refunding` for the next time.
   * @throws only what reading the orders threw (the database is unavailable).
   */
  resumeUnfinished(): Promise<{ refunded: string[]; failed: Array<{ paymentId: string; code: string }> }>;
}

export function createRefunds(deps: { orders: OrderRepository; a2u: A2UClient | undefined; platform: PiPlatformClient }): Refunds {
  const { orders, platform } = deps;

  async function refused(paymentId: string): Promise<RefundError> {
    const order = await orders.find(paymentId);
    if (!order) return new RefundError('order_not_found', `There is no order ${paymentId}.`);
    if (order.status === 'refunded')
      return new RefundError('already_refunded', `Order ${paymentId} is already refunded (A2U payment ${order.refund?.paymentId}).`);
    if (order.status === 'refunding')
      return new RefundError('refund_in_progress', `Order ${paymentId} is being refunded by another request; reload in a moment.`);
    return new RefundError('not_refundable', `Order ${paymentId} is ${order.status}: only a paid order can be refunded.`);
  }

  const refunds: Refunds = {
    async resumeUnfinished() {
      const report: Awaited<ReturnType<Refunds['resumeUnfinished']>> = { refunded: [], failed: [] };
      if (!deps.a2u) return report;
      for (const order of await orders.listUnfinishedRefunds()) {
        try {
          await refunds.refund(order.paymentId);
          report.refunded.push(order.paymentId);
        } catch (error) {
          // Taken meanwhile by a click (or another process): that request finishes it.
          if (error instanceof RefundError && error.code === 'refund_in_progress') continue;
          report.failed.push({ paymentId: order.paymentId, code: refundFailureCode(error) });
        }
      }
      return report;
    },
    async refund(paymentId) {
      const a2u = deps.a2u;
      if (!a2u)
        throw new RefundError(
          'refunds_unavailable',
          'Refunds need the app wallet seed on the server: set PI_WALLET_SEED (docs/REAL-PI.md).',
        );
      const order = await orders.claimRefund(paymentId);
      if (!order) throw await refused(paymentId);
      try {
        const create = async () =>
          (
            await a2u.createPayment({
              amount: order.amount,
              memo: `Refund of order ${paymentId}`,
              metadata: { refundOf: paymentId },
              uid: order.uid,
            })
          ).identifier;
        let refundId = order.refund?.paymentId;
        if (!refundId) {
          // An earlier attempt may have created the A2U payment and lost the answer: Pi lists it as incomplete.
          const earlier = (await a2u.getIncompleteServerPayments()).find(
            (p) => p.metadata?.refundOf === paymentId && p.user_uid === order.uid,
          );
          refundId = earlier?.identifier ?? (await create());
          await orders.setRefundPayment(paymentId, refundId);
        }
        let payment = await platform.getPayment(refundId);
        if (payment.status.cancelled && !payment.transaction && !order.refund?.txid) {
          // Pi cancelled it before anything was paid: pay the refund with a new A2U payment.
          const cancelledId = refundId;
          refundId = await create();
          await orders.replaceRefundPayment(paymentId, cancelledId, refundId);
          payment = await platform.getPayment(refundId);
        }
        // The A2U client refuses to submit a payment that has a transaction (on Pi or on the ledger).
        const txid = payment.transaction?.txid ?? order.refund?.txid ?? (await a2u.submitPayment(refundId));
        await orders.setRefundTxid(paymentId, txid);
        if (!payment.status.developer_completed) await a2u.completePayment(refundId, txid);
        // Pi's /complete answered 200 (or had already): only now is the order refunded.
        await orders.markRefunded(paymentId);
      } finally {
        await orders.releaseRefundClaim(paymentId);
      }
      const refunded = await orders.find(paymentId);
      if (!refunded) throw new RefundError('order_not_found', `There is no order ${paymentId}.`);
      return refunded;
    },
  };
  return refunds;
}

/** The stable code of what a refund failed with (`A2UError`, `PiApiError`, `RefundError`…), else `internal_error`. */
export function refundFailureCode(error: unknown): string {
  return error instanceof PiKitError && typeof error.code === 'string' ? error.code : 'internal_error';
}
