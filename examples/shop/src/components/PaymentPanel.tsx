import { usePayment } from '@pi-kit/react';

const PHASE_TEXT: Record<string, string> = {
  idle: 'No payment yet',
  creating: 'Creating the payment…',
  approving: 'Your order is being approved by the shop…',
  signing: 'Review and sign the payment in your Pi wallet',
  completing: 'Confirming the payment with Pi…',
  completed: 'Paid! Thank you.',
  cancelled: 'Payment cancelled',
  failed: 'Payment failed',
};

export function PaymentPanel() {
  const { phase, paymentId, txid, error, reset, isPending } = usePayment();
  return (
    <section aria-live="polite">
      <h2>Payment</h2>
      <p>
        Phase: <strong data-testid="payment-phase">{phase}</strong> — {PHASE_TEXT[phase] ?? phase}
      </p>
      {paymentId ? (
        <p>
          Payment id: <code data-testid="payment-id">{paymentId}</code>
        </p>
      ) : null}
      {txid ? (
        <p>
          Transaction: <code data-testid="payment-txid">{txid}</code>
        </p>
      ) : null}
      {error ? (
        <p role="alert" data-testid="payment-error">
          {error.message}
        </p>
      ) : null}
      {!isPending && phase !== 'idle' ? (
        <button type="button" data-testid="payment-reset" onClick={reset}>
          New payment
        </button>
      ) : null}
    </section>
  );
}
