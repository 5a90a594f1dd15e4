'use client';
/**
 * The checkout, with `@pi-kit/react`: sign in, pay, and the payment's live phase.
 * Rendered on the server too (the hooks give the client's initial state there), then hydrated.
 */
import { PiProvider, usePayment, usePiAuth } from '@pi-kit/react';
import type { PiBrowserConfig } from '../lib/pi-config';

export interface PiCheckoutProps {
  pi: PiBrowserConfig;
  product: { id: string; name: string; price: number };
}

export function PiCheckout({ pi, product }: PiCheckoutProps) {
  return (
    <PiProvider options={{ sdkUrl: pi.sdkUrl, sandbox: pi.sandbox }}>
      <SignIn />
      <Pay product={product} />
    </PiProvider>
  );
}

function SignIn() {
  const { status, user, error, incompletePayment, signIn } = usePiAuth();
  return (
    <section>
      {status === 'authenticated' && user ? (
        <p data-testid="user-name">Signed in as @{user.username ?? user.uid}</p>
      ) : (
        <button type="button" data-testid="signin-button" disabled={status === 'loading'} onClick={() => void signIn().catch(() => {})}>
          {status === 'loading' ? 'Signing in…' : 'Sign in with Pi'}
        </button>
      )}
      {error ? <p role="alert">{error.message}</p> : null}
      {incompletePayment ? (
        <p data-testid="recovery" data-status={incompletePayment.status}>
          Your earlier payment of {incompletePayment.payment.amount} π: {incompletePayment.status}
          {incompletePayment.outcome ? ` (${incompletePayment.outcome})` : ''}
        </p>
      ) : null}
    </section>
  );
}

function Pay({ product }: Pick<PiCheckoutProps, 'product'>) {
  const { phase, paymentId, error, canPay, pay, reset, isPending } = usePayment();
  return (
    <section aria-live="polite">
      <button
        type="button"
        data-testid="buy-button"
        disabled={!canPay}
        onClick={() => void pay({ amount: product.price, memo: product.name, metadata: { productId: product.id } }).catch(() => {})}
      >
        Buy for {product.price} π
      </button>
      <p>
        Payment phase: <strong data-testid="payment-phase">{phase}</strong>
      </p>
      {paymentId ? (
        <p>
          Payment id: <code data-testid="payment-id">{paymentId}</code>
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
