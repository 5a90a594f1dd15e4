import type { PiClientState } from '../store/state';

/**
 * Sign-in as a UI shows it: the auth slice, its derived flags, and the incomplete payment Pi
 * reported at sign-in with its recovery.
 */
export type AuthView = PiClientState['auth'] & {
  isAuthenticated: boolean;
  /** Signing in from signed out (a re-authentication of a signed-in user keeps `authenticated`). */
  isLoading: boolean;
  incompletePayment: PiClientState['incompletePayment'];
};

/**
 * The {@link AuthView} of a client state. Pure.
 *
 * Source: `Pi.authenticate` and `onIncompletePaymentFound`, docs/PI-PLATFORM.md "The browser SDK".
 */
export function authView(state: PiClientState): AuthView {
  const { auth, incompletePayment } = state;
  return { ...auth, isAuthenticated: auth.status === 'authenticated', isLoading: auth.status === 'loading', incompletePayment };
}
