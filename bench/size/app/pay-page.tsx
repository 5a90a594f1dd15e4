// The page of an app that signs in and pays with pi-kit: the starter's page, reduced to its use of pi-kit.
import { usePayment, usePiAuth } from '@pi-kit/react';

export function PayPage() {
  const auth = usePiAuth();
  const { pay, canPay, phase, error } = usePayment();
  if (!auth.isAuthenticated) {
    return (
      <button type="button" disabled={auth.isLoading} onClick={() => auth.signIn(['username', 'payments']).catch(() => {})}>
        Sign in with Pi
      </button>
    );
  }
  return (
    <main>
      <p>Signed in as {auth.user?.username}</p>
      <button
        type="button"
        disabled={!canPay}
        onClick={() => pay({ amount: 3.14, memo: 'Kitten', metadata: { productId: 'kitten' } }).catch(() => {})}
      >
        Buy for 3.14 π
      </button>
      <output>{phase}</output>
      {error && <p role="alert">{error.shortMessage}</p>}
    </main>
  );
}
