import type { PaymentRecord, Transition } from './types';

/** Whether `transition` applies to `record` at time `now` (the rule every store implements). */
export function matchesTransition(
  record: Pick<PaymentRecord, 'state' | 'claimOwner' | 'claimExpiresAt'>,
  transition: Transition,
  now: number,
): boolean {
  if (transition.from.includes(record.state) && (transition.owner === undefined || record.claimOwner === transition.owner)) return true;
  return (
    transition.takeOverExpired === true && record.state === transition.to && record.claimExpiresAt !== null && record.claimExpiresAt < now
  );
}
