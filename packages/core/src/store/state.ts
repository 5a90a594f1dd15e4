import type { IncompleteOutcome } from '../contract/routes';
import type { PiEnvironmentHint } from '../env/environment';
import type { PiKitError } from '../errors/base';
import type { PaymentSnapshot } from '../payment/snapshot';
import type { AuthResult, Scope } from '../types/auth';
import type { PaymentDTO } from '../types/payment';

/**
 * The SDK's lifecycle: `idle` (not loaded), `loading` (script loading or `Pi.init`
 * running), `ready` (initialised), `unavailable` (no browser: SSR), `error` (see `error`).
 */
export type SdkStatus = 'idle' | 'loading' | 'ready' | 'unavailable' | 'error';

/** `state.sdk`. */
export interface SdkState {
  status: SdkStatus;
  /** `SdkLoadError`, `SdkUnavailableError`, `UnsupportedVersionError` or `SdkCallError` (from `Pi.init`). */
  error: PiKitError | null;
  /** The `sandbox` flag the client was created with. */
  sandbox: boolean;
  /** A synchronous hint of where the app runs (see `detectPiEnvironment`). */
  environment: PiEnvironmentHint;
}

/** The sign-in lifecycle: `idle` (signed out), `loading`, `authenticated`, `error`. */
export type AuthStatus = 'idle' | 'loading' | 'authenticated' | 'error';

/** `state.auth`. `user` is for display only: servers verify `accessToken` with `GET /v2/me`. */
export interface AuthState {
  status: AuthStatus;
  user: AuthResult['user'] | null;
  accessToken: string | null;
  /** The scopes of the last successful `authenticate`. */
  scopes: Scope[];
  /** `PiBrowserRequiredError`, `AuthenticationError`, `InvalidScopesError`, or an init error. */
  error: PiKitError | null;
}

/**
 * `state.incompletePayment`: the last payment Pi reported through
 * `onIncompletePaymentFound` (a transaction exists, not completed), and its
 * recovery through the app server's `incomplete` route: `recovering` (request in
 * flight), `resolved` (`outcome` `"completed"` or `"cancelled"`), `failed` (`error`;
 * retried at the next `authenticate` or by `client.recoverIncompletePayment`).
 */
export interface IncompletePaymentState {
  payment: PaymentDTO;
  status: 'recovering' | 'resolved' | 'failed';
  outcome: IncompleteOutcome | null;
  error: PiKitError | null;
}

/**
 * The whole state of a Pi client, in a zustand vanilla store (`client.store`).
 * Slices are flat and replaced (never mutated) on change, so selectors such as
 * `(s) => s.payment?.phase` are stable.
 *
 * ```ts
 * {
 *   sdk:  { status: 'idle'|'loading'|'ready'|'unavailable'|'error', error, sandbox, environment },
 *   auth: { status: 'idle'|'loading'|'authenticated'|'error', user, accessToken, scopes, error },
 *   payment: null | { phase, data, paymentId, txid, payment, error, approval, completion },
 *   incompletePayment: null | { payment, status: 'recovering'|'resolved'|'failed', outcome, error },
 * }
 * ```
 */
export interface PiClientState {
  sdk: SdkState;
  auth: AuthState;
  /** The client's current (last started) payment, or `null` before the first one. */
  payment: PaymentSnapshot | null;
  incompletePayment: IncompletePaymentState | null;
}

/** The signed-out `auth` slice. */
export const SIGNED_OUT: AuthState = Object.freeze({ status: 'idle', user: null, accessToken: null, scopes: [], error: null }) as AuthState;
