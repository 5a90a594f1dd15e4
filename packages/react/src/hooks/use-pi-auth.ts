'use client';
import {
  type AuthResult,
  type AuthStatus,
  authView,
  type IncompletePaymentState,
  type PiClient,
  type PiClientState,
  type PiKitError,
  type Scope,
} from '@pi-kit/core';
import { useMemo } from 'react';
import { useStoreView } from '../store/use-tracked-store';
import { useClient } from './use-pi-client';

/**
 * What `usePiAuth()` returns: core's `state.auth` and `state.incompletePayment`,
 * with the actions bound to the provider's client.
 */
export interface UsePiAuthResult {
  /**
   * `idle` (signed out), `loading` (signing in from signed out), `authenticated`, `error` (see
   * `error`). A signed-in user stays `authenticated` while `authenticate` runs again and when it
   * fails (their token is still valid); the failure is in `error`.
   */
  status: AuthStatus;
  /** `{ uid, username? }` from `Pi.authenticate`: for display only; servers verify `accessToken` with `GET /v2/me`. */
  user: AuthResult['user'] | null;
  /** The Pi access token to send to your server (which checks it with `GET /v2/me`). */
  accessToken: string | null;
  /** The scopes granted at the last successful sign-in. */
  scopes: Scope[];
  /**
   * Why the last sign-in (or, while signed in, the last re-authentication) failed: `PiBrowserRequiredError` (`pi_browser_required`: not in the
   * Pi Browser, `Pi.authenticate` never answered), `AuthenticationError`
   * (`authentication_failed`), `InvalidScopesError` (`invalid_scopes`), or the SDK's load/init
   * errors (`sdk_load_failed`, `sdk_unavailable`, `unsupported_version`, `sdk_call_failed`).
   */
  error: PiKitError | null;
  /** Shorthands of `status`. */
  isAuthenticated: boolean;
  isLoading: boolean;
  /**
   * The incomplete payment Pi reported (`onIncompletePaymentFound`: at sign-in, or when a
   * new payment was refused because of it) and its recovery through your server's
   * `incomplete` route, done by core automatically: `{ payment, status: 'recovering' |
   * 'resolved' | 'failed', outcome: 'completed' | 'cancelled' | null, error }`; `null` if none.
   * Source: payments.md, `onIncompletePaymentFound`.
   */
  incompletePayment: IncompletePaymentState | null;
  /**
   * Signs in: `Pi.authenticate(scopes, onIncompletePaymentFound)` (loading and initialising
   * the SDK first if needed). Default scopes `['username', 'payments']` (`payments` is needed
   * to pay). Resolves with `{ accessToken, user }`; rejects with the typed error also put in
   * `error` (invalid `scopes` while signed in: rejects only, the user stays signed in).
   * Concurrent calls share one request.
   */
  signIn(scopes?: Scope[]): Promise<AuthResult>;
  /** Forgets the user and token in this app (Pi has no sign-out of its own). */
  signOut(): void;
  /**
   * Sends the incomplete payment to your server's `incomplete` route again (after a
   * `failed` recovery). Resolves with `{ payment, outcome }`; rejects with
   * `ServerRequestError` (`server_request_failed`); without an incomplete payment, resolves `null`.
   */
  retryRecovery(): Promise<{ payment: IncompletePaymentState['payment']; outcome: 'completed' | 'cancelled' } | null>;
}

type AuthActions = Pick<UsePiAuthResult, 'signIn' | 'signOut' | 'retryRecovery'>;

function authActions(client: PiClient): AuthActions {
  return {
    signIn: (scopes) => client.authenticate(scopes),
    signOut: () => client.signOut(),
    retryRecovery: () => {
      const incomplete = client.store.getState().incompletePayment;
      return incomplete ? client.recoverIncompletePayment(incomplete.payment) : Promise.resolve(null);
    },
  };
}

function buildAuth(state: PiClientState, actions: AuthActions): UsePiAuthResult {
  return { ...authView(state), ...actions };
}

/**
 * The signed-in Pi user, sign-in and sign-out, and the recovery of an incomplete
 * payment. Without a selector, the component re-renders only when a field it reads
 * changes (`const { status } = usePiAuth()` ignores token or recovery changes); with a
 * selector, when the selected value changes (shallowly).
 *
 * Source: Pi SDK reference, `Pi.authenticate`; payments.md, `onIncompletePaymentFound`.
 * @throws {PiProviderMissingError} outside a `<PiProvider>`.
 *
 * ```tsx
 * const { status, user, signIn } = usePiAuth();
 * if (status !== 'authenticated') return <button onClick={() => signIn().catch(() => {})}>Sign in with Pi</button>;
 * return <p>Hello @{user?.username}</p>;
 * ```
 */
export function usePiAuth(): UsePiAuthResult;
export function usePiAuth<T>(select: (auth: UsePiAuthResult) => T): T;
export function usePiAuth<T>(select?: (auth: UsePiAuthResult) => T): UsePiAuthResult | T {
  const client = useClient('usePiAuth');
  const actions = useMemo(() => authActions(client), [client]);
  return useStoreView(client.store, (state: PiClientState) => buildAuth(state, actions), select);
}
