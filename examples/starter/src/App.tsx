/** The starter's page: sign in with Pi, buy a product, see each phase of the payment. */
import { type PiKitError, ServerRequestError } from '@pi-kit/core';
import { usePayment, usePiAuth } from '@pi-kit/react';
import { PRODUCTS } from '../shared/products';

/** What to tell the user: the app server's own words when it gave a reason (e.g. a refused amount), else pi-kit's. */
function messageOf(error: PiKitError): string {
  const cause = error.cause;
  if (cause instanceof ServerRequestError && typeof cause.body === 'object' && cause.body?.error.message) return cause.body.error.message;
  return error.shortMessage;
}

export function App() {
  const auth = usePiAuth();
  const { pay, reset, canPay, phase, error, isCompleted } = usePayment();

  if (!auth.isAuthenticated) {
    return (
      <main>
        <h1>pi-kit starter</h1>
        <button type="button" disabled={auth.isLoading} onClick={() => auth.signIn(['username', 'payments']).catch(() => {})}>
          Sign in with Pi
        </button>
        {auth.error && <p role="alert">{messageOf(auth.error)}</p>}
      </main>
    );
  }
  return (
    <main>
      <h1>pi-kit starter</h1>
      <p>Signed in as {auth.user?.username}</p>
      {auth.incompletePayment && <p role="status">Finishing your earlier payment…</p>}
      <ul>
        {PRODUCTS.map((product) => (
          <li key={product.id}>
            {product.name}{' '}
            <button
              type="button"
              disabled={!canPay}
              onClick={() => pay({ amount: product.price, memo: product.name, metadata: { productId: product.id } }).catch(() => {})}
            >
              Buy for {product.price} π
            </button>
          </li>
        ))}
      </ul>
      <p>
        Payment: <output aria-label="payment phase">{phase}</output>
      </p>
      {isCompleted && <p role="status">Thank you! Your purchase is delivered.</p>}
      {error && <p role="alert">{messageOf(error)}</p>}
      {(isCompleted || error) && (
        <button type="button" onClick={reset}>
          New payment
        </button>
      )}
    </main>
  );
}
