/**
 * `reconcile()`: the periodic sweep that finishes or releases payments left in progress
 * (a process that died mid-flow, a browser that never came back).
 */
import { PiKitError } from '@pi-kit/core';
import type { PaymentState } from '../store/types';
import type { HandlerContext } from './context';
import { readPayment } from './checks';
import type { ReconcileReport } from './options';
import { settleIncomplete } from './incomplete';

const IN_PROGRESS: readonly PaymentState[] = ['approving', 'approved', 'completing', 'completed', 'delivering'];
/** The states held under a claim: left alone while the claim is live (its holder is at work). */
const CLAIMED: readonly PaymentState[] = ['approving', 'completing', 'delivering'];

/**
 * For every record in progress, reads the payment from Pi and settles it: completed on Pi →
 * delivered (once); cancelled on Pi → released; with a transaction → verified on Horizon,
 * completed, delivered; approved and waiting for the user → left pending (Pi expires it).
 */
export async function reconcile(ctx: HandlerContext): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, delivered: [], cancelled: [], pending: [], failed: [] };
  for (const record of await ctx.store.list(IN_PROGRESS)) {
    report.checked++;
    const id = record.paymentId;
    try {
      if (CLAIMED.includes(record.state) && (record.claimExpiresAt ?? 0) >= ctx.now()) {
        report.pending.push(id);
        continue;
      }
      const payment = await readPayment(ctx, id);
      const { outcome } = await settleIncomplete(ctx, payment, 'try', { withoutTransaction: 'wait' });
      if (outcome === 'completed') report.delivered.push(id);
      else if (outcome === 'cancelled') report.cancelled.push(id);
      else report.pending.push(id);
    } catch (error) {
      const code = error instanceof PiKitError ? error.code : 'internal_error';
      const message = error instanceof PiKitError ? error.shortMessage : 'unexpected error';
      report.failed.push({ paymentId: id, code, message });
    }
  }
  return report;
}
