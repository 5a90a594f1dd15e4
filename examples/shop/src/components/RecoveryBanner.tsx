import { usePiAuth } from '@pi-kit/react';

/** Shows the incomplete payment that Pi reported at sign-in and how its recovery went. */
export function RecoveryBanner() {
  const { incompletePayment } = usePiAuth();
  if (!incompletePayment) return null;
  const { payment, status } = incompletePayment;
  return (
    <aside data-testid="recovery-banner" data-status={status}>
      {status === 'recovering' && <>Finishing your earlier payment of {payment.amount} π…</>}
      {status === 'resolved' && <>Your earlier payment of {payment.amount} π has been resolved.</>}
      {status === 'failed' && <>Your earlier payment of {payment.amount} π could not be resolved yet; we will retry.</>}
    </aside>
  );
}
