import { usePiAuth } from '@pi-kit/react';
import { PI_SIM_CONSOLE_URL } from '../config';

export function Header() {
  const { status, user, error, signIn } = usePiAuth();
  return (
    <header>
      <h1>π shop</h1>
      {PI_SIM_CONSOLE_URL ? (
        <a href={PI_SIM_CONSOLE_URL} target="_blank" rel="noreferrer" data-testid="console-link">
          Pi console (simulator)
        </a>
      ) : null}
      {status === 'authenticated' && user ? (
        <span data-testid="user-name">Signed in as @{user.username ?? user.uid}</span>
      ) : (
        <button
          type="button"
          data-testid="signin-button"
          disabled={status === 'loading'}
          onClick={() => void signIn(['username', 'payments']).catch(() => {})}
        >
          {status === 'loading' ? 'Signing in…' : 'Sign in with Pi'}
        </button>
      )}
      {error ? (
        <p role="alert" data-testid="auth-error">
          {error.message}
        </p>
      ) : null}
    </header>
  );
}
