/**
 * Why a completion claim missed. A complete claims the delivery first, with one conditional write
 * (`approving`/`approved` → `completing`, or a `completing` claim whose lease expired); the record
 * is read only when that write matched nothing, and its state says why.
 */
import type { PaymentRecord } from '../store/types';

/**
 * The reason a completion claim matched no record:
 * - `unknown`: this store has no record of the payment;
 * - `refused`: `onApprove` refused it; it is never completed;
 * - `cancelled`: it was released; it is never completed;
 * - `delivered`: delivered before (a replay, or a concurrent request that finished first);
 * - `completed`: Pi completed it and its delivery is owed or under way (`completed`, `delivering`);
 * - `held`: another request holds the claim (`completing`, lease not expired), or gave it back
 *   after the claim was sent (`approving`, `approved`).
 */
export type CompletionClaimMiss = 'unknown' | 'refused' | 'cancelled' | 'delivered' | 'completed' | 'held';

/** The reason a completion claim missed, from the record read after it (`undefined`: none). */
export function completionClaimMiss(record: Pick<PaymentRecord, 'state'> | undefined): CompletionClaimMiss {
  switch (record?.state) {
    case undefined:
      return 'unknown';
    case 'refused':
    case 'cancelled':
    case 'delivered':
      return record.state;
    case 'completed':
    case 'delivering':
      return 'completed';
    case 'approving':
    case 'approved':
    case 'completing':
      return 'held';
  }
}
