import type { IncompleteOutcome } from '../contract/routes';
import type { PiEnvironmentHint } from '../env/environment';
import type { PiKitError } from '../errors/base';
import type { PiBrowserRequiredError } from '../errors/sdk';
import type { PaymentSnapshot } from '../payment/snapshot';
import type { AuthResult, Scope } from '../types/auth';
import type { PaymentDTO } from '../types/payment';
import type { NativeFeature } from '../types/sdk';

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
  /**
   * Not in the Pi Browser, as `Pi.authenticate` showed: the `PiBrowserRequiredError`
   * (`code: "pi_browser_required"`) of the last `authenticate` that got no answer within
   * `authTimeoutMs` (or hit the SDK's own messaging timeout); `null` until then, and
   * again once `Pi.authenticate` answers (the Pi Browser is there). Independent of
   * `status` (the SDK was initialised) and of `signOut`. Source: docs/PI-PLATFORM.md ("The browser SDK").
   */
  notInPiBrowser: PiBrowserRequiredError | null;
}

/**
 * The sign-in lifecycle: `idle` (signed out), `loading` (signing in from signed out),
 * `authenticated`, `error` (a sign-in from signed out failed). A signed-in user stays
 * `authenticated` while `authenticate` runs again and when it fails: Pi's token is still valid.
 */
export type AuthStatus = 'idle' | 'loading' | 'authenticated' | 'error';

/** `state.auth`. `user` is for display only: servers verify `accessToken` with `GET /v2/me`. */
export interface AuthState {
  status: AuthStatus;
  user: AuthResult['user'] | null;
  accessToken: string | null;
  /** The scopes of the last successful `authenticate`. */
  scopes: Scope[];
  /**
   * Why the last sign-in failed (with `status: "error"`), or, with `status: "authenticated"`, why
   * the last re-authentication failed: `PiBrowserRequiredError`, `AuthenticationError`,
   * `InvalidScopesError`, or an init error. `null` after a success.
   */
  error: PiKitError | null;
}

/**
 * The lifecycle of `nativeFeaturesList(client)`: `idle` (never asked), `loading`,
 * `ready` (`features` known), `error` (see `error`; the next call asks again).
 */
export type NativeFeaturesStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * `state.nativeFeatures`: the Pi Browser's native features (`Pi.nativeFeaturesList()`),
 * asked once per client: the list does not change while the app runs.
 * Source: Pi SDK reference, `nativeFeaturesList`.
 */
export interface NativeFeaturesState {
  status: NativeFeaturesStatus;
  /** `inline_media`, `request_permission`, `ad_network`…; `null` until `ready`. A frozen array. */
  features: readonly NativeFeature[] | null;
  /** `NotInitializedError` (asked before `init`) or `SdkCallError` (`Pi.nativeFeaturesList` failed, e.g. an old Pi Browser). */
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
 *   sdk:  { status: 'idle'|'loading'|'ready'|'unavailable'|'error', error, sandbox, environment, notInPiBrowser },
 *   auth: { status: 'idle'|'loading'|'authenticated'|'error', user, accessToken, scopes, error },
 *   payment: null | { phase, data, paymentId, txid, payment, error, approval, completion },
 *   incompletePayment: null | { payment, status: 'recovering'|'resolved'|'failed', outcome, error },
 *   nativeFeatures: { status: 'idle'|'loading'|'ready'|'error', features, error },
 * }
 * ```
 */
export interface PiClientState {
  sdk: SdkState;
  auth: AuthState;
  /** The client's current (last started) payment, or `null` before the first one and after `resetPayment()`. */
  payment: PaymentSnapshot | null;
  incompletePayment: IncompletePaymentState | null;
  nativeFeatures: NativeFeaturesState;
}

/** The signed-out `auth` slice. */
export const SIGNED_OUT: AuthState = Object.freeze({ status: 'idle', user: null, accessToken: null, scopes: [], error: null }) as AuthState;

/** The `nativeFeatures` slice before `nativeFeaturesList(client)` was called. */
export const NATIVE_FEATURES_UNKNOWN: NativeFeaturesState = Object.freeze({
  status: 'idle',
  features: null,
  error: null,
}) as NativeFeaturesState;
